package org.openivr.emulator;

// ACS has no local emulator; this reproduces create call (acs-wire 2.2) and its outcomes
// (CallConnected, CreateCallFailed with the codes of acs-wire 3.5 and SIP's busy/decline).

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound calls: the callees tests and demos register ({@link AcsEmulator#expectCallee}), the checks of a
 * CreateCallRequest, and what happens at the callee's phone once it rings. Simulation thread only.
 */
final class OutboundCalls {

  private static final Logger log = LoggerFactory.getLogger(OutboundCalls.class);
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  /** A callee phone rings this long at most before the network gives up (acs-wire 6.2: about 30 s). */
  static final Duration RING_LIMIT = Duration.ofSeconds(30);
  /** A busy line answers with its busy signal about a second after the call is placed. */
  static final Duration BUSY_AFTER = Duration.ofSeconds(1);
  /** A callee declines after looking at the phone for a moment. */
  static final Duration REJECT_AFTER = Duration.ofSeconds(2);
  /** How an unknown number (no {@link AcsEmulator#expectCallee}) answers: after 1 s, then silence. */
  static final CalleeAnswer UNKNOWN_CALLEE = CalleeAnswer.after(Duration.ofSeconds(1));

  static final ResultInformation BUSY = new ResultInformation(486, 560486, "The callee is busy.");
  static final ResultInformation NO_ANSWER =
      new ResultInformation(480, 560480, "The callee did not answer or is unavailable.");
  static final ResultInformation DECLINED = new ResultInformation(603, 560603, "The callee declined the call.");
  static final ResultInformation CANCELED =
      new ResultInformation(487, 10003, "The call was canceled by the application before it was answered.");

  /** What a create call dials. */
  record CreateCallRequest(String targetPhone, String sourcePhone, URI callbackUri, String operationContext,
      MediaStreamingOptions streaming) {}

  /** One registered callee: its script (the caller whose {@code fromPhone} is the dialled number) and its answer. */
  record Callee(ScriptedCaller script, CalleeAnswer answer) {}

  private final Map<String, Deque<Callee>> expected = new HashMap<>();

  /** Registers a callee; calls to the same number take registrations in order. */
  void expect(ScriptedCaller callee, CalleeAnswer answer) {
    expected.computeIfAbsent(callee.fromPhone(), k -> new ArrayDeque<>()).add(new Callee(callee, answer));
    log.info("callee '{}' {} expects a call; answers {}", callee.name(), callee.fromPhone(), describe(answer));
  }

  /** The callee for a call from {@code sourcePhone} to {@code targetPhone}: the oldest registration, or a silent one. */
  Callee take(String targetPhone, String sourcePhone) {
    Deque<Callee> queue = expected.get(targetPhone);
    Callee registered = queue == null ? null : queue.poll();
    if (queue != null && queue.isEmpty()) {
      expected.remove(targetPhone);
    }
    if (registered == null) {
      log.info("create call to {}: no callee registered; it answers after 1 s and stays silent", targetPhone);
      return new Callee(new ScriptedCaller("unknown callee " + targetPhone, targetPhone, sourcePhone, List.of()),
          UNKNOWN_CALLEE);
    }
    ScriptedCaller script = registered.script();
    // The callee's script is written from its side: it hears the call come from the source number.
    return new Callee(new ScriptedCaller(script.name(), targetPhone, sourcePhone, script.steps()), registered.answer());
  }

  /** Callees registered and not called yet. */
  int pending() {
    return expected.values().stream().mapToInt(Deque::size).sum();
  }

  /** Starts the callee's phone ringing; its answer decides what follows. */
  void ring(EmulatedCall call, CalleeAnswer answer, String operationContext, MediaStreamingOptions streaming,
      String apiVersion) {
    Runnable outcome;
    Duration when;
    switch (answer.kind()) {
      case AFTER -> {
        if (answer.after().compareTo(RING_LIMIT) >= 0) {
          when = RING_LIMIT;
          outcome = () -> call.notConnected("CreateCallFailed", "callee", operationContext, NO_ANSWER);
        } else {
          when = answer.after();
          outcome = () -> {
            if (call.calleeAnswered(operationContext)) {
              call.controls.answered(streaming, apiVersion);
            }
          };
        }
      }
      case BUSY -> {
        when = BUSY_AFTER;
        outcome = () -> call.notConnected("CreateCallFailed", "callee", operationContext, BUSY);
      }
      case REJECT -> {
        when = REJECT_AFTER;
        outcome = () -> call.notConnected("CreateCallFailed", "callee", operationContext, DECLINED);
      }
      default -> {
        when = RING_LIMIT;
        outcome = () -> call.notConnected("CreateCallFailed", "callee", operationContext, NO_ANSWER);
      }
    }
    call.ringUntil(call.sim.after(when, outcome));
    log.info("{} ringing at '{}' {} (from {}); the callee answers {}", call.callConnectionId(), call.caller.name(),
        call.caller.fromPhone(), call.caller.toPhone(), describe(answer));
  }

  /** The app hung up or terminated a call still ringing at the callee: the phone stops, CallDisconnected 487. */
  static void cancel(EmulatedCall call) {
    call.notConnected("CallDisconnected", "app", null, CANCELED);
  }

  /** Checks a CreateCallRequest (acs-wire 2.2); 400 8523 for anything the emulator cannot place. */
  static CreateCallRequest parse(JsonNode body, String apiVersion) {
    JsonNode targets = body.get("targets");
    if (targets == null || !targets.isArray() || targets.isEmpty()) {
      throw AcsException.badRequest("targets is required: the participant to call.");
    }
    if (targets.size() > 1) {
      throw AcsException.badRequest("The emulator places 1:1 calls only: targets must hold one participant.");
    }
    String targetPhone = phone(targets.get(0));
    if (targetPhone == null) {
      throw AcsException.badRequest("The emulator calls phone numbers only: the target must be a phoneNumber"
          + " identifier with an E.164 value (rawId 4:+14255550123).");
    }
    String callback = Json.text(body, "callbackUri");
    if (callback == null || callback.isBlank()) {
      throw AcsException.badRequest("callbackUri is required.");
    }
    URI callbackUri = MediaOperation.optionalUri(callback, "callbackUri");
    String source = Json.text(body.get("sourceCallerIdNumber"), "value");
    if (source == null || source.isBlank()) {
      throw AcsException.badRequest("sourceCallerIdNumber is required to call a phone number.");
    }
    if (!E164.matcher(source).matches()) {
      throw AcsException.badRequest("sourceCallerIdNumber.value must be an E.164 number: " + source);
    }
    if (source.equals(targetPhone)) {
      throw AcsException.badRequest("A call cannot be placed from a number to itself: " + source);
    }
    MediaStreamingOptions streaming = MediaStreamingOptions.parse(body.get("mediaStreamingOptions"), apiVersion);
    return new CreateCallRequest(targetPhone, source, callbackUri, Json.text(body, "operationContext"), streaming);
  }

  /** The E.164 number of a phone identifier (with or without {@code kind}, as SDK 1.0.x sends it), else null. */
  private static String phone(JsonNode identifier) {
    if (identifier == null || !identifier.isObject()) {
      return null;
    }
    String kind = Json.text(identifier, "kind");
    if (kind != null && !kind.equals("phoneNumber")) {
      return null;
    }
    String value = Json.text(identifier.get("phoneNumber"), "value");
    String rawId = Json.text(identifier, "rawId");
    if (value == null && rawId != null && rawId.startsWith("4:")) {
      value = rawId.substring(2);
    }
    if (value == null || !E164.matcher(value).matches()) {
      return null;
    }
    if (rawId != null && !rawId.equals("4:" + value)) {
      throw AcsException.badRequest("The target's rawId " + rawId + " does not match its phone number " + value + ".");
    }
    return value;
  }

  private static String describe(CalleeAnswer answer) {
    return switch (answer.kind()) {
      case AFTER -> "after " + answer.after().toMillis() + " ms";
      case BUSY -> "busy";
      case NO_ANSWER -> "never (no answer)";
      case REJECT -> "by declining";
    };
  }
}
