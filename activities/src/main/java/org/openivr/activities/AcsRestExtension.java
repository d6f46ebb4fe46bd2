/*
 * Why this class exists: azure-communication-callautomation 1.0.4 (the only version this project can
 * install) speaks api-version 2023-03-06, which has no text-to-speech play sources (text, ssml), no
 * several-prompt recognize and no callIntelligenceOptions on answer. This class sends exactly those
 * requests as plain REST at api-version 2025-06-15, signed by the SDK's own HmacAuthenticationPolicy over
 * the same HTTP client. Keep it small; delete it when a newer SDK with these features can be used.
 */
package org.openivr.activities;

import com.azure.communication.common.CommunicationIdentifier;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.communication.common.MicrosoftTeamsUserIdentifier;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.PlaySource;
import org.openivr.workflows.RecognizeKeys;
import org.openivr.workflows.StreamingOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** REST calls for what SDK 1.0.4 lacks (see the comment at the top of this file). */
public final class AcsRestExtension {

    /** Newest stable api-version (acs-wire 2.0). */
    public static final String API_VERSION = "2025-06-15";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(AcsRestExtension.class);

    private final HttpPipeline pipeline;
    private final String endpoint;

    public AcsRestExtension(HttpPipeline pipeline, String endpoint) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(endpoint, "endpoint");
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    public AcsRestExtension(AcsClients clients) {
        this(clients.restPipeline(), clients.endpoint());
    }

    /**
     * {@code POST /calling/callConnections:answer} with {@code callIntelligenceOptions}, for when text-to-speech
     * needs a Cognitive Services endpoint (1.0.4 cannot send it). Idempotent through {@code repeatability}.
     */
    public AnsweredCall answer(String incomingCallContext, String callbackUri, String operationContext,
                               String cognitiveServicesEndpoint, Repeatability repeatability) {
        return answer(incomingCallContext, callbackUri, operationContext, cognitiveServicesEndpoint, null, repeatability);
    }

    /**
     * As above, plus {@code mediaStreamingOptions} (acs-wire 2.1, 2025-05-15+) when {@code streaming} is not null:
     * websocket transport, audio content, the given channels, and whether streaming starts when the call connects.
     */
    public AnsweredCall answer(String incomingCallContext, String callbackUri, String operationContext,
                               String cognitiveServicesEndpoint, StreamingOptions streaming, Repeatability repeatability) {
        ObjectNode body = JSON.createObjectNode();
        body.put("incomingCallContext", incomingCallContext);
        body.put("callbackUri", callbackUri);
        putIfNotNull(body, "operationContext", operationContext);
        if (cognitiveServicesEndpoint != null) {
            body.putObject("callIntelligenceOptions").put("cognitiveServicesEndpoint", cognitiveServicesEndpoint);
        }
        if (streaming != null) {
            ObjectNode options = body.putObject("mediaStreamingOptions");
            options.put("transportUrl", streaming.transportUrl());
            options.put("transportType", "websocket");
            options.put("contentType", "audio");
            options.put("audioChannelType", streaming.channels() == null ? "mixed" : streaming.channels());
            options.put("startMediaStreaming", streaming.startNow());
        }
        JsonNode response = post("answer", "/calling/callConnections:answer", body, 200,
                repeatability.addTo(Context.NONE));
        return new AnsweredCall(text(response, "callConnectionId"), text(response, "serverCallId"),
                text(response, "correlationId"));
    }

    /** {@code :play} to everyone (acs-wire 2.3 PlayRequest); any mix of text, ssml and file sources. */
    public void play(String callConnectionId, List<PlaySource> sources, String operationContext) {
        play(callConnectionId, sources, operationContext, false);
    }

    /**
     * {@code :play} to everyone; with {@code interruptCallMediaOperation} it barges into what ACS is playing or
     * recognizing on the call (top level in the newer stable api-versions, acs-wire 2.3), which 1.0.4 cannot send.
     */
    public void play(String callConnectionId, List<PlaySource> sources, String operationContext,
                     boolean interruptCallMediaOperation) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode playSources = body.putArray("playSources");
        sources.forEach(s -> playSources.add(playSource(s)));
        body.putArray("playTo");
        if (interruptCallMediaOperation) {
            body.put("interruptCallMediaOperation", true);
        }
        putIfNotNull(body, "operationContext", operationContext);
        post("play", connectionPath(callConnectionId, ":play"), body, 202, Context.NONE);
    }

    /** DTMF {@code :recognize} with a list of prompts (acs-wire 2.3 RecognizeRequest). */
    public void recognizeDtmf(RecognizeKeys request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("recognizeInputType", "dtmf");
        if (request.interruptCallMediaOperation()) {
            body.put("interruptCallMediaOperation", true);
        }
        if (request.prompt() != null && !request.prompt().isEmpty()) {
            ArrayNode prompts = body.putArray("playPrompts");
            request.prompt().forEach(s -> prompts.add(playSource(s)));
        }
        ObjectNode options = body.putObject("recognizeOptions");
        options.set("targetParticipant", identifier(request.targetRawId()));
        options.put("interruptPrompt", request.interruptPrompt());
        options.put("initialSilenceTimeoutInSeconds", request.initialSilenceSeconds());
        ObjectNode dtmf = options.putObject("dtmfOptions");
        dtmf.put("interToneTimeoutInSeconds", request.interToneSeconds());
        dtmf.put("maxTonesToCollect", request.maxTones());
        ArrayNode stopTones = dtmf.putArray("stopTones");
        DtmfKeys.toneNames(request.stopKeys()).forEach(stopTones::add);
        putIfNotNull(body, "operationContext", request.operationContext());
        post("recognize", connectionPath(request.callConnectionId(), ":recognize"), body, 202, Context.NONE);
    }

    /** acs-wire 2.1 PlaySource. */
    static ObjectNode playSource(PlaySource source) {
        ObjectNode node = JSON.createObjectNode();
        switch (source.kind()) {
            case TEXT -> {
                node.put("kind", "text");
                ObjectNode text = node.putObject("text");
                text.put("text", source.value());
                putIfNotNull(text, "voiceName", source.voice());
                putIfNotNull(text, "sourceLocale", source.locale());
            }
            case SSML -> {
                node.put("kind", "ssml");
                node.putObject("ssml").put("ssmlText", source.value());
            }
            case AUDIO -> {
                node.put("kind", "file");
                node.putObject("file").put("uri", source.value());
            }
        }
        return node;
    }

    /** acs-wire 2.1 CommunicationIdentifierModel: kind, rawId and the matching sub-object. */
    static ObjectNode identifier(String rawId) {
        CommunicationIdentifier id = CommunicationIdentifier.fromRawId(rawId);
        ObjectNode node = JSON.createObjectNode();
        if (id instanceof PhoneNumberIdentifier phone) {
            node.put("kind", "phoneNumber");
            node.put("rawId", rawId);
            node.putObject("phoneNumber").put("value", phone.getPhoneNumber());
        } else if (id instanceof CommunicationUserIdentifier user) {
            node.put("kind", "communicationUser");
            node.put("rawId", rawId);
            node.putObject("communicationUser").put("id", user.getId());
        } else if (id instanceof MicrosoftTeamsUserIdentifier teams) {
            node.put("kind", "microsoftTeamsUser");
            node.put("rawId", rawId);
            ObjectNode sub = node.putObject("microsoftTeamsUser");
            sub.put("userId", teams.getUserId());
            sub.put("isAnonymous", teams.isAnonymous());
            sub.put("cloud", String.valueOf(teams.getCloudEnvironment()));
        } else {
            node.put("kind", "unknown");
            node.put("rawId", rawId);
        }
        return node;
    }

    /** POSTs {@code body} to {@code path} at {@link #API_VERSION}; anything but {@code expectedStatus} throws. */
    JsonNode post(String operation, String path, ObjectNode body, int expectedStatus, Context context) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + operation + " request", e);
        }
        HttpRequest request = new HttpRequest(HttpMethod.POST, endpoint + path + "?api-version=" + API_VERSION)
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setHeader(HttpHeaderName.ACCEPT, "application/json")
                .setBody(bytes);
        HttpResponse response = pipeline.send(request, context).block();
        if (response == null) {
            throw new IllegalStateException(operation + ": no response from ACS");
        }
        int status;
        String text;
        try {
            status = response.getStatusCode();
            text = response.getBodyAsString().blockOptional().orElse("");
        } finally {
            closeQuietly(response);
        }
        if (status != expectedStatus) {
            AcsError error = AcsError.parse(text);
            throw new HttpResponseException("ACS " + operation + " returned HTTP " + status
                    + (error == null ? "" : ": " + error), response, error);
        }
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /**
     * The body is already read, so the connection is back in the pool. azure-core-http-netty 1.15.3 over the
     * reactor-netty that Spring Boot manages (1.2.x) can still throw "channel not registered to an event loop"
     * from close(); that must not turn a request ACS accepted into a failed (and retried) activity.
     */
    private static void closeQuietly(HttpResponse response) {
        try {
            response.close();
        } catch (RuntimeException e) {
            log.debug("closing an ACS response failed: {}", e.toString());
        }
    }

    static String connectionPath(String callConnectionId, String action) {
        return "/calling/callConnections/"
                + URLEncoder.encode(callConnectionId, StandardCharsets.UTF_8).replace("+", "%20") + action;
    }

    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The {@code error} of an ACS error body (acs-wire 1.5); {@code code} is a string such as {@code 8522}. */
    public record AcsError(String code, String message) {
        static AcsError parse(String body) {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                JsonNode error = JSON.readTree(body).get("error");
                if (error == null || !error.isObject()) {
                    return null;
                }
                return new AcsError(text(error, "code"), text(error, "message"));
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return (code == null ? "" : code + " ") + (message == null ? "" : message);
        }
    }
}
