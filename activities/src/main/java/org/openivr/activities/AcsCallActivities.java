package org.openivr.activities;

import com.azure.communication.callautomation.CallMedia;
import com.azure.communication.callautomation.models.AnswerCallOptions;
import com.azure.communication.callautomation.models.AnswerCallResult;
import com.azure.communication.callautomation.models.CallConnectionProperties;
import com.azure.communication.callautomation.models.CallMediaRecognizeDtmfOptions;
import com.azure.communication.callautomation.models.FileSource;
import com.azure.communication.callautomation.models.PlayToAllOptions;
import com.azure.communication.common.CommunicationIdentifier;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import org.openivr.workflows.AnswerCall;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.PlayPrompt;
import org.openivr.workflows.PlaySource;
import org.openivr.workflows.RecognizeKeys;
import org.openivr.workflows.StreamingOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@link CallActivities} over ACS: SDK 1.0.4 for what it has (answer, create call, audio play, DTMF recognize with
 * at most one audio prompt, hang-up), {@link AcsRestExtension} for text-to-speech, several prompts and answers with
 * media-streaming options; {@link AcsCallActions} for send DTMF, continuous DTMF, hold/unhold, transfer and media
 * streaming.
 *
 * <p>Failures: ACS 4xx other than 408/429 become a non-retryable {@code ApplicationFailure} of type
 * {@link CallActivities#REJECTED}; anything else propagates and Temporal retries it.
 */
public final class AcsCallActivities implements CallActivities {

    private static final Logger log = LoggerFactory.getLogger(AcsCallActivities.class);

    private final AcsSettings settings;
    private final AcsClients clients;
    private final AcsRestExtension rest;
    /** Send DTMF, continuous DTMF, hold/unhold, transfer, media streaming. */
    private final AcsCallActions actions;
    /** Create call. */
    private final AcsOutboundCalls outbound;

    /** Builds its own {@link AcsClients} from {@code settings}. */
    public AcsCallActivities(AcsSettings settings) {
        this(settings, new AcsClients(settings));
    }

    /** Shares {@code clients} (e.g. with other activities built from the same settings). */
    public AcsCallActivities(AcsSettings settings, AcsClients clients) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.rest = new AcsRestExtension(clients);
        this.actions = new AcsCallActions(clients, rest);
        this.outbound = new AcsOutboundCalls(settings, clients, rest);
    }

    @Override
    public AnsweredCall answer(AnswerCall request) {
        String callId = request.callId();
        String subject = "call " + callId;
        if (isBlank(callId)) {
            throw AcsFailures.invalid("answer", subject, "no callId");
        }
        if (isBlank(request.incomingCallContext())) {
            throw AcsFailures.invalid("answer", subject, "no incomingCallContext");
        }
        String callbackUri = settings.callbackUri(callId);
        Repeatability repeatability = Repeatability.forStep("answer", callId);
        StreamingOptions streaming = request.streaming();
        if (streaming != null) {
            if (isBlank(streaming.transportUrl())) {
                // The workflow cannot know where the streaming worker listens; the worker's settings do.
                streaming = new StreamingOptions(settings.mediaStreamingUri(callId), streaming.channels(),
                        streaming.startNow());
            }
            if (streaming.channels() != null && !List.of("mixed", "unmixed").contains(streaming.channels())) {
                throw AcsFailures.invalid("answer", subject, "streaming channels must be mixed or unmixed, got "
                        + streaming.channels());
            }
        }
        // 1.0.4 (2023-03-06) has neither callIntelligenceOptions nor mediaStreamingOptions: those answers go over REST.
        boolean viaRest = settings.cognitiveServicesEndpoint() != null || streaming != null;
        try {
            AnsweredCall answered;
            if (viaRest) {
                answered = rest.answer(request.incomingCallContext(), callbackUri, request.operationContext(),
                        settings.cognitiveServicesEndpoint(), streaming, repeatability);
            } else {
                Response<AnswerCallResult> response = clients.callAutomation().answerCallWithResponse(
                        new AnswerCallOptions(request.incomingCallContext(), callbackUri)
                                .setOperationContext(request.operationContext()),
                        repeatability.addTo(Context.NONE));
                CallConnectionProperties p = response.getValue().getCallConnectionProperties();
                answered = new AnsweredCall(p.getCallConnectionId(), p.getServerCallId(), p.getCorrelationId());
            }
            log.info("callId={} answer ok callConnectionId={} serverCallId={} correlationId={} via={} repeatabilityId={}",
                    callId, answered.callConnectionId(), answered.serverCallId(), answered.correlationId(),
                    viaRest ? "rest" : "sdk", repeatability.requestId());
            return answered;
        } catch (HttpResponseException e) {
            throw failure("answer", subject, callId, e);
        }
    }

    @Override
    public void play(PlayPrompt request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        if (isBlank(id)) {
            throw AcsFailures.invalid("play", subject, "no callConnectionId");
        }
        List<PlaySource> sources = request.sources() == null ? List.of() : request.sources();
        if (sources.isEmpty()) {
            throw AcsFailures.invalid("play", subject, "no play sources");
        }
        for (PlaySource s : sources) {
            if (s == null || s.kind() == null || isBlank(s.value())) {
                throw AcsFailures.invalid("play", subject, "a play source without kind or value");
            }
        }
        // 1.0.4 (api-version 2023-03-06) plays one file source and cannot barge in; text, ssml, several sources and
        // a play sent again barging in (MediaSteps) go over REST.
        boolean viaSdk = sources.size() == 1 && sources.get(0).kind() == PlaySource.Kind.AUDIO
                && !request.interruptCallMediaOperation();
        try {
            if (viaSdk) {
                media(id).playToAllWithResponse(
                        new PlayToAllOptions(new FileSource().setUrl(sources.get(0).value()))
                                .setOperationContext(request.operationContext()),
                        Context.NONE);
            } else {
                rest.play(id, sources, request.operationContext(), request.interruptCallMediaOperation());
            }
            log.info("callConnectionId={} play ok sources={} op={} via={}{}", id, kinds(sources),
                    request.operationContext(), viaSdk ? "sdk" : "rest",
                    request.interruptCallMediaOperation() ? " barging in" : "");
        } catch (HttpResponseException e) {
            throw failure("play", subject, id, e);
        }
    }

    @Override
    public void recognizeKeys(RecognizeKeys request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        if (isBlank(id)) {
            throw AcsFailures.invalid("recognize", subject, "no callConnectionId");
        }
        if (isBlank(request.targetRawId())) {
            throw AcsFailures.invalid("recognize", subject, "no target participant");
        }
        if (request.maxTones() < 1) {
            throw AcsFailures.invalid("recognize", subject, "maxTones must be at least 1, got " + request.maxTones());
        }
        List<PlaySource> prompt = request.prompt() == null ? List.of() : request.prompt();
        for (PlaySource s : prompt) {
            if (s == null || s.kind() == null || isBlank(s.value())) {
                throw AcsFailures.invalid("recognize", subject, "a prompt source without kind or value");
            }
        }
        List<String> stopKeys = request.stopKeys() == null ? List.of() : request.stopKeys();
        try {
            DtmfKeys.toneNames(stopKeys);
        } catch (IllegalArgumentException e) {
            throw AcsFailures.invalid("recognize", subject, "stop keys: " + e.getMessage());
        }
        boolean viaSdk = prompt.isEmpty() || (prompt.size() == 1 && prompt.get(0).kind() == PlaySource.Kind.AUDIO);
        try {
            if (viaSdk) {
                CallMediaRecognizeDtmfOptions options = new CallMediaRecognizeDtmfOptions(
                        CommunicationIdentifier.fromRawId(request.targetRawId()), request.maxTones())
                        .setStopTones(DtmfKeys.sdkTones(stopKeys))
                        .setInterToneTimeout(Duration.ofSeconds(request.interToneSeconds()))
                        .setInitialSilenceTimeout(Duration.ofSeconds(request.initialSilenceSeconds()))
                        .setInterruptPrompt(request.interruptPrompt())
                        .setOperationContext(request.operationContext());
                if (request.interruptCallMediaOperation()) {
                    options.setInterruptCallMediaOperation(true);
                }
                if (!prompt.isEmpty()) {
                    options.setPlayPrompt(new FileSource().setUrl(prompt.get(0).value()));
                }
                media(id).startRecognizingWithResponse(options, Context.NONE);
            } else {
                rest.recognizeDtmf(new RecognizeKeys(id, request.targetRawId(), prompt, request.maxTones(), stopKeys,
                        request.initialSilenceSeconds(), request.interToneSeconds(), request.interruptPrompt(),
                        request.operationContext(), request.interruptCallMediaOperation()));
            }
            log.info("callConnectionId={} recognize ok maxTones={} stopKeys={} prompt={} op={} via={}{}", id,
                    request.maxTones(), stopKeys, kinds(prompt), request.operationContext(), viaSdk ? "sdk" : "rest",
                    request.interruptCallMediaOperation() ? " barging in" : "");
        } catch (HttpResponseException e) {
            throw failure("recognize", subject, id, e);
        }
    }

    @Override
    public void hangUp(HangUpCall request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        if (isBlank(id)) {
            throw AcsFailures.invalid("hangUp", subject, "no callConnectionId");
        }
        try {
            clients.callAutomation().getCallConnection(id).hangUpWithResponse(request.forEveryone(), Context.NONE);
            log.info("callConnectionId={} hangUp ok forEveryone={}", id, request.forEveryone());
        } catch (HttpResponseException e) {
            if (AcsFailures.status(e) == 404) {
                log.info("callConnectionId={} hangUp ok forEveryone={} (call already gone: {})", id,
                        request.forEveryone(), AcsFailures.acsError(e));
                return;
            }
            throw failure("hangUp", subject, id, e);
        }
    }

    /** Dials out; see {@link AcsOutboundCalls} (SDK 1.0.4, or REST for streaming and text-to-speech). */
    @Override
    public AnsweredCall createCall(org.openivr.workflows.CreateCall request) {
        return outbound.create(request);
    }

    @Override
    public void cancelMedia(org.openivr.workflows.CancelMedia request) {
        String id = request.callConnectionId();
        String subject = "call connection " + id;
        if (isBlank(id)) {
            throw AcsFailures.invalid("cancelMedia", subject, "no callConnectionId");
        }
        try {
            media(id).cancelAllMediaOperationsWithResponse(Context.NONE);
            log.info("callConnectionId={} cancelMedia ok", id);
        } catch (HttpResponseException e) {
            throw failure("cancelMedia", subject, id, e);
        }
    }

    private CallMedia media(String callConnectionId) {
        return clients.callAutomation().getCallConnection(callConnectionId).getCallMedia();
    }

    /** Non-retryable rejection for 4xx except 408/429; otherwise the exception itself, for Temporal to retry. */
    private RuntimeException failure(String operation, String subject, String id, HttpResponseException e) {
        if (AcsFailures.callNotFound(e)) {
            log.info("{} {} refused: the call has ended ({})", idLabel(subject, id), operation, AcsFailures.acsError(e));
            return AcsFailures.rejected(operation, subject, e);
        }
        if (AcsFailures.isRejection(e)) {
            log.warn("{} {} rejected, not retried: HTTP {} {}", idLabel(subject, id), operation, AcsFailures.status(e),
                    AcsFailures.acsError(e));
            return AcsFailures.rejected(operation, subject, e);
        }
        log.warn("{} {} failed, will be retried: HTTP {} {}", idLabel(subject, id), operation, AcsFailures.status(e),
                AcsFailures.acsError(e));
        return e;
    }

    private static String idLabel(String subject, String id) {
        return (subject.startsWith("call connection") ? "callConnectionId=" : "callId=") + id;
    }


    private static String kinds(List<PlaySource> sources) {
        return sources.stream().map(s -> s.kind().name().toLowerCase()).toList().toString();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    // ---- Call actions and recordings: each group lives in its own class; this one is the activity face. ----

    @Override
    public void sendDtmf(org.openivr.workflows.SendDtmf request) {
        actions.sendDtmf(request);
    }

    @Override
    public void startContinuousDtmf(org.openivr.workflows.ContinuousDtmf request) {
        actions.startContinuousDtmf(request);
    }

    @Override
    public void stopContinuousDtmf(org.openivr.workflows.ContinuousDtmf request) {
        actions.stopContinuousDtmf(request);
    }

    @Override
    public void hold(org.openivr.workflows.HoldCaller request) {
        actions.hold(request);
    }

    @Override
    public void unhold(org.openivr.workflows.UnholdCaller request) {
        actions.unhold(request);
    }

    @Override
    public void transfer(org.openivr.workflows.TransferCall request) {
        actions.transfer(request);
    }

    @Override
    public void startMediaStreaming(org.openivr.workflows.MediaStreamingControl request) {
        actions.startMediaStreaming(request);
    }

    @Override
    public void stopMediaStreaming(org.openivr.workflows.MediaStreamingControl request) {
        actions.stopMediaStreaming(request);
    }

    @Override
    public org.openivr.workflows.RecordingStarted startRecording(org.openivr.workflows.StartRecording request) {
        return new AcsRecordings(settings, clients).start(request);
    }

    @Override
    public void controlRecording(org.openivr.workflows.RecordingControl request) {
        new AcsRecordings(settings, clients).control(request);
    }

    @Override
    public String recordingState(String recordingId) {
        return new AcsRecordings(settings, clients).state(recordingId);
    }
}
