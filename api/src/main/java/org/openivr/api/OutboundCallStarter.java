package org.openivr.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openivr.flows.Flow;
import org.openivr.flows.FlowException;
import org.openivr.flows.FlowLoader;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallSearchAttributes;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.Outbound;
import org.openivr.workflows.PinnedFlow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Starts one {@link CallWorkflow} per outbound call ({@code POST /api/calls}). With an {@code Idempotency-Key}, the
 * workflow id is derived from the key ({@code call-out-} and 32 hex digits of its SHA-256) and duplicates are rejected by Temporal
 * (even after the call ended), so a retried request returns the call it already placed and never dials twice.
 */
@Component
public class OutboundCallStarter {
    private static final Logger log = LoggerFactory.getLogger(OutboundCallStarter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "call-out-";
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern FLOW_NAME = Pattern.compile("[a-z0-9-]{1,100}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final List<String> FIELDS = List.of("to", "from", "flow", "variables");
    /** Memo of an outbound call: a fingerprint of the request, to tell a retry from a reused key. */
    static final String REQUEST_MEMO = "request";

    /**
     * @param flow     the flow pinned for the call
     * @param flowHash the pinned content's SHA-256
     * @param replayed the key was seen before: this is the call it placed then
     */
    public record Started(String callId, String flow, String flowHash, boolean replayed) {}

    private final WorkflowClient client;
    private final FlowCatalog flows;
    private final OutboundProperties outbound;

    public OutboundCallStarter(WorkflowClient client, FlowCatalog flows, OutboundProperties outbound) {
        this.client = client;
        this.flows = flows;
        this.outbound = outbound;
    }

    /**
     * The workflow id for a request: from its idempotency key (the first 128 bits of its SHA-256, as hex: the key
     * itself never shows), or fresh.
     */
    static String callId(String idempotencyKey) {
        return PREFIX + (idempotencyKey == null ? UUID.randomUUID().toString() : sha256(idempotencyKey).substring(0, 32));
    }

    /** Reads and checks the body; every problem is a 400 that says what to fix. */
    OutboundCallRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object like {\"to\": \"+14255550123\", \"flow\":"
                    + " \"appointment-reminder\"}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + name + "'; a call has " + FIELDS);
            }
        }
        String to = text(body, "to", true);
        if (!E164.matcher(to).matches()) {
            throw ApiProblem.badRequest("'to' must be a phone number in E.164 form, like +14255550123, not '" + to + "'");
        }
        String from = text(body, "from", false);
        if (from == null) {
            from = outbound.callerId();
            if (from == null) {
                throw ApiProblem.badRequest("'from' is required: the number the call comes from (no default is"
                        + " configured in ivr.outbound.caller-id)");
            }
        }
        if (!E164.matcher(from).matches()) {
            throw ApiProblem.badRequest("'from' must be a phone number in E.164 form, like +18005550100, not '" + from
                    + "'");
        }
        if (from.equals(to)) {
            throw ApiProblem.badRequest("'from' and 'to' are the same number");
        }
        String flow = text(body, "flow", true);
        if (!FLOW_NAME.matcher(flow).matches()) {
            throw ApiProblem.badRequest("'flow' must be a flow name (lowercase letters, digits and '-'), not '" + flow
                    + "'");
        }
        JsonNode variables = body.get("variables");
        Map<String, Object> values = new LinkedHashMap<>();
        if (variables != null && !variables.isNull()) {
            if (!variables.isObject()) {
                throw ApiProblem.badRequest("'variables' must be an object of variable name to value");
            }
            variables.fields().forEachRemaining(e -> values.put(e.getKey(), scalar(e.getKey(), e.getValue())));
        }
        return new OutboundCallRequest(to, from, flow, values);
    }

    /** Places the call; a request with a key seen before returns the call that key placed. */
    public Started start(OutboundCallRequest request, String idempotencyKey) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Bad Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        String callId = callId(idempotencyKey);
        String fingerprint = fingerprint(request);
        if (idempotencyKey != null) {
            // A retry gets its call back even if the flow changed or went away since.
            Optional<Started> earlier = existing(callId, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        PinnedFlow pinned = flows.pin(request.flow()).orElseThrow(() -> ApiProblem.badRequest("flow '" + request.flow()
                + "' does not exist or has never validated (see GET /api/flows)"));
        Map<String, Object> variables = checkVariables(pinned, request.variables());
        WorkflowOptions options = CallWorkflowOptions.forCall(callId, pinned, "dialling")
                .setMemo(Map.of("direction", "outbound", REQUEST_MEMO, fingerprint))
                .build();
        CallInput input = new CallInput(callId, null, "4:" + request.to(), "4:" + request.from(), pinned, null,
                new Outbound("4:" + request.to(), request.from()), variables);
        CallWorkflow workflow = client.newWorkflowStub(CallWorkflow.class, options);
        try {
            WorkflowClient.start(workflow::run, input);
        } catch (WorkflowExecutionAlreadyStarted e) {
            // The same key, twice at once: the other request started it.
            return existing(callId, fingerprint).orElseThrow(() -> e);
        }
        log.info("{} outbound call from {} starts flow {} ({} variable(s) set)", callId, request.from(), pinned.name(),
                variables.size());
        return new Started(callId, pinned.name(), pinned.contentHash(), false);
    }

    /**
     * The call this key placed before, if any: the same request gets it back (its flow as pinned then); a different
     * request with the same key is refused (422).
     */
    private Optional<Started> existing(String callId, String fingerprint) {
        WorkflowExecutionDescription description;
        try {
            description = client.newUntypedWorkflowStub(callId).describe();
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        }
        Object earlier = description.getMemo(REQUEST_MEMO, String.class);
        if (earlier != null && !earlier.equals(fingerprint)) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused",
                    "this Idempotency-Key already placed call " + callId + " with a different request; use a new key"
                            + " for a new call");
        }
        log.info("{} POST /api/calls repeated with the same Idempotency-Key: the call already exists, nothing dialled",
                callId);
        SearchAttributes attributes = description.getTypedSearchAttributes();
        return Optional.of(new Started(callId, attributes.get(CallSearchAttributes.FLOW_NAME),
                attributes.get(CallSearchAttributes.FLOW_HASH), true));
    }

    /**
     * The request's variables, each declared by the flow and of its declared type (a whole number may fill a
     * number variable). Declared means declared by the main flow: that is what a call starts with.
     */
    static Map<String, Object> checkVariables(PinnedFlow pinned, Map<String, Object> requested) {
        if (requested == null || requested.isEmpty()) {
            return Map.of();
        }
        Flow flow;
        try {
            flow = FlowLoader.parse(pinned.file(), pinned.content(), name -> Optional.ofNullable(pinned.subflows().get(name)));
        } catch (FlowException e) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Flow does not load",
                    "flow '" + pinned.name() + "' was pinned but does not load: " + e.getMessage());
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : requested.entrySet()) {
            String name = entry.getKey();
            if (!flow.variables().containsKey(name)) {
                throw ApiProblem.badRequest("flow '" + flow.name() + "' declares no variable '" + name + "'; it declares "
                        + flow.variables().keySet());
            }
            Object declared = flow.variables().get(name);
            Object value = entry.getValue();
            Object typed = typed(declared, value);
            if (typed == null) {
                throw ApiProblem.badRequest("variable '" + name + "' of flow '" + flow.name() + "' holds " + kind(declared)
                        + ", not " + kind(value) + " (" + value + ")");
            }
            checked.put(name, typed);
        }
        return checked;
    }

    private static Object typed(Object declared, Object value) {
        if (declared instanceof String) {
            return value instanceof String ? value : null;
        }
        if (declared instanceof Boolean) {
            return value instanceof Boolean ? value : null;
        }
        if (declared instanceof Long) {
            return value instanceof Long ? value : null;
        }
        if (declared instanceof Double) {
            return value instanceof Long l ? Double.valueOf(l) : value instanceof Double ? value : null;
        }
        return null;
    }

    static String kind(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Long) {
            return "a whole number";
        }
        if (value instanceof Double) {
            return "a number";
        }
        return "something else";
    }

    private static Object scalar(String name, JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        throw ApiProblem.badRequest("variable '" + name + "' must be a string, number or boolean, not "
                + (value.isNull() ? "null" : value.getNodeType().name().toLowerCase()));
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiProblem.badRequest("'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiProblem.badRequest("'" + field + "' must be a non-empty string");
        }
        return value.asText().trim();
    }

    /** The request as a canonical string's SHA-256: equal requests have equal fingerprints. */
    static String fingerprint(OutboundCallRequest request) {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("to", request.to());
        canonical.put("from", request.from());
        canonical.put("flow", request.flow());
        canonical.put("variables", new TreeMap<>(request.variables() == null ? Map.of() : request.variables()));
        try {
            return sha256(JSON.writeValueAsString(canonical));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a call request", e);
        }
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
