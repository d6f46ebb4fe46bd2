package org.openivr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallInput;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CallSearchAttributes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The management API in a full Spring context over Temporal's in-process test server, with {@link FakeCallWorkflow}
 * standing in for the interpreter: API keys, problem details for every refusal, placing calls once per
 * Idempotency-Key, reading and hanging up calls, the flows API, and the OpenAPI document.
 */
@SpringBootTest(classes = ApiApplication.class, properties = {
        "spring.temporal.test-server.enabled=true",
        "spring.temporal.workers[0].task-queue=ivr-calls",
        "spring.temporal.workers[0].workflow-classes[0]=org.openivr.api.FakeCallWorkflow",
        "ivr.api.keys=" + ManagementApiTest.KEY + ",second-key-0123456789",
        "ivr.outbound.caller-id=+18005550100",
        "ivr.acs.callback-auth.audience=test-acs-resource",
        "ivr.temporal.payload-keys=test-1=" + ManagementApiTest.PAYLOAD_KEY,
        "ivr.api.codec-endpoint=true"})
@AutoConfigureMockMvc
class ManagementApiTest {
    static final String KEY = "test-key-6b1f0c2e9d7a4e31";
    static final String PAYLOAD_KEY = "q0Tl2cH1yq1f9r4mXh3m7m8t6v3b1YxXoQk0a9xZc2E=";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FLOWS = flowsFolder();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private WorkflowClient client;
    @Autowired
    private TestWorkflowEnvironment environment;

    @DynamicPropertySource
    static void flows(DynamicPropertyRegistry registry) {
        registry.add("ivr.flows-dir", FLOWS::toString);
    }

    private static Path flowsFolder() {
        try {
            Path dir = Files.createTempDirectory("api-flows-");
            Files.writeString(dir.resolve("hello.yaml"), """
                    flow: hello
                    description: Says hello
                    start: greet
                    variables:
                      patient: ""
                      visits: 0
                      balance: 0.5
                      vip: false
                    nodes:
                      greet:
                        play: "Hello ${patient}."
                        next: end
                      end:
                        hangup: {}
                    """);
            Files.writeString(dir.resolve("broken.yaml"), """
                    flow: broken
                    start: greet
                    nodes:
                      greet:
                        play: "Hello."
                        next: nowhere
                    """);
            Files.writeString(dir.resolve("hello.calls.yaml"), "flow: hello\ncalls: []\n");
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void searchAttributes() {
        CallSearchAttributes.ALL.forEach(key -> environment.registerSearchAttribute(key.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    }

    private static MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + KEY);
    }

    private MvcResult placeCall(String body, String key) throws Exception {
        MockHttpServletRequestBuilder request = withKey(post("/api/calls")).contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request).andReturn();
    }

    private static JsonNode json(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    @Test
    void managementEndpointsNeedAKeyAndSayWhyInProblemJson() throws Exception {
        for (String path : new String[] {"/api/calls", "/api/flows", "/api/calls/call-x", "/api/flows/hello"}) {
            mvc.perform(get(path))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.title").value("Unauthorized"))
                    .andExpect(jsonPath("$.detail").value(containsString("API key is required")))
                    .andExpect(jsonPath("$.instance").value(path));
        }
        mvc.perform(post("/api/flows:validate").content("flow: x")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/calls/call-x/hangup")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/calls").header("Authorization", "Bearer wrong-key"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("the API key is not valid"));
        mvc.perform(get("/api/calls").header("X-Api-Key", KEY.substring(1))).andExpect(status().isUnauthorized());

        mvc.perform(get("/api/flows").header("X-Api-Key", KEY)).andExpect(status().isOk());
        mvc.perform(get("/api/flows").header("Authorization", "bearer second-key-0123456789")).andExpect(status().isOk());
        // The ACS webhooks keep their own checks: no API key, and their own 400 for a bad body.
        mvc.perform(post("/api/events").contentType(MediaType.APPLICATION_JSON).content("[{\"id\":\"x\"}]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("'type'")));
        assertThat(ApiKeyFilter.isProtected("/api//calls")).isTrue();
        assertThat(ApiKeyFilter.isProtected("/api/callbacks/call-1")).isFalse();
    }

    @Test
    void badBodiesAreRefusedWithProblemDetailsThatSayWhat() throws Exception {
        String[][] cases = {
                {"{\"flow\":\"hello\"}", "'to' is required"},
                {"{\"to\":\"4255550123\",\"flow\":\"hello\"}", "'to' must be a phone number in E.164 form"},
                {"{\"to\":\"+14255550123\"}", "'flow' is required"},
                {"{\"to\":\"+14255550123\",\"flow\":\"nope\"}", "flow 'nope' does not exist"},
                {"{\"to\":\"+14255550123\",\"flow\":\"hello\",\"from\":\"+14255550123\"}", "the same number"},
                {"{\"to\":\"+14255550123\",\"flow\":\"hello\",\"too\":1}", "unknown field 'too'"},
                {"{\"to\":\"+14255550123\",\"flow\":\"hello\",\"variables\":{\"nickname\":\"Al\"}}",
                        "declares no variable 'nickname'"},
                {"{\"to\":\"+14255550123\",\"flow\":\"hello\",\"variables\":{\"visits\":\"two\"}}",
                        "variable 'visits' of flow 'hello' holds a whole number, not a string"},
                {"{\"to\":\"+14255550123\",\"flow\":\"hello\",\"variables\":{\"vip\":null}}", "not null"},
                {"[1,2]", "must be a JSON object"},
                {"{\"to\":", "not valid JSON"},
        };
        for (String[] c : cases) {
            mvc.perform(withKey(post("/api/calls")).contentType(MediaType.APPLICATION_JSON).content(c[0]))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.title").exists())
                    .andExpect(jsonPath("$.detail").value(containsString(c[1])));
        }
        mvc.perform(withKey(post("/api/calls")).contentType(MediaType.TEXT_PLAIN).content("to=+1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.status").value(415));
        mvc.perform(withKey(get("/api/calls")).param("limit", "0")).andExpect(status().isBadRequest());
        mvc.perform(withKey(get("/api/calls/not-a-call"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Unknown call"));
        mvc.perform(withKey(get("/api/calls/call-nobody"))).andExpect(status().isNotFound());
        mvc.perform(withKey(post("/api/calls/call-nobody/hangup"))).andExpect(status().isNotFound());
    }

    @Test
    void aRetriedPostWithTheSameKeyReturnsTheSameCallAndStartsOneWorkflow() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"to\":\"+14255550123\",\"flow\":\"hello\",\"variables\":{\"patient\":\"Alex\",\"visits\":3,"
                + "\"balance\":2,\"vip\":true}}";

        MvcResult first = placeCall(body, key);
        MvcResult again = placeCall(body, key);

        assertThat(first.getResponse().getStatus()).isEqualTo(202);
        assertThat(again.getResponse().getStatus()).isEqualTo(202);
        String id = json(first).get("id").asText();
        assertThat(id).isEqualTo("call-out-" + OutboundCallStarter.sha256(key).substring(0, 32));
        assertThat(json(again).get("id").asText()).isEqualTo(id);
        assertThat(json(first).get("replayed").asBoolean()).isFalse();
        assertThat(json(again).get("replayed").asBoolean()).isTrue();
        assertThat(json(first).get("flow").asText()).isEqualTo("hello");
        assertThat(first.getResponse().getHeader("Location")).isEqualTo("/api/calls/" + id);
        assertThat(again.getResponse().getHeader("Location")).isEqualTo("/api/calls/" + id);
        assertThat(again.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");

        WorkflowStub call = client.newUntypedWorkflowStub(id);
        String runId = call.describe().getExecution().getRunId();
        CallInput input = workflowInput(id);
        assertThat(input.callerRawId()).isEqualTo("4:+14255550123");
        assertThat(input.calledRawId()).isEqualTo("4:+18005550100");
        assertThat(input.outbound().targetRawId()).isEqualTo("4:+14255550123");
        assertThat(input.outbound().callerIdPhone()).isEqualTo("+18005550100");
        assertThat(input.incomingCallContext()).isNull();
        assertThat(input.flow().name()).isEqualTo("hello");
        assertThat(input.variables()).containsEntry("patient", "Alex").containsEntry("visits", 3)
                .containsEntry("vip", true).containsEntry("balance", 2.0);

        // the same key with another request is not a retry
        MvcResult other = placeCall("{\"to\":\"+14255550199\",\"flow\":\"hello\"}", key);
        assertThat(other.getResponse().getStatus()).isEqualTo(422);
        assertThat(json(other).get("title").asText()).isEqualTo("Idempotency-Key reused");
        assertThat(call.describe().getExecution().getRunId()).isEqualTo(runId);

        // after the call ended, the key still names it
        call.signal("hangUp");
        call.getResult(10, TimeUnit.SECONDS, CallResult.class);
        MvcResult late = placeCall(body, key);
        assertThat(late.getResponse().getStatus()).isEqualTo(202);
        assertThat(json(late).get("id").asText()).isEqualTo(id);
        assertThat(call.describe().getExecution().getRunId()).isEqualTo(runId);

        MvcResult badKey = placeCall(body, "with space");
        assertThat(badKey.getResponse().getStatus()).isEqualTo(400);
        MvcResult noKey = placeCall(body, null);
        assertThat(json(noKey).get("id").asText()).startsWith("call-out-").isNotEqualTo(id);
        client.newUntypedWorkflowStub(json(noKey).get("id").asText()).signal("hangUp");
    }

    @Test
    void whatACallCarriesIsEncryptedInTemporalAndTheApiStillReadsIt() throws Exception {
        String id = json(placeCall("{\"to\":\"+14255550166\",\"flow\":\"hello\",\"variables\":{\"patient\":\"Zebulon\"}}",
                UUID.randomUUID().toString())).get("id").asText();
        awaitState(id);

        var raw = environment.getWorkflowServiceStubs().blockingStub().getWorkflowExecutionHistory(
                io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest.newBuilder()
                        .setNamespace(environment.getNamespace())
                        .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(id))
                        .build()).getHistory();
        var started = raw.getEvents(0).getWorkflowExecutionStartedEventAttributes();
        assertThat(started.getInput().getPayloadsList()).isNotEmpty()
                .allMatch(org.openivr.workflows.payload.EncryptingPayloadCodec::isEncrypted);
        assertThat(started.getMemo().getFieldsMap()).isNotEmpty().allSatisfy((name, payload) ->
                assertThat(org.openivr.workflows.payload.EncryptingPayloadCodec.isEncrypted(payload)).as(name).isTrue());
        assertThat(raw.toByteString().toStringUtf8()).doesNotContain("Zebulon");
        // the API reads them back: the call's variables, and the memo that tells a retry from a reused key
        assertThat(workflowInput(id).variables()).containsEntry("patient", "Zebulon");
        mvc.perform(withKey(get("/api/calls/" + id))).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(id));
        client.newUntypedWorkflowStub(id).signal("hangUp");
    }

    @Test
    void theCodecEndpointDecryptsForTemporalsToolsOnlyWithAKey() throws Exception {
        String id = json(placeCall("{\"to\":\"+14255550167\",\"flow\":\"hello\",\"variables\":{\"patient\":\"Ysolde\"}}",
                null)).get("id").asText();
        awaitState(id);
        var encrypted = client.fetchHistory(id).getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput();
        var plain = io.temporal.common.converter.DefaultDataConverter.newDefaultInstance().toPayloads("in clear").orElseThrow();
        String body = com.google.protobuf.util.JsonFormat.printer().print(encrypted.toBuilder()
                .addAllPayloads(plain.getPayloadsList()).build());

        MvcResult decoded = mvc.perform(withKey(post("/api/codec/decode")).header("X-Namespace", "default")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andReturn();
        var payloads = io.temporal.api.common.v1.Payloads.newBuilder();
        com.google.protobuf.util.JsonFormat.parser().merge(decoded.getResponse().getContentAsString(), payloads);
        assertThat(payloads.getPayloadsList()).hasSize(2).noneMatch(org.openivr.workflows.payload.EncryptingPayloadCodec::isEncrypted);
        CallInput input = io.temporal.common.converter.DefaultDataConverter.newDefaultInstance()
                .fromPayloads(0, java.util.Optional.of(payloads.build()), CallInput.class, CallInput.class);
        assertThat(input.variables()).containsEntry("patient", "Ysolde");
        assertThat(payloads.getPayloads(1)).as("a payload in clear comes back as it was").isEqualTo(plain.getPayloads(0));

        mvc.perform(post("/api/codec/decode").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        byte[] data = encrypted.getPayloads(0).getData().toByteArray();
        data[data.length - 1] ^= 0x01;
        String tampered = com.google.protobuf.util.JsonFormat.printer().print(io.temporal.api.common.v1.Payloads.newBuilder()
                .addPayloads(encrypted.getPayloads(0).toBuilder().setData(com.google.protobuf.ByteString.copyFrom(data))).build());
        mvc.perform(withKey(post("/api/codec/decode")).contentType(MediaType.APPLICATION_JSON).content(tampered))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("failed authentication")));
        mvc.perform(withKey(post("/api/codec/decode")).contentType(MediaType.APPLICATION_JSON).content("{\"payload\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", startsWith("the body must be {\"payloads\"")));
        client.newUntypedWorkflowStub(id).signal("hangUp");
    }

    private CallInput workflowInput(String id) {
        var history = client.fetchHistory(id);
        var started = history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
        return client.getOptions().getDataConverter().fromPayloads(0,
                java.util.Optional.of(started.getInput()), CallInput.class, CallInput.class);
    }

    @Test
    void openCallsAreListedReadAndHungUp() throws Exception {
        String id = json(placeCall("{\"to\":\"+14255550177\",\"from\":\"+18005550111\",\"flow\":\"hello\"}", null))
                .get("id").asText();
        awaitState(id);

        mvc.perform(withKey(get("/api/calls")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.calls[*].id", hasItem(id)));
        MvcResult list = mvc.perform(withKey(get("/api/calls"))).andReturn();
        JsonNode summary = null;
        for (JsonNode call : json(list).get("calls")) {
            if (call.get("id").asText().equals(id)) {
                summary = call;
            }
        }
        assertThat(summary).isNotNull();
        assertThat(summary.get("flow").asText()).isEqualTo("hello");
        assertThat(summary.get("node").asText()).isEqualTo("greet");
        assertThat(summary.get("state").asText()).isEqualTo("running");
        assertThat(summary.get("waitingFor").asText()).isEqualTo("4:+14255550177 from +18005550111");

        mvc.perform(withKey(get("/api/calls/" + id)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.state").value("running"))
                .andExpect(jsonPath("$.execution").value("RUNNING"))
                .andExpect(jsonPath("$.timeline[0].node").value("greet"))
                .andExpect(jsonPath("$.result").doesNotExist());

        mvc.perform(withKey(post("/api/calls/" + id + "/hangup")))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.hangUp").value("requested"));
        client.newUntypedWorkflowStub(id).getResult(10, TimeUnit.SECONDS, CallResult.class);

        mvc.perform(withKey(get("/api/calls/" + id)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ended"))
                .andExpect(jsonPath("$.execution").value("COMPLETED"))
                .andExpect(jsonPath("$.result.ending").value("hungup-by-operator"))
                .andExpect(jsonPath("$.variables.pin").value("****"));
        mvc.perform(withKey(post("/api/calls/" + id + "/hangup")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Call already ended"));
        assertThat(client.newUntypedWorkflowStub(id).describe().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        mvc.perform(withKey(get("/api/calls"))).andExpect(jsonPath("$.calls[?(@.id == '" + id + "')]").isEmpty());
    }

    private void awaitState(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (client.newUntypedWorkflowStub(id).query("state", Object.class) != null) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the first workflow task has not run yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("call " + id + " never answered its state query");
    }

    @Test
    void flowsAreListedShownAndValidatedWithPositions() throws Exception {
        mvc.perform(withKey(get("/api/flows")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.flows.length()").value(2))
                .andExpect(jsonPath("$.flows[0].name").value("broken"))
                .andExpect(jsonPath("$.flows[0].valid").value(false))
                .andExpect(jsonPath("$.flows[0].errors").value(1))
                .andExpect(jsonPath("$.flows[1].name").value("hello"))
                .andExpect(jsonPath("$.flows[1].valid").value(true))
                .andExpect(jsonPath("$.flows[1].description").value("Says hello"));

        MvcResult hello = mvc.perform(withKey(get("/api/flows/hello"))).andExpect(status().isOk()).andReturn();
        JsonNode details = json(hello);
        String content = Files.readString(FLOWS.resolve("hello.yaml"));
        assertThat(details.get("content").asText()).isEqualTo(content);
        assertThat(details.get("hash").asText()).isEqualTo(org.openivr.flows.FlowLoader.contentHash(content));
        assertThat(details.get("diagram").asText()).contains("flowchart TD").contains("greet<br/>play");
        assertThat(details.get("problems")).isEmpty();
        mvc.perform(withKey(get("/api/flows/broken")))
                .andExpect(jsonPath("$.diagram").doesNotExist())
                .andExpect(jsonPath("$.problems[0].line").value(6))
                .andExpect(jsonPath("$.problems[0].column").value(11));
        mvc.perform(withKey(get("/api/flows/missing"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Unknown flow"));
        mvc.perform(withKey(get("/api/flows/..%2Fsecret"))).andExpect(status().is4xxClientError());

        mvc.perform(withKey(post("/api/flows:validate")).contentType("application/yaml").content("""
                        flow: typo
                        start: greet
                        nodes:
                          greet:
                            play: "Hi."
                            next: goodbye
                        """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.file").value("typo.yaml"))
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.errors").value(1))
                .andExpect(jsonPath("$.problems[0].file").value("typo.yaml"))
                .andExpect(jsonPath("$.problems[0].line").value(6))
                .andExpect(jsonPath("$.problems[0].column").value(11))
                .andExpect(jsonPath("$.problems[0].severity").value("error"))
                .andExpect(jsonPath("$.problems[0].message").value(containsString("'goodbye'")));
        mvc.perform(withKey(post("/api/flows:validate")).contentType(MediaType.TEXT_PLAIN)
                        .content(content))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(true))
                .andExpect(jsonPath("$.flow").value("hello"))
                .andExpect(jsonPath("$.problems").isEmpty());
        mvc.perform(withKey(post("/api/flows:validate")).contentType(MediaType.TEXT_PLAIN).content(""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("the body must be the flow's YAML text"));
    }

    @Test
    void theOpenApiDocumentIsServedWithOneErrorShape() throws Exception {
        MvcResult result = mvc.perform(get("/api/openapi.json")).andExpect(status().isOk()).andReturn();
        JsonNode api = json(result);

        assertThat(api.at("/paths").fieldNames()).toIterable()
                .contains("/api/calls", "/api/calls/{id}", "/api/calls/{id}/hangup", "/api/flows", "/api/flows/{name}",
                        "/api/flows:validate", "/api/events", "/api/callbacks/{callId}");
        assertThat(api.at("/components/schemas/Problem/properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "instance");
        assertThat(api.at("/components/securitySchemes").fieldNames()).toIterable().contains("bearer", "apiKey");
        JsonNode place = api.at("/paths/~1api~1calls/post");
        assertThat(place.at("/responses").fieldNames()).toIterable().contains("202", "400", "401", "422", "500");
        assertThat(place.at("/security")).isNotEmpty();
        assertThat(api.at("/paths/~1api~1events/post/security").isMissingNode()).isTrue();
        api.at("/paths").forEach(item -> item.forEach(operation -> operation.get("responses").fields()
                .forEachRemaining(response -> {
                    if (response.getKey().matches("[45]..")) {
                        assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asText())
                                .as(response.getKey()).isEqualTo("#/components/schemas/Problem");
                    }
                })));
        String page = mvc.perform(get("/api/docs")).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(page).isEqualTo("/api/swagger-ui/index.html");
        mvc.perform(get(page)).andExpect(status().isOk());
    }
}
