package org.openivr.workflows.interpreter;

import io.temporal.failure.ActivityFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openivr.flows.ExpressionException;
import org.openivr.flows.Prompt;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.OperationContext;
import org.openivr.workflows.PlaySource;
import org.openivr.workflows.RecognizeKeys;

/** One ACS DTMF recognize (prompt included) and its result, shared by {@code menu} and {@code ask}. */
final class KeyRecognition {
    static final int NO_INPUT = 8510;
    static final int INTER_DIGIT_TIMEOUT = 8532;

    private KeyRecognition() {}

    record Request(String nodeId, List<Prompt> prompt, int maxTones, String stopKey, Duration timeout,
                   Duration interDigitTimeout, boolean interruptPrompt, boolean sensitive) {}

    static KeyEntry collect(Request request, CallSession session) {
        List<PlaySource> sources;
        try {
            sources = PromptRenderer.render(request.prompt(), session.flow(), session.evaluator(), session.evaluationContext());
        } catch (ExpressionException e) {
            return new KeyEntry.Failed("prompt could not be filled in: " + e.getMessage());
        }
        OperationContext op = session.beginOperation(request.nodeId());
        if (!sources.isEmpty()) {
            session.record("prompt", request.nodeId(), PromptRenderer.describe(sources));
        }
        List<String> stopKeys = request.stopKey() == null ? List.of() : List.of(request.stopKey());
        try {
            RecognizeKeys recognize = new RecognizeKeys(session.callConnectionId(), session.input.callerRawId(),
                    sources, request.maxTones(), stopKeys, (int) request.timeout().toSeconds(),
                    (int) Math.max(1, request.interDigitTimeout().toSeconds()), request.interruptPrompt(), op.format());
            MediaSteps.send(session, op, "recognize",
                    (acs, bargeIn) -> acs.recognizeKeys(bargeIn ? recognize.bargingIn() : recognize));
        } catch (ActivityFailure e) {
            session.throwIfHungUp(e);
            return new KeyEntry.Failed("ACS refused to listen for keys: " + Failures.message(e));
        }
        // The prompt's length is unknown here, so the guard is generous: it only catches a lost result.
        Duration guard = request.timeout().plus(request.interDigitTimeout().multipliedBy(request.maxTones()))
                .plus(Duration.ofMinutes(3));
        WaitResult result = session.awaitOperation(op, "RecognizeCompleted for '" + request.nodeId() + "'", guard,
                Expected.keys(request.timeout(), request.maxTones(), request.interDigitTimeout()));
        if (!(result instanceof WaitResult.Arrived arrived)) {
            return new KeyEntry.Failed("ACS never reported the keys");
        }
        return classify(arrived.event(), request, session);
    }

    private static KeyEntry classify(CallEvent event, Request request, CallSession session) {
        List<String> tones = new ArrayList<>(event.tones());
        if (request.stopKey() != null && !tones.isEmpty() && tones.get(tones.size() - 1).equals(request.stopKey())) {
            tones.remove(tones.size() - 1);
        }
        switch (event.kind()) {
            case RECOGNIZE_COMPLETED -> {
                if (tones.isEmpty()) {
                    return new KeyEntry.NoInput();
                }
                String keys = KeyEntry.join(tones);
                session.record("keys", request.nodeId(), request.sensitive() ? CallSession.MASK : keys);
                return new KeyEntry.Keys(keys);
            }
            case RECOGNIZE_FAILED -> {
                if (event.subCode() == INTER_DIGIT_TIMEOUT && !tones.isEmpty()) {
                    String keys = KeyEntry.join(tones);
                    session.record("keys", request.nodeId(), request.sensitive() ? CallSession.MASK : keys);
                    return new KeyEntry.Keys(keys);
                }
                if (event.subCode() == NO_INPUT || event.subCode() == INTER_DIGIT_TIMEOUT) {
                    session.record("no-input", request.nodeId(), "nothing pressed");
                    return new KeyEntry.NoInput();
                }
                return new KeyEntry.Failed("RecognizeFailed " + event.code() + "/" + event.subCode() + " " + event.message());
            }
            default -> {
                return new KeyEntry.Failed(event.shortType() + " " + event.code() + "/" + event.subCode());
            }
        }
    }
}
