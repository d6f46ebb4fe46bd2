/*
 * Why two paths: azure-communication-callautomation 1.0.4 (api-version 2023-03-06) creates calls, but its
 * CreateCallOptions have neither callIntelligenceOptions (text-to-speech needs them) nor mediaStreamingOptions.
 * Those creates go through AcsRestExtension at 2025-06-15, signed by the SDK's own pipeline; the rest use the SDK.
 */
package org.openivr.activities;

import com.azure.communication.callautomation.models.CallConnectionProperties;
import com.azure.communication.callautomation.models.CallInvite;
import com.azure.communication.callautomation.models.CreateCallOptions;
import com.azure.communication.callautomation.models.CreateCallResult;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.communication.common.CommunicationUserIdentifier;
import com.azure.communication.common.MicrosoftTeamsUserIdentifier;
import com.azure.communication.common.PhoneNumberIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.CreateCall;
import org.openivr.workflows.StreamingOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@link CallActivities#createCall}: dials out (acs-wire 2.2, {@code POST /calling/callConnections}, 201).
 *
 * <p>Never dials twice for one call: the {@code Repeatability-Request-ID} is a name-based UUID of
 * {@code createCall:<operationContext>:<callId>}, and {@code Repeatability-First-Sent} the activity's first scheduling
 * time, so every retry (after a timeout, a lost response, a worker crash) sends the same pair and ACS places the call
 * once. ACS 4xx other than 408/429 become a non-retryable {@link CallActivities#REJECTED} failure.
 */
final class AcsOutboundCalls {

    private static final Logger log = LoggerFactory.getLogger(AcsOutboundCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private final AcsSettings settings;
    private final AcsClients clients;
    private final AcsRestExtension rest;

    AcsOutboundCalls(AcsSettings settings, AcsClients clients, AcsRestExtension rest) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    /** The repeatability pair of one create: the same for every retry of the activity. */
    Repeatability repeatability(String callId, String operationContext) {
        String step = "createCall:" + operationContext;
        return Repeatability.forStep(step, callId);
    }

    AnsweredCall create(CreateCall request) {
        String callId = request.callId();
        String subject = "call " + callId;
        if (isBlank(callId)) {
            throw AcsFailures.invalid("createCall", subject, "no callId");
        }
        if (request.outbound() == null || isBlank(request.outbound().targetRawId())) {
            throw AcsFailures.invalid("createCall", subject, "no target to dial");
        }
        CommunicationIdentifier target;
        try {
            target = CommunicationIdentifier.fromRawId(request.outbound().targetRawId());
        } catch (RuntimeException e) {
            throw AcsFailures.invalid("createCall", subject, "target '" + request.outbound().targetRawId()
                    + "' is not an ACS raw id");
        }
        String callerId = request.outbound().callerIdPhone();
        if (target instanceof PhoneNumberIdentifier phone) {
            if (!E164.matcher(phone.getPhoneNumber()).matches()) {
                throw AcsFailures.invalid("createCall", subject, "target number " + phone.getPhoneNumber()
                        + " is not E.164");
            }
            if (isBlank(callerId) || !E164.matcher(callerId).matches()) {
                throw AcsFailures.invalid("createCall", subject, "calling a phone number needs an E.164 caller id,"
                        + " got " + callerId);
            }
        } else if (!(target instanceof CommunicationUserIdentifier) && !(target instanceof MicrosoftTeamsUserIdentifier)) {
            throw AcsFailures.invalid("createCall", subject, "cannot dial '" + request.outbound().targetRawId()
                    + "': only phone numbers, ACS users and Teams users can be called");
        }
        StreamingOptions streaming = request.streaming();
        if (streaming != null) {
            if (isBlank(streaming.transportUrl())) {
                // The workflow cannot know where the streaming worker listens; the worker's settings do.
                streaming = new StreamingOptions(settings.mediaStreamingUri(callId), streaming.channels(),
                        streaming.startNow());
            }
            if (streaming.channels() != null && !List.of("mixed", "unmixed").contains(streaming.channels())) {
                throw AcsFailures.invalid("createCall", subject, "streaming channels must be mixed or unmixed, got "
                        + streaming.channels());
            }
        }
        String callbackUri = settings.callbackUri(callId);
        Repeatability repeatability = repeatability(callId, request.operationContext());
        boolean viaRest = settings.cognitiveServicesEndpoint() != null || streaming != null;
        try {
            AnsweredCall created = viaRest
                    ? viaRest(request, callerId, callbackUri, streaming, repeatability)
                    : viaSdk(target, callerId, callbackUri, request.operationContext(), repeatability);
            log.info("callId={} createCall ok callConnectionId={} serverCallId={} correlationId={} target={} via={}"
                            + " repeatabilityId={}", callId, created.callConnectionId(), created.serverCallId(),
                    created.correlationId(), target.getClass().getSimpleName(), viaRest ? "rest" : "sdk",
                    repeatability.requestId());
            return created;
        } catch (HttpResponseException e) {
            if (AcsFailures.isRejection(e)) {
                log.warn("callId={} createCall rejected, not retried: HTTP {} {}", callId, AcsFailures.status(e),
                        AcsFailures.acsError(e));
                throw AcsFailures.rejected("createCall", subject, e);
            }
            log.warn("callId={} createCall failed, will be retried with the same request id {}: HTTP {} {}", callId,
                    repeatability.requestId(), AcsFailures.status(e), AcsFailures.acsError(e));
            throw e;
        }
    }

    private AnsweredCall viaSdk(CommunicationIdentifier target, String callerId, String callbackUri,
                                String operationContext, Repeatability repeatability) {
        CallInvite invite;
        if (target instanceof PhoneNumberIdentifier phone) {
            invite = new CallInvite(phone, new PhoneNumberIdentifier(callerId));
        } else if (target instanceof CommunicationUserIdentifier user) {
            invite = new CallInvite(user);
        } else {
            invite = new CallInvite((MicrosoftTeamsUserIdentifier) target);
        }
        Response<CreateCallResult> response = clients.callAutomation().createCallWithResponse(
                new CreateCallOptions(invite, callbackUri).setOperationContext(operationContext),
                repeatability.addTo(Context.NONE));
        CallConnectionProperties p = response.getValue().getCallConnectionProperties();
        return new AnsweredCall(p.getCallConnectionId(), p.getServerCallId(), p.getCorrelationId());
    }

    /** CreateCallRequest at 2025-06-15 (acs-wire 2.2) with callIntelligenceOptions and/or mediaStreamingOptions. */
    private AnsweredCall viaRest(CreateCall request, String callerId, String callbackUri, StreamingOptions streaming,
                                 Repeatability repeatability) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("targets").add(AcsRestExtension.identifier(request.outbound().targetRawId()));
        if (!isBlank(callerId)) {
            body.putObject("sourceCallerIdNumber").put("value", callerId);
        }
        body.put("callbackUri", callbackUri);
        if (request.operationContext() != null) {
            body.put("operationContext", request.operationContext());
        }
        if (settings.cognitiveServicesEndpoint() != null) {
            body.putObject("callIntelligenceOptions").put("cognitiveServicesEndpoint",
                    settings.cognitiveServicesEndpoint());
        }
        if (streaming != null) {
            ObjectNode options = body.putObject("mediaStreamingOptions");
            options.put("transportUrl", streaming.transportUrl());
            options.put("transportType", "websocket");
            options.put("contentType", "audio");
            options.put("audioChannelType", streaming.channels() == null ? "mixed" : streaming.channels());
            options.put("startMediaStreaming", streaming.startNow());
        }
        JsonNode response = rest.post("createCall", "/calling/callConnections", body, 201,
                repeatability.addTo(Context.NONE));
        return new AnsweredCall(text(response, "callConnectionId"), text(response, "serverCallId"),
                text(response, "correlationId"));
    }


    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
