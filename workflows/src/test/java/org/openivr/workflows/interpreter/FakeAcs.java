package org.openivr.workflows.interpreter;

import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.openivr.workflows.AnswerCall;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.CallActivities;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;
import org.openivr.workflows.CallWorkflow;
import org.openivr.workflows.HangUpCall;
import org.openivr.workflows.PlayPrompt;
import org.openivr.workflows.RecognizeKeys;

/**
 * ACS in memory: each operation answers by signalling the event ACS would send, before the
 * activity returns (the hardest ordering for the workflow). The caller is a queue of answers:
 * keys, {@link #SILENCE} or {@link #HANG_UP}.
 */
final class FakeAcs implements CallActivities {
    static final String SILENCE = "";
    static final String HANG_UP = "hangup";
    /** ACS never reports a result: the call waits on the recognize (a stuck call). */
    static final String NEVER = "never";
    /**
     * ACS answers the recognize 404 "Call not found": the caller hung up and their CallDisconnected has not reached
     * the call yet ({@link #disconnect} sends it, or nothing does).
     */
    static final String GONE = "gone";

    private final WorkflowClient client;
    private final Deque<String> caller = new ArrayDeque<>();
    final List<String> operations = Collections.synchronizedList(new ArrayList<>());
    final List<RecognizeKeys> recognitions = Collections.synchronizedList(new ArrayList<>());
    boolean duplicateEvents;
    String rejectPlayOf;
    String staleEventDuringRecognize;
    /** Continuous-DTMF tones the caller presses during the next prompt, as [sequenceId, key] pairs in delivery order. */
    final Deque<List<Object>> tonesDuringNextPlay = new ArrayDeque<>();
    private String playingOperation;
    /**
     * What goes wrong with the next recognizes (one per entry), as when a worker dies mid-attempt: {@link #RAN_THEN_LOST}
     * ACS ran it and its result came, but the attempt failed; {@link #LOST} the attempt failed before ACS saw it;
     * {@link #RUNNING_THEN_LOST} ACS runs it (no result yet) and the attempt failed.
     */
    final Deque<String> recognizeMishaps = new ArrayDeque<>();
    /** The same for plays ({@link #RAN_THEN_LOST} or {@link #LOST}). */
    final Deque<String> playMishaps = new ArrayDeque<>();
    static final String RAN_THEN_LOST = "ran-then-lost";
    static final String LOST = "lost";
    static final String RUNNING_THEN_LOST = "running-then-lost";
    /** A recognize ACS is running without a result yet: one barging in cancels it. */
    private String runningRecognize;

    FakeAcs(WorkflowClient client, String... answers) {
        this.client = client;
        caller.addAll(List.of(answers));
    }

    @Override
    public AnsweredCall answer(AnswerCall request) {
        operations.add("answer");
        send(CallEventKind.CALL_CONNECTED, request.operationContext(), 200, 0, List.of());
        return new AnsweredCall("cc-" + request.callId(), "server-1", "corr-1");
    }

    /** For an outbound call: null = the callee answers, else the code of the CreateCallFailed ACS reports. */
    Integer createCallFailureCode;

    @Override
    public AnsweredCall createCall(org.openivr.workflows.CreateCall request) {
        operations.add("createCall " + request.outbound().targetRawId());
        if (createCallFailureCode == null) {
            send(CallEventKind.CALL_CONNECTED, request.operationContext(), 200, 0, List.of());
        } else {
            send(CallEventKind.CREATE_CALL_FAILED, request.operationContext(), createCallFailureCode, 560000 + createCallFailureCode,
                    List.of());
        }
        return new AnsweredCall("cc-" + request.callId(), "server-1", "corr-1");
    }

    @Override
    public void play(PlayPrompt request) {
        String mishap = playMishaps.pollFirst();
        if (LOST.equals(mishap)) {
            throw new IllegalStateException("the worker died before ACS saw the play");
        }
        operations.add(request.interruptCallMediaOperation() ? "play barging in" : "play");
        if (RAN_THEN_LOST.equals(mishap)) {
            send(CallEventKind.PLAY_COMPLETED, request.operationContext(), 200, 0, List.of());
            throw new IllegalStateException("the worker died after ACS ran the play");
        }
        if (rejectPlayOf != null && request.sources().get(0).value().contains(rejectPlayOf)) {
            throw ApplicationFailure.newNonRetryableFailure("play refused: 400 bad source", REJECTED);
        }
        if (!tonesDuringNextPlay.isEmpty()) {
            playingOperation = request.operationContext();
            while (!tonesDuringNextPlay.isEmpty()) {
                List<Object> tone = tonesDuringNextPlay.removeFirst();
                sendTone((Long) tone.get(0), (String) tone.get(1));
            }
            return; // the prompt goes on until cancelled
        }
        send(CallEventKind.PLAY_COMPLETED, request.operationContext(), 200, 0, List.of());
    }

    @Override
    public void recognizeKeys(RecognizeKeys request) {
        String mishap = recognizeMishaps.pollFirst();
        if (LOST.equals(mishap)) {
            throw new IllegalStateException("the worker died before ACS saw the recognize");
        }
        if (GONE.equals(caller.peekFirst())) {
            caller.removeFirst();
            operations.add("recognize on a call gone");
            throw ApplicationFailure.newNonRetryableFailure("ACS rejected recognize on call connection "
                    + request.callConnectionId() + ": HTTP 404, 8522 Call not found.", CALL_GONE);
        }
        operations.add(request.interruptCallMediaOperation() ? "recognize barging in" : "recognize");
        recognitions.add(request);
        if (runningRecognize != null && request.interruptCallMediaOperation()) {
            send(CallEventKind.RECOGNIZE_CANCELED, runningRecognize, 400, 8508, List.of());
            runningRecognize = null;
        }
        if (RUNNING_THEN_LOST.equals(mishap)) {
            runningRecognize = request.operationContext();
            throw new IllegalStateException("the worker died while ACS runs the recognize");
        }
        if (RAN_THEN_LOST.equals(mishap)) {
            answerRecognize(request);
            throw new IllegalStateException("the worker died after ACS ran the recognize");
        }
        answerRecognize(request);
    }

    private void answerRecognize(RecognizeKeys request) {
        if (staleEventDuringRecognize != null) {
            send(CallEventKind.PLAY_COMPLETED, staleEventDuringRecognize, 200, 0, List.of());
        }
        String answer = caller.isEmpty() ? SILENCE : caller.removeFirst();
        if (answer.equals(NEVER)) {
            return;
        }
        if (answer.equals(HANG_UP)) {
            send(CallEventKind.CALL_DISCONNECTED, null, 200, 7000, List.of());
        } else if (answer.isEmpty()) {
            send(CallEventKind.RECOGNIZE_FAILED, request.operationContext(), 400, 8510, List.of());
        } else {
            List<String> tones = answer.chars().mapToObj(c -> String.valueOf((char) c)).toList();
            int subCode = request.stopKeys().contains(tones.get(tones.size() - 1)) ? 8514 : 8531;
            send(CallEventKind.RECOGNIZE_COMPLETED, request.operationContext(), 200, subCode, tones);
        }
    }

    /** The CallDisconnected of a caller who hung up, sent from outside any operation. */
    void disconnect(String callId) {
        client.newWorkflowStub(CallWorkflow.class, callId).onEvent(new CallEvent(UUID.randomUUID().toString(),
                CallEventKind.CALL_DISCONNECTED, "Microsoft.Communication.CallDisconnected", "cc-" + callId, null, 200,
                7000, "", List.of()));
    }

    @Override
    public void hangUp(HangUpCall request) {
        operations.add("hangUp");
    }

    private void send(CallEventKind kind, String operationContext, int code, int subCode, List<String> tones) {
        String callId = Activity.getExecutionContext().getInfo().getWorkflowId();
        CallEvent event = new CallEvent(UUID.randomUUID().toString(), kind, "Microsoft.Communication." + kind,
                "cc-" + callId, operationContext, code, subCode, "", tones);
        CallWorkflow call = client.newWorkflowStub(CallWorkflow.class, callId);
        call.onEvent(event);
        if (duplicateEvents) {
            call.onEvent(event);
        }
    }

    @Override
    public void cancelMedia(org.openivr.workflows.CancelMedia request) {
        operations.add("cancelMedia");
        if (playingOperation != null) {
            send(CallEventKind.PLAY_CANCELED, playingOperation, 400, 8508, List.of());
            playingOperation = null;
        }
    }

    private void sendTone(long sequence, String key) {
        String callId = Activity.getExecutionContext().getInfo().getWorkflowId();
        client.newWorkflowStub(CallWorkflow.class, callId).onEvent(new CallEvent(UUID.randomUUID().toString(),
                CallEventKind.CONTINUOUS_DTMF_TONE_RECEIVED, "Microsoft.Communication.ContinuousDtmfRecognitionToneReceived",
                "cc-" + callId, "1/answer", 200, 0, "", List.of(key), sequence, null, null));
    }

    @Override
    public void sendDtmf(org.openivr.workflows.SendDtmf request) {
        operations.add("sendDtmf " + String.join("", request.tones()));
        send(CallEventKind.SEND_DTMF_COMPLETED, request.operationContext(), 200, 0, List.of());
    }

    @Override
    public void startContinuousDtmf(org.openivr.workflows.ContinuousDtmf request) {
        operations.add("startContinuousDtmf");
    }

    @Override
    public void stopContinuousDtmf(org.openivr.workflows.ContinuousDtmf request) {
        operations.add("stopContinuousDtmf");
    }

    @Override
    public void hold(org.openivr.workflows.HoldCaller request) {
        operations.add("hold" + (request.music().isEmpty() ? "" : " with music"));
    }

    @Override
    public void unhold(org.openivr.workflows.UnholdCaller request) {
        operations.add("unhold");
    }

    @Override
    public void transfer(org.openivr.workflows.TransferCall request) {
        operations.add("transfer " + request.targetRawId());
        send(CallEventKind.CALL_TRANSFER_ACCEPTED, request.operationContext(), 200, 0, List.of());
    }

    @Override
    public void startMediaStreaming(org.openivr.workflows.MediaStreamingControl request) {
        operations.add("startMediaStreaming");
        send(CallEventKind.MEDIA_STREAMING_STARTED, request.operationContext(), 200, 0, List.of());
    }

    @Override
    public void stopMediaStreaming(org.openivr.workflows.MediaStreamingControl request) {
        operations.add("stopMediaStreaming");
        send(CallEventKind.MEDIA_STREAMING_STOPPED, request.operationContext(), 200, 0, List.of());
    }

    @Override
    public org.openivr.workflows.RecordingStarted startRecording(org.openivr.workflows.StartRecording request) {
        operations.add("startRecording");
        return new org.openivr.workflows.RecordingStarted("rec-1", "inactive");
    }

    @Override
    public void controlRecording(org.openivr.workflows.RecordingControl request) {
        operations.add(request.action().name().toLowerCase() + "Recording");
    }

    @Override
    public String recordingState(String recordingId) {
        return "active";
    }
}
