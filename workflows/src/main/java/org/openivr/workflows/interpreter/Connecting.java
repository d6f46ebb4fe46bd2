package org.openivr.workflows.interpreter;

import io.temporal.failure.ActivityFailure;
import java.time.Duration;
import org.openivr.workflows.AnswerCall;
import org.openivr.workflows.AnsweredCall;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallResult;
import org.openivr.workflows.CreateCall;

/**
 * Gets a call to the point where its flow can run: answering an incoming call, or dialling out and
 * waiting for the callee. Returns null when connected, else how the call ended.
 */
final class Connecting {
    /** ACS reports CallConnected within seconds of an answer. */
    private static final Duration ANSWER_GUARD = Duration.ofSeconds(30);
    /** A callee's phone rings for about a minute before the network gives up. */
    private static final Duration RING_GUARD = Duration.ofSeconds(90);

    private Connecting() {}

    /** How a call ended before its flow could run. */
    record Ending(String ending, String reason) {}

    static Ending connect(CallSession session) {
        boolean outbound = session.input.outbound() != null;
        session.setStatus(outbound ? "dialling" : "answering");
        try {
            AnsweredCall call = outbound
                    ? session.acs.answer.createCall(new CreateCall(session.input.callId(), session.input.outbound(),
                            "0/create", AudioUse.streamingOptions(session.mainFlow)))
                    : session.acs.answer.answer(new AnswerCall(session.input.callId(),
                            session.input.incomingCallContext(), "0/answer", AudioUse.streamingOptions(session.mainFlow)));
            session.setCallConnectionId(call.callConnectionId());
            session.setServerCallId(call.serverCallId());
        } catch (ActivityFailure e) {
            return new Ending(CallResult.FAILED, (outbound ? "could not place the call: " : "could not answer: ")
                    + Failures.message(e));
        }
        if (session.awaitConnected(outbound ? RING_GUARD : ANSWER_GUARD,
                outbound ? Expected.RINGING : Expected.PROMPT_OR_REQUEST)) {
            return null;
        }
        CallEvent end = session.endEvent();
        if (end != null) {
            String ending = outbound ? outboundEnding(end) : CallResult.HUNGUP_BY_CALLER;
            return new Ending(ending, outbound ? end.shortType() + " " + end.code() + "/" + end.subCode() : null);
        }
        return outbound ? new Ending(CallResult.NO_ANSWER, "no answer within " + RING_GUARD.toSeconds() + "s")
                : new Ending(CallResult.FAILED, "ACS never reported the call connected");
    }

    /** SIP-style result codes of CreateCallFailed / an early CallDisconnected, as an analyst reads them. */
    static String outboundEnding(CallEvent end) {
        return switch (end.code()) {
            case 486, 600 -> CallResult.BUSY;
            case 408, 480, 487 -> CallResult.NO_ANSWER;
            case 403, 603 -> CallResult.REJECTED;
            default -> CallResult.FAILED;
        };
    }
}
