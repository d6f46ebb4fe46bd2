/*
 * Why the REST half exists: azure-communication-callautomation 1.0.4 (api-version 2023-03-06) can start a
 * recording with content, channel, format, participant ordering and channel affinity, but has no pauseOnStart
 * and no bring-your-own storage (externalStorage; both from 2024-04-15). A start that needs either goes as plain
 * REST at 2025-06-15, signed by the SDK's own HMAC policy over the same HTTP client (AcsClients.restPipeline).
 */
package org.openivr.activities;

import com.azure.communication.callautomation.CallRecording;
import com.azure.communication.callautomation.models.ChannelAffinity;
import com.azure.communication.callautomation.models.RecordingChannel;
import com.azure.communication.callautomation.models.RecordingContent;
import com.azure.communication.callautomation.models.RecordingFormat;
import com.azure.communication.callautomation.models.RecordingStateResult;
import com.azure.communication.callautomation.models.ServerCallLocator;
import com.azure.communication.callautomation.models.StartRecordingOptions;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.openivr.workflows.RecordingControl;
import org.openivr.workflows.RecordingStarted;
import org.openivr.workflows.StartRecording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording half of {@link AcsCallActivities}: start (every option of the seeds), pause, resume, stop and
 * state. Start is idempotent: its {@code Repeatability-Request-ID} is derived from the call id and the step's
 * operation context, so a retried activity gets the first result and ACS records once. Its
 * {@code recordingStateCallbackUri} is the call's callback URI, so RecordingStateChanged reaches the call's
 * workflow.
 *
 * <p>Option mapping: {@code channelOrderRawIds} (first = channel 0) is sent both as
 * {@code audioChannelParticipantOrdering} and as {@code channelAffinity} (entry i on channel i, at most the five
 * channels ACS has), which say the same thing in the two ways ACS accepts.
 */
public final class AcsRecordings {

    private static final Logger log = LoggerFactory.getLogger(AcsRecordings.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Newest stable api-version (acs-wire 2.0); pauseOnStart and externalStorage need 2024-04-15 or later. */
    static final String API_VERSION = AcsRestExtension.API_VERSION;
    /** ACS numbers unmixed channels 0..4 (acs-wire 6.2). */
    static final int MAX_CHANNELS = 5;

    private final AcsSettings settings;
    private final AcsClients clients;

    public AcsRecordings(AcsSettings settings, AcsClients clients) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** The options as they go on the wire (acs-wire 2.5 StartCallRecordingRequest names and values). */
    record Options(String content, String channel, String format, List<String> order, boolean pauseOnStart,
                   String containerUrl) {
        boolean needsRest() {
            return pauseOnStart || containerUrl != null;
        }
    }

    public RecordingStarted start(StartRecording request) {
        String callId = request.callId();
        String subject = "call " + callId;
        if (isBlank(callId)) {
            throw AcsFailures.invalid("startRecording", subject, "no callId");
        }
        if (isBlank(request.serverCallId())) {
            throw AcsFailures.invalid("startRecording", subject, "no serverCallId");
        }
        Options options = options(request, subject);
        String step = "startRecording/" + (request.operationContext() == null ? "" : request.operationContext());
        Repeatability repeatability = Repeatability.forStep(step, callId);
        String stateCallbackUri = settings.callbackUri(callId);
        try {
            RecordingStarted started = options.needsRest()
                    ? startOverRest(request.serverCallId(), stateCallbackUri, options, repeatability)
                    : startOverSdk(request.serverCallId(), stateCallbackUri, options, repeatability);
            log.info("callId={} startRecording ok recordingId={} state={} options={} via={} repeatabilityId={}",
                    callId, started.recordingId(), started.state(), options, options.needsRest() ? "rest" : "sdk",
                    repeatability.requestId());
            return started;
        } catch (HttpResponseException e) {
            throw failure("startRecording", subject, callId, e);
        }
    }

    public void control(RecordingControl request) {
        String id = request.recordingId();
        String subject = "recording " + id;
        if (isBlank(id)) {
            throw AcsFailures.invalid("controlRecording", subject, "no recordingId");
        }
        if (request.action() == null) {
            throw AcsFailures.invalid("controlRecording", subject, "no action");
        }
        String operation = request.action().name().toLowerCase(Locale.ROOT) + "Recording";
        CallRecording recording = clients.callAutomation().getCallRecording();
        try {
            switch (request.action()) {
                case PAUSE -> recording.pauseWithResponse(id, Context.NONE);
                case RESUME -> recording.resumeWithResponse(id, Context.NONE);
                case STOP -> recording.stopWithResponse(id, Context.NONE);
            }
            log.info("recordingId={} {} ok", id, operation);
        } catch (HttpResponseException e) {
            if (request.action() == RecordingControl.Action.STOP && AcsFailures.status(e) == 404) {
                // Stopped before (a retry after a lost response), or the call ended: either way it is stopped.
                log.info("recordingId={} stopRecording ok (already gone: {})", id, AcsFailures.acsError(e));
                return;
            }
            throw failure(operation, subject, id, e);
        }
    }

    /** {@code active} or {@code inactive}. */
    public String state(String recordingId) {
        String subject = "recording " + recordingId;
        if (isBlank(recordingId)) {
            throw AcsFailures.invalid("getRecording", subject, "no recordingId");
        }
        try {
            RecordingStateResult result = clients.callAutomation().getCallRecording()
                    .getStateWithResponse(recordingId, Context.NONE).getValue();
            return String.valueOf(result.getRecordingState());
        } catch (HttpResponseException e) {
            throw failure("getRecording", subject, recordingId, e);
        }
    }

    // ---- mapping ----------------------------------------------------------------------------------

    static Options options(StartRecording request, String subject) {
        String content = switch (lower(request.content())) {
            case "" -> null;
            case "audio" -> "audio";
            case "audio-video", "audiovideo", "audio_video" -> "audioVideo";
            default -> throw AcsFailures.invalid("startRecording", subject,
                    "content must be audio or audio-video, got '" + request.content() + "'");
        };
        String channel = switch (lower(request.channels())) {
            case "" -> null;
            case "mixed", "unmixed" -> lower(request.channels());
            default -> throw AcsFailures.invalid("startRecording", subject,
                    "channels must be mixed or unmixed, got '" + request.channels() + "'");
        };
        String format = switch (lower(request.format())) {
            case "" -> null;
            case "wav", "mp3", "mp4" -> lower(request.format());
            default -> throw AcsFailures.invalid("startRecording", subject,
                    "format must be wav, mp3 or mp4, got '" + request.format() + "'");
        };
        List<String> order = new ArrayList<>();
        if (request.channelOrderRawIds() != null) {
            for (String rawId : request.channelOrderRawIds()) {
                if (isBlank(rawId)) {
                    throw AcsFailures.invalid("startRecording", subject, "a blank participant in the channel order");
                }
                if (!order.contains(rawId)) {
                    order.add(rawId);
                }
            }
        }
        String container = isBlank(request.storageContainerUrl()) ? null : request.storageContainerUrl().trim();
        if (container != null) {
            URI uri;
            try {
                uri = URI.create(container);
            } catch (IllegalArgumentException e) {
                throw AcsFailures.invalid("startRecording", subject, "storage container URL is not a URL: " + container);
            }
            if (!uri.isAbsolute() || !List.of("https", "http").contains(lower(uri.getScheme()))) {
                throw AcsFailures.invalid("startRecording", subject,
                        "storage container URL must be an absolute https URL: " + container);
            }
        }
        return new Options(content, channel, format, List.copyOf(order), request.pauseOnStart(), container);
    }

    private RecordingStarted startOverSdk(String serverCallId, String stateCallbackUri, Options options,
                                          Repeatability repeatability) {
        StartRecordingOptions sdk = new StartRecordingOptions(new ServerCallLocator(serverCallId))
                .setRecordingStateCallbackUrl(stateCallbackUri);
        if (options.content() != null) {
            sdk.setRecordingContent(RecordingContent.fromString(options.content()));
        }
        if (options.channel() != null) {
            sdk.setRecordingChannel(RecordingChannel.fromString(options.channel()));
        }
        if (options.format() != null) {
            sdk.setRecordingFormat(RecordingFormat.fromString(options.format()));
        }
        if (!options.order().isEmpty()) {
            sdk.setAudioChannelParticipantOrdering(options.order().stream().map(CommunicationIdentifier::fromRawId).toList());
            List<ChannelAffinity> affinity = new ArrayList<>();
            for (int i = 0; i < Math.min(MAX_CHANNELS, options.order().size()); i++) {
                affinity.add(new ChannelAffinity().setChannel(i)
                        .setParticipant(CommunicationIdentifier.fromRawId(options.order().get(i))));
            }
            sdk.setChannelAffinity(affinity);
        }
        RecordingStateResult result = clients.callAutomation().getCallRecording()
                .startWithResponse(sdk, repeatability.addTo(Context.NONE)).getValue();
        return new RecordingStarted(result.getRecordingId(), String.valueOf(result.getRecordingState()));
    }

    /** The StartCallRecordingRequest body sent over REST (acs-wire 2.5). */
    static ObjectNode restBody(String serverCallId, String stateCallbackUri, Options options) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode locator = body.putObject("callLocator");
        locator.put("kind", "serverCallLocator");
        locator.put("serverCallId", serverCallId);
        body.put("recordingStateCallbackUri", stateCallbackUri);
        putIfNotNull(body, "recordingContentType", options.content());
        putIfNotNull(body, "recordingChannelType", options.channel());
        putIfNotNull(body, "recordingFormatType", options.format());
        if (!options.order().isEmpty()) {
            ArrayNode ordering = body.putArray("audioChannelParticipantOrdering");
            options.order().forEach(rawId -> ordering.add(AcsRestExtension.identifier(rawId)));
            ArrayNode affinity = body.putArray("channelAffinity");
            for (int i = 0; i < Math.min(MAX_CHANNELS, options.order().size()); i++) {
                ObjectNode entry = affinity.addObject();
                entry.put("channel", i);
                entry.set("participant", AcsRestExtension.identifier(options.order().get(i)));
            }
        }
        if (options.pauseOnStart()) {
            body.put("pauseOnStart", true);
        }
        if (options.containerUrl() != null) {
            ObjectNode storage = body.putObject("externalStorage");
            storage.put("recordingStorageKind", "azureBlobStorage");
            storage.put("recordingDestinationContainerUrl", options.containerUrl());
        }
        return body;
    }

    private RecordingStarted startOverRest(String serverCallId, String stateCallbackUri, Options options,
                                           Repeatability repeatability) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(restBody(serverCallId, stateCallbackUri, options));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the startRecording request", e);
        }
        HttpRequest request = new HttpRequest(HttpMethod.POST,
                clients.endpoint() + "/calling/recordings?api-version=" + API_VERSION)
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
                .setHeader(HttpHeaderName.ACCEPT, "application/json")
                .setBody(bytes);
        HttpResponse response = clients.restPipeline().send(request, repeatability.addTo(Context.NONE)).block();
        if (response == null) {
            throw new IllegalStateException("startRecording: no response from ACS");
        }
        int status;
        String text;
        try {
            status = response.getStatusCode();
            text = response.getBodyAsString().blockOptional().orElse("");
        } finally {
            try {
                response.close();
            } catch (RuntimeException e) {
                log.debug("closing an ACS response failed: {}", e.toString());
            }
        }
        if (status != 200 && status != 202) { // 2025-06-15 lists 202 beside 200
            AcsRestExtension.AcsError error = AcsRestExtension.AcsError.parse(text);
            throw new HttpResponseException("ACS startRecording returned HTTP " + status
                    + (error == null ? "" : ": " + error), response, error);
        }
        try {
            JsonNode node = JSON.readTree(text);
            return new RecordingStarted(node.path("recordingId").asText(null), node.path("recordingState").asText(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("startRecording: ACS answered " + status + " with an unreadable body", e);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static RuntimeException failure(String operation, String subject, String id, HttpResponseException e) {
        if (AcsFailures.callNotFound(e)) {
            log.info("{} {} refused: the call has ended ({})", subject, operation, AcsFailures.acsError(e));
            return AcsFailures.rejected(operation, subject, e);
        }
        if (AcsFailures.isRejection(e)) {
            log.warn("{} {} rejected, not retried: HTTP {} {}", id, operation, AcsFailures.status(e), AcsFailures.acsError(e));
            return AcsFailures.rejected(operation, subject, e);
        }
        log.warn("{} {} failed, will be retried: HTTP {} {}", id, operation, AcsFailures.status(e), AcsFailures.acsError(e));
        return e;
    }


    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
