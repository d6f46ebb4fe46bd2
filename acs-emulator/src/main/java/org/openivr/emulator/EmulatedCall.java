package org.openivr.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through the emulator: ringing, then connected once the app answers, then disconnected.
 * Owns the call's media queue and its scripted caller. All methods run on the simulation thread;
 * the volatile fields may be read from anywhere.
 */
final class EmulatedCall {

  private static final Logger log = LoggerFactory.getLogger(EmulatedCall.class);

  enum State { RINGING, CONNECTED, DISCONNECTED }

  final String correlationId = UUID.randomUUID().toString();
  final String serverCallId = Base64.getEncoder().encodeToString(
      ("https://acs-emulator.localhost/api/v2/cp/" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
  final String incomingCallContext = newIncomingCallContext();
  final ScriptedCaller caller;
  final Simulation sim;
  /** Sub-leg, continuous DTMF, hold, streaming and transfer state. */
  final CallControls controls = new CallControls(this);
  /** What is heard on the call, for recordings. */
  final CallAudio audio;
  private final CallbackDelivery delivery;
  private final CallerScript script;
  private final Deque<MediaOperation> queue = new ArrayDeque<>();
  private volatile State state = State.RINGING;
  private volatile String callConnectionId;
  private volatile String disconnectedBy;
  private CallbackDelivery.Queue events;
  private URI callbackUri;
  private String answerApiVersion;
  private MediaOperation current;
  private ScheduledFuture<?> ringTimeout;
  private boolean outbound;
  /** How many prompts have played to their end on this call (not cut short by a key or a cancel). */
  private int promptsPlayedOut;

  EmulatedCall(ScriptedCaller caller, Simulation sim, CallbackDelivery delivery) {
    this.caller = caller;
    this.sim = sim;
    this.delivery = delivery;
    this.script = new CallerScript(this, caller.steps());
    this.audio = new CallAudio(sim);
  }

  /** Looks like the JWT-shaped token of a real IncomingCall; only its identity matters. */
  private static String newIncomingCallContext() {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = url.encodeToString(("{\"cc\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".";
  }

  /** The emulator's signed ACS token (JWKS at {@code /calling/keys}), or null when none is configured. */
  String bearerToken() {
    return delivery.bearerToken();
  }

  State state() {
    return state;
  }

  String callConnectionId() {
    return callConnectionId;
  }

  URI callbackUri() {
    return callbackUri;
  }

  EmulatedCallView view() {
    return new EmulatedCallView(correlationId, callConnectionId, serverCallId, state.name().toLowerCase(java.util.Locale.ROOT),
        disconnectedBy);
  }

  void ringUntil(ScheduledFuture<?> timeout) {
    this.ringTimeout = timeout;
  }

  /** The app answered: CallConnected goes out and the scripted caller starts. */
  void answer(String newCallConnectionId, URI newCallbackUri, String apiVersion, String operationContext) {
    cancelRingTimeout();
    callConnectionId = newCallConnectionId;
    callbackUri = newCallbackUri;
    answerApiVersion = apiVersion;
    events = delivery.newQueue(newCallConnectionId);
    state = State.CONNECTED;
    log.info("{} answered; caller '{}' {} -> {}", callConnectionId, caller.name(), caller.fromPhone(), caller.toPhone());
    emit("CallConnected", null, apiVersion, operationContext, ResultInformation.CONNECTED, null);
    script.start();
  }

  /**
   * An outbound call the app created (create call): it rings at the callee, and its events go to the create's
   * callback URI from now on. {@link #calleeAnswered} or {@link #notConnected} follows.
   */
  void dial(String newCallConnectionId, URI newCallbackUri, String apiVersion) {
    callConnectionId = newCallConnectionId;
    callbackUri = newCallbackUri;
    answerApiVersion = apiVersion;
    events = delivery.newQueue(newCallConnectionId);
    outbound = true;
  }

  /** Whether the app created this call (rather than answering it). */
  boolean outbound() {
    return outbound;
  }

  /** The callee of an outbound call picked up: CallConnected (with the create's context), then the callee's script. */
  boolean calleeAnswered(String operationContext) {
    if (state != State.RINGING) {
      return false;
    }
    cancelRingTimeout();
    state = State.CONNECTED;
    log.info("{} answered by the callee '{}' {} (called from {})", callConnectionId, caller.name(), caller.fromPhone(),
        caller.toPhone());
    emit("CallConnected", null, answerApiVersion, operationContext, ResultInformation.CONNECTED, null);
    script.start();
    return true;
  }

  /**
   * An outbound call ended before it connected: {@code event} (CreateCallFailed, or CallDisconnected when the app
   * canceled it) with {@code result}; {@code by} is {@code callee} or {@code app}.
   */
  void notConnected(String event, String by, String operationContext, ResultInformation result) {
    if (state != State.RINGING) {
      return;
    }
    cancelRingTimeout();
    disconnectedBy = by;
    state = State.DISCONNECTED;
    log.info("{} not connected: {} {}/{} ({})", callConnectionId, event, result.code(), result.subCode(),
        result.message());
    emit(event, null, answerApiVersion, operationContext, result, null);
  }

  /** The call stopped ringing unanswered (the caller gave up, or the IncomingCall never arrived). */
  void abandon(String reason) {
    if (state == State.RINGING) {
      cancelRingTimeout();
      disconnectedBy = "caller"; // before the state, so a reader never sees "disconnected" by nobody
      state = State.DISCONNECTED;
      log.info("call {} ended unanswered: {}", correlationId, reason);
    }
  }

  /** The app or the caller hung up: media stops silently, CallDisconnected goes out. */
  void disconnect(String by, String apiVersion) {
    disconnect(by, apiVersion, ResultInformation.CALL_ENDED);
  }

  /** The call ended for {@code by} ({@code app}, {@code caller}, {@code transfer}); {@code result} is CallDisconnected's. */
  void disconnect(String by, String apiVersion, ResultInformation result) {
    if (state != State.CONNECTED) {
      return;
    }
    disconnectedBy = by;
    state = State.DISCONNECTED;
    script.stop();
    if (current != null) {
      current.abort();
      current = null;
    }
    queue.forEach(MediaOperation::abort);
    queue.clear();
    controls.callEnded(result);
    audio.ended();
    log.info("{} disconnected by {}", callConnectionId, by);
    emit("CallDisconnected", null, apiVersion, null, result, null);
  }

  void callerHangsUp() {
    disconnect("caller", answerApiVersion);
  }

  /** A new play or recognize: queued behind the running one, or barging in when it asks to. */
  void enqueue(MediaOperation operation) {
    if (operation.interruptCallMediaOperation) {
      cancelAllMedia();
    }
    queue.add(operation);
    startNext();
  }

  /** Cancels the running and all queued operations, each with its canceled event. */
  void cancelAllMedia() {
    List<MediaOperation> all = new ArrayList<>();
    if (current != null) {
      all.add(current);
      current = null;
    }
    all.addAll(queue);
    queue.clear();
    all.forEach(MediaOperation::cancel);
    for (MediaOperation operation : all) {
      if (operation instanceof RecognizeOperation recognize) {
        script.recognizeEnded(recognize);
      }
    }
    controls.cancelSubLegPlay();
  }

  private void startNext() {
    while (current == null && !queue.isEmpty() && state == State.CONNECTED) {
      current = queue.poll();
      current.start();
    }
  }

  /** An operation ended on its own (completed or failed). */
  void mediaEnded(MediaOperation operation) {
    if (current != operation) {
      controls.subLegEnded(operation); // a PlayTo on the participant sub-leg
      return;
    }
    current = null;
    if (operation instanceof RecognizeOperation recognize) {
      script.recognizeEnded(recognize);
    }
    startNext();
  }

  void recognizeListening(RecognizeOperation recognize) {
    script.recognizeListening(recognize);
  }

  /** Continuous DTMF recognition of the caller began: a waiting Press step may press now. */
  void continuousDtmfStarted() {
    script.continuousDtmfStarted();
  }

  /**
   * The operation whose prompt the caller hears right now, or {@code null}: a running play, a recognize whose prompt
   * still plays (one that only listens is quiet), or a PlayTo on the participant sub-leg.
   */
  MediaOperation playingPrompt() {
    if (current instanceof PlayOperation play && !play.finished()) {
      return play;
    }
    if (current instanceof RecognizeOperation recognize && recognize.promptPlaying()) {
      return recognize;
    }
    return controls.subLegPlay();
  }

  /** A prompt played to its end. */
  void promptPlayedOut() {
    promptsPlayedOut++;
  }

  int promptsPlayedOut() {
    return promptsPlayedOut;
  }

  /** Whether every callback event of this call so far has reached the app (or was given up on). */
  boolean eventsDelivered() {
    return events == null || events.drained().isDone();
  }

  /** The recognize that collects keys right now, or {@code null}. */
  RecognizeOperation listeningRecognize() {
    return current instanceof RecognizeOperation recognize && recognize.listening() ? recognize : null;
  }

  /** Queues a callback event to the operation's callback URI, or else the call's. */
  void emit(String name, URI operationCallbackUri, String apiVersion, String operationContext, ResultInformation result,
      Consumer<ObjectNode> extra) {
    URI target = operationCallbackUri != null ? operationCallbackUri : callbackUri;
    log.debug("{} event {} {}/{} to {}", callConnectionId, name, result.code(), result.subCode(), target);
    events.post(target, name, CallEvents.build(name, this, apiVersion, operationContext, result, extra));
  }

  private void cancelRingTimeout() {
    if (ringTimeout != null) {
      ringTimeout.cancel(false);
      ringTimeout = null;
    }
  }
}
