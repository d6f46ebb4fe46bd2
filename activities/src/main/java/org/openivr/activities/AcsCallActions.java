/*
 * Why REST: azure-communication-callautomation 1.0.4 speaks api-version 2023-03-06, which has no send DTMF,
 * continuous DTMF recognition, hold/unhold or media streaming, and no transferee on transfer. These requests go
 * through AcsRestExtension (the SDK's own pipeline and HMAC policy) at 2025-06-15, the newest stable api-version
 * that has them all (acs-wire 2.0). Transfer without a transferee still uses the SDK.
 */
package org.openivr.activities;

import com.azure.communication.callautomation.models.TransferCallToParticipantOptions;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.ContinuousDtmf;
import org.openivr.workflows.HoldCaller;
import org.openivr.workflows.MediaStreamingControl;
import org.openivr.workflows.PlaySource;
import org.openivr.workflows.SendDtmf;
import org.openivr.workflows.TransferCall;
import org.openivr.workflows.UnholdCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * The mid-call actions of {@link CallActivities}: send DTMF, continuous DTMF recognition, hold/unhold, transfer and
 * media streaming start/stop. {@link AcsCallActivities} delegates here.
 *
 * <p>Send DTMF and transfer are idempotent per step: their {@code Repeatability-Request-ID} is a name-based UUID of
 * the operation, the step's {@code operationContext} and the {@code callId}, and their
 * {@code Repeatability-First-Sent} is the activity's first scheduling time, so every retry of the activity sends
 * the same pair and ACS acts once. The other operations have no repeatability headers in ACS (acs-wire 1.4); they
 * are safe to repeat (start/stop/hold/unhold are state changes).
 *
 * <p>Failures: ACS 4xx other than 408/429 become a non-retryable {@code ApplicationFailure} of type
 * {@link CallActivities#REJECTED}; anything else propagates and Temporal retries it.
 */
final class AcsCallActions {

    private static final Logger log = LoggerFactory.getLogger(AcsCallActions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ACS sends at most 18 tones per request (acs-wire 6.2). */
    static final int MAX_TONES = 18;

    private final AcsClients clients;
    private final AcsRestExtension rest;

    AcsCallActions(AcsClients clients, AcsRestExtension rest) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    /** The repeatability pair of one step: {@code UUID.nameUUIDFromBytes(operation + ":" + operationContext + ":" + callId)}. */
    Repeatability repeatability(String operation, String callId, String operationContext) {
        String step = operation + ":" + operationContext;
        return Repeatability.forStep(step, callId);
    }

    // ---- send DTMF ----------------------------------------------------------------------------------------------

    void sendDtmf(SendDtmf request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        requireStep("sendDtmf", subject, id, request.callId(), request.operationContext());
        List<String> keys = request.tones() == null ? List.of() : request.tones();
        if (keys.isEmpty() || keys.size() > MAX_TONES) {
            throw AcsFailures.invalid("sendDtmf", subject, "ACS sends 1 to " + MAX_TONES + " tones at a time, got " + keys.size());
        }
        List<String> tones;
        try {
            tones = DtmfKeys.toneNames(keys);
        } catch (IllegalArgumentException e) {
            throw AcsFailures.invalid("sendDtmf", subject, e.getMessage());
        }
        if (!(identifier("sendDtmf", subject, request.targetRawId()) instanceof PhoneNumberIdentifier)) {
            throw AcsFailures.invalid("sendDtmf", subject, "ACS sends DTMF to phone (PSTN) participants only, not to "
                    + request.targetRawId());
        }
        Repeatability repeatability = repeatability("sendDtmf", request.callId(), request.operationContext());
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("tones");
        tones.forEach(array::add);
        body.set("targetParticipant", AcsRestExtension.identifier(request.targetRawId()));
        body.put("operationContext", request.operationContext());
        try {
            rest.post("sendDtmfTones", AcsRestExtension.connectionPath(id, ":sendDtmfTones"), body, 202,
                    repeatability.addTo(Context.NONE));
            log.info("callConnectionId={} sendDtmf ok tones={} to={} op={} repeatabilityId={}", id, String.join("", keys),
                    request.targetRawId(), request.operationContext(), repeatability.requestId());
        } catch (HttpResponseException e) {
            throw failure("sendDtmf", subject, id, e);
        }
    }

    // ---- continuous DTMF recognition ----------------------------------------------------------------------------

    void startContinuousDtmf(ContinuousDtmf request) {
        continuousDtmf("startContinuousDtmf", ":startContinuousDtmfRecognition", request);
    }

    void stopContinuousDtmf(ContinuousDtmf request) {
        continuousDtmf("stopContinuousDtmf", ":stopContinuousDtmfRecognition", request);
    }

    private void continuousDtmf(String operation, String action, ContinuousDtmf request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        requireConnection(operation, subject, id);
        identifier(operation, subject, request.targetRawId());
        ObjectNode body = JSON.createObjectNode();
        body.set("targetParticipant", AcsRestExtension.identifier(request.targetRawId()));
        putIfNotNull(body, "operationContext", request.operationContext());
        try {
            rest.post(operation, AcsRestExtension.connectionPath(id, action), body, 200, Context.NONE);
            log.info("callConnectionId={} {} ok target={} op={}", id, operation, request.targetRawId(),
                    request.operationContext());
        } catch (HttpResponseException e) {
            throw failure(operation, subject, id, e);
        }
    }

    // ---- hold / unhold ------------------------------------------------------------------------------------------

    void hold(HoldCaller request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        requireConnection("hold", subject, id);
        identifier("hold", subject, request.targetRawId());
        List<PlaySource> music = request.music() == null ? List.of() : request.music();
        if (music.size() > 1) {
            throw AcsFailures.invalid("hold", subject, "ACS plays one source on hold (playSourceInfo), got " + music.size());
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("targetParticipant", AcsRestExtension.identifier(request.targetRawId()));
        if (!music.isEmpty()) {
            PlaySource source = music.get(0);
            if (source == null || source.kind() == null || source.value() == null || source.value().isBlank()) {
                throw AcsFailures.invalid("hold", subject, "a music source without kind or value");
            }
            body.set("playSourceInfo", AcsRestExtension.playSource(source));
        }
        putIfNotNull(body, "operationContext", request.operationContext());
        try {
            rest.post("hold", AcsRestExtension.connectionPath(id, ":hold"), body, 200, Context.NONE);
            log.info("callConnectionId={} hold ok target={} music={} op={}", id, request.targetRawId(),
                    music.isEmpty() ? "none" : music.get(0).kind().name().toLowerCase(), request.operationContext());
        } catch (HttpResponseException e) {
            throw failure("hold", subject, id, e);
        }
    }

    void unhold(UnholdCaller request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        requireConnection("unhold", subject, id);
        identifier("unhold", subject, request.targetRawId());
        ObjectNode body = JSON.createObjectNode();
        body.set("targetParticipant", AcsRestExtension.identifier(request.targetRawId()));
        putIfNotNull(body, "operationContext", request.operationContext());
        try {
            rest.post("unhold", AcsRestExtension.connectionPath(id, ":unhold"), body, 200, Context.NONE);
            log.info("callConnectionId={} unhold ok target={} op={}", id, request.targetRawId(), request.operationContext());
        } catch (HttpResponseException e) {
            throw failure("unhold", subject, id, e);
        }
    }

    // ---- transfer -----------------------------------------------------------------------------------------------

    /**
     * Without a transferee, SDK 1.0.4's {@code transferCallToParticipantWithResponse} (api-version 2023-03-06,
     * target and operationContext only) fits; with one, REST at 2025-06-15, which has {@code transferee}.
     */
    void transfer(TransferCall request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        requireStep("transfer", subject, id, request.callId(), request.operationContext());
        CommunicationIdentifier target = identifier("transfer", subject, request.targetRawId());
        boolean viaSdk = request.transfereeRawId() == null || request.transfereeRawId().isBlank();
        if (!viaSdk) {
            identifier("transfer", subject, request.transfereeRawId());
        }
        Repeatability repeatability = repeatability("transfer", request.callId(), request.operationContext());
        try {
            if (viaSdk) {
                clients.callAutomation().getCallConnection(id).transferCallToParticipantWithResponse(
                        new TransferCallToParticipantOptions(target).setOperationContext(request.operationContext()),
                        repeatability.addTo(Context.NONE));
            } else {
                ObjectNode body = JSON.createObjectNode();
                body.set("targetParticipant", AcsRestExtension.identifier(request.targetRawId()));
                body.set("transferee", AcsRestExtension.identifier(request.transfereeRawId()));
                body.put("operationContext", request.operationContext());
                rest.post("transferToParticipant", AcsRestExtension.connectionPath(id, ":transferToParticipant"), body,
                        202, repeatability.addTo(Context.NONE));
            }
            log.info("callConnectionId={} transfer ok to={} transferee={} op={} via={} repeatabilityId={}", id,
                    request.targetRawId(), viaSdk ? "-" : request.transfereeRawId(), request.operationContext(),
                    viaSdk ? "sdk" : "rest", repeatability.requestId());
        } catch (HttpResponseException e) {
            throw failure("transfer", subject, id, e);
        }
    }

    // ---- media streaming ----------------------------------------------------------------------------------------

    void startMediaStreaming(MediaStreamingControl request) {
        mediaStreaming("startMediaStreaming", request);
    }

    void stopMediaStreaming(MediaStreamingControl request) {
        mediaStreaming("stopMediaStreaming", request);
    }

    private void mediaStreaming(String operation, MediaStreamingControl request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        requireConnection(operation, subject, id);
        ObjectNode body = JSON.createObjectNode();
        putIfNotNull(body, "operationContext", request.operationContext());
        try {
            rest.post(operation, AcsRestExtension.connectionPath(id, ":" + operation), body, 202, Context.NONE);
            log.info("callConnectionId={} {} ok op={}", id, operation, request.operationContext());
        } catch (HttpResponseException e) {
            throw failure(operation, subject, id, e);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void requireConnection(String operation, String subject, String id) {
        if (isBlank(id)) {
            throw AcsFailures.invalid(operation, subject, "no callConnectionId");
        }
    }

    /** What an idempotent step needs to name itself: the call and the step's operationContext. */
    private static void requireStep(String operation, String subject, String id, String callId, String operationContext) {
        requireConnection(operation, subject, id);
        if (isBlank(callId)) {
            throw AcsFailures.invalid(operation, subject, "no callId (it names the step for Repeatability-Request-ID)");
        }
        if (isBlank(operationContext)) {
            throw AcsFailures.invalid(operation, subject,
                    "no operationContext (it names the step for Repeatability-Request-ID)");
        }
    }

    private static CommunicationIdentifier identifier(String operation, String subject, String rawId) {
        if (isBlank(rawId)) {
            throw AcsFailures.invalid(operation, subject, "no participant");
        }
        return CommunicationIdentifier.fromRawId(rawId);
    }

    /** Non-retryable rejection for 4xx except 408/429; otherwise the exception itself, for Temporal to retry. */
    private static RuntimeException failure(String operation, String subject, String id, HttpResponseException e) {
        if (AcsFailures.callNotFound(e)) {
            log.info("callConnectionId={} {} refused: the call has ended ({})", id, operation, AcsFailures.acsError(e));
            return AcsFailures.rejected(operation, subject, e);
        }
        if (AcsFailures.isRejection(e)) {
            log.warn("callConnectionId={} {} rejected, not retried: HTTP {} {}", id, operation, AcsFailures.status(e),
                    AcsFailures.acsError(e));
            return AcsFailures.rejected(operation, subject, e);
        }
        log.warn("callConnectionId={} {} failed, will be retried: HTTP {} {}", id, operation, AcsFailures.status(e),
                AcsFailures.acsError(e));
        return e;
    }


    private static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
