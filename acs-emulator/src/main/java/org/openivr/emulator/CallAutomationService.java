package org.openivr.emulator;

// ACS has no local emulator; this reproduces the Call Automation REST operations' behaviour and
// exact status codes and bodies (acs-wire 1.4, 2.2, 2.3, 2.6).

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes Call Automation operations against the emulated calls. {@link #execute} runs on the
 * simulation thread; it never blocks.
 */
final class CallAutomationService {

  private static final Logger log = LoggerFactory.getLogger(CallAutomationService.class);
  /** A call rings about 30 s (acs-wire 6.2); wall-clock, so a slow app under load is not punished. */
  static final Duration RING_TIMEOUT = Duration.ofSeconds(30);
  private static final int REMEMBERED_REQUEST_IDS = 100_000;

  record Request(Route route, String apiVersion, byte[] body, String repeatabilityRequestId) {}

  record Response(int status, String body, Map<String, String> headers) {
    Response withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Response(status, body, Map.copyOf(copy));
    }
  }

  /** What one execution found out, for its response headers and ledger entry. */
  private static final class Execution {
    String callConnectionId;
    EmulatedCall call;

    Execution(String callConnectionId) {
      this.callConnectionId = callConnectionId;
    }
  }

  private final Simulation sim;
  private final CallbackDelivery delivery;
  private final Ledger ledger;
  private final Supplier<Faults> faults;
  /** Call recording: its operations, RecordingStateChanged, the files and their Event Grid event. */
  private final RecordingService recordings;
  /** {@code callConnectionId/operation} pairs whose first response {@link Faults#failAfterExecuting()} already lost. */
  private final java.util.Set<String> lostResponses = new java.util.HashSet<>();
  private final Map<String, EmulatedCall> byCorrelationId = new ConcurrentHashMap<>();
  private final Map<String, EmulatedCall> byIncomingCallContext = new HashMap<>();
  private final Map<String, EmulatedCall> byCallConnectionId = new HashMap<>();
  /** Disconnected calls by when {@link #forgetEnded} first saw them disconnected (System.nanoTime()). */
  private final Map<String, Long> endedSince = new HashMap<>();
  /** Create call: the callees registered for outbound calls, and what their phones do. */
  private final OutboundCalls outbound = new OutboundCalls();
  private final Map<String, Response> repeatability = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Response> eldest) {
      return size() > REMEMBERED_REQUEST_IDS;
    }
  };

  CallAutomationService(Simulation sim, CallbackDelivery delivery, Ledger ledger) {
    this(sim, delivery, ledger, Faults::none);
  }

  CallAutomationService(Simulation sim, CallbackDelivery delivery, Ledger ledger, Supplier<Faults> faults) {
    this.sim = sim;
    this.delivery = delivery;
    this.ledger = ledger;
    this.faults = faults;
    this.recordings = new RecordingService(sim, ledger, this::callByServerCallId, byCallConnectionId::get);
  }

  /** A new call, ringing until answered or until it gives up. Simulation thread. */
  EmulatedCall ring(ScriptedCaller caller) {
    EmulatedCall call = new EmulatedCall(caller, sim, delivery);
    byCorrelationId.put(call.correlationId, call);
    byIncomingCallContext.put(call.incomingCallContext, call);
    call.ringUntil(sim.afterRealTime(RING_TIMEOUT, () -> call.abandon("not answered within " + RING_TIMEOUT)));
    log.info("call {} ringing: '{}' {} -> {}", call.correlationId, caller.name(), caller.fromPhone(), caller.toPhone());
    return call;
  }

  RecordingService recordings() {
    return recordings;
  }

  /** A callee for the next create call to its number. Simulation thread. */
  void expectCallee(ScriptedCaller callee, CalleeAnswer answer) {
    outbound.expect(callee, answer);
  }

  /** Registered callees no create call has reached yet. Simulation thread. */
  int pendingCallees() {
    return outbound.pending();
  }

  /** The call with this serverCallId, or {@code null}. Simulation thread. */
  private EmulatedCall callByServerCallId(String serverCallId) {
    return byCorrelationId.values().stream().filter(c -> c.serverCallId.equals(serverCallId)).findFirst().orElse(null);
  }

  /** Any thread. */
  /** What is heard on a call, by correlationId (simulation thread). */
  CallAudio audioOf(String correlationId) {
    EmulatedCall call = byCorrelationId.get(correlationId);
    if (call == null) {
      throw new IllegalArgumentException("No call " + correlationId);
    }
    return call.audio;
  }

  /**
   * Forgets the calls disconnected at least {@code keep} before {@code now}, as ACS does (a call connection that
   * ended answers 404). Without this the emulator keeps every call it ever had: a soak's heap grew with each one, and
   * finding a call by serverCallId scanned them all. Simulation thread.
   *
   * @return how many were forgotten
   */
  int forgetEnded(Duration keep, long now) {
    Set<EmulatedCall> expired = Collections.newSetFromMap(new IdentityHashMap<>());
    for (EmulatedCall call : byCorrelationId.values()) {
      if (call.state() != EmulatedCall.State.DISCONNECTED) {
        continue;
      }
      long since = endedSince.computeIfAbsent(call.correlationId, id -> now);
      if (now - since >= keep.toNanos()) {
        expired.add(call);
      }
    }
    for (EmulatedCall call : expired) {
      byCorrelationId.remove(call.correlationId);
      byIncomingCallContext.remove(call.incomingCallContext);
      endedSince.remove(call.correlationId);
    }
    byCallConnectionId.values().removeIf(expired::contains);
    return expired.size();
  }

  Optional<EmulatedCallView> view(String correlationId) {
    return Optional.ofNullable(byCorrelationId.get(correlationId)).map(EmulatedCall::view);
  }

  /** Executes one authenticated request. Simulation thread. */
  Response execute(Request request) {
    Route route = request.route();
    String requestId = route.repeatable() ? request.repeatabilityRequestId() : null;
    if (requestId != null) {
      Response stored = repeatability.get(requestId);
      if (stored != null) {
        log.info("{} {} replayed (Repeatability-Request-ID {}): answered {} again, not executed",
            orDash(route.callConnectionId()), route.operation(), requestId, stored.status());
        return stored;
      }
    }
    Execution execution = new Execution(route.callConnectionId());
    Response response;
    String detail = "";
    try {
      response = dispatch(request, execution);
    } catch (AcsException e) {
      response = error(e.status, e.code, e.getMessage());
      detail = " " + e.code + " " + e.getMessage();
    }
    if (execution.call != null) {
      response = response.withHeader("X-Microsoft-Skype-Chain-ID", execution.call.correlationId);
    }
    if (requestId != null) {
      response = response.withHeader("Repeatability-Result", "accepted");
      repeatability.put(requestId, response);
    }
    ledger.add(new LedgerEntry(Instant.now(), execution.callConnectionId, route.operation(),
        request.repeatabilityRequestId(), new String(request.body(), StandardCharsets.UTF_8), response.status()));
    log.info("{} {} (api-version {}) -> {}{}", orDash(execution.callConnectionId), route.operation(),
        request.apiVersion(), response.status(), detail);
    return loseFirstResponse(route.operation(), execution.callConnectionId, response);
  }

  /**
   * {@link Faults#failAfterExecuting()}: the operation ran (and is in the ledger and the repeatability
   * store), but its first successful response on each call is replaced by a 500.
   */
  private Response loseFirstResponse(String operation, String callConnectionId, Response response) {
    if (response.status() >= 300 || !faults.get().failAfterExecuting().contains(operation)
        || !lostResponses.add(orDash(callConnectionId) + "/" + operation)) {
      return response;
    }
    log.info("{} {} executed, but answered 500 (fault failAfterExecuting)", orDash(callConnectionId), operation);
    return error(500, "InternalError", "Injected fault: " + operation + " was executed but its response was lost.");
  }

  private Response dispatch(Request request, Execution execution) {
    String apiVersion = request.apiVersion();
    if (faults.get().dropEventsFor().contains(request.route().operation())) {
      connected(execution); // accepted, as ACS would, but never carried out: no event will ever follow
      log.info("{} {} accepted but dropped (fault dropEventsFor)", orDash(execution.callConnectionId),
          request.route().operation());
      return empty(202);
    }
    return switch (request.route().operation()) {
      case "answer" -> answer(request, execution);
      case "getCall" -> json(200, properties(connected(execution), "connected"));
      case "createCall" -> createCall(request, execution);
      case "hangUp", "terminate" -> {
        EmulatedCall ringing = byCallConnectionId.get(execution.callConnectionId);
        if (ringing != null && ringing.outbound() && ringing.state() == EmulatedCall.State.RINGING) {
          execution.call = ringing;
          OutboundCalls.cancel(ringing); // the app gave up before the callee answered
          yield empty(204);
        }
        connected(execution).disconnect("app", apiVersion);
        yield empty(204);
      }
      case "play" -> {
        EmulatedCall call = connected(execution);
        JsonNode body = object(request);
        PlayOperation play = new PlayOperation(call, apiVersion, body);
        if (body.path("playTo").isArray() && !body.path("playTo").isEmpty()) {
          call.controls.startPlayTo(play); // to specific participants: the sub-leg (acs-wire 6.1)
        } else {
          call.enqueue(play);
        }
        yield empty(202);
      }
      case "recognize" -> {
        EmulatedCall call = connected(execution);
        call.enqueue(new RecognizeOperation(call, apiVersion, object(request)));
        yield empty(202);
      }
      case "cancelAllMediaOperations" -> {
        connected(execution).cancelAllMedia();
        yield empty(202);
      }
      case "sendDtmfTones", "startContinuousDtmfRecognition", "stopContinuousDtmfRecognition", "hold", "unhold",
          "transferToParticipant", "startMediaStreaming", "stopMediaStreaming", "getParticipants" ->
          CallActionService.execute(request.route().operation(), connected(execution), apiVersion, request.body());
      case "startRecording", "getRecording", "stopRecording", "pauseRecording", "resumeRecording" ->
          recordings.execute(request.route().operation(), request.route().recordingId(), apiVersion, request.body(),
              call -> {
                execution.call = call;
                execution.callConnectionId = call.callConnectionId();
              });
      default -> throw new IllegalStateException("No handler for " + request.route());
    };
  }

  private Response answer(Request request, Execution execution) {
    JsonNode body = object(request);
    String context = Json.text(body, "incomingCallContext");
    if (context == null || context.isBlank()) {
      throw AcsException.badRequest("incomingCallContext is required.");
    }
    String callback = Json.text(body, "callbackUri");
    if (callback == null || callback.isBlank()) {
      throw AcsException.badRequest("callbackUri is required.");
    }
    URI callbackUri = MediaOperation.optionalUri(callback, "callbackUri");
    MediaStreamingOptions streaming = MediaStreamingOptions.parse(body.get("mediaStreamingOptions"), request.apiVersion());
    EmulatedCall call = byIncomingCallContext.get(context);
    if (call == null) {
      throw AcsException.badRequest("Unknown incomingCallContext: no call was offered with it.");
    }
    if (call.state() != EmulatedCall.State.RINGING) {
      throw AcsException.badRequest(call.callConnectionId() != null
          ? "The incomingCallContext was already used: the call was answered as " + call.callConnectionId() + "."
          : "The call is no longer ringing: the caller hung up before it was answered.");
    }
    String callConnectionId = UUID.randomUUID().toString();
    execution.callConnectionId = callConnectionId;
    execution.call = call;
    byCallConnectionId.put(callConnectionId, call);
    call.answer(callConnectionId, callbackUri, request.apiVersion(), Json.text(body, "operationContext"));
    call.controls.answered(streaming, request.apiVersion());
    ObjectNode properties = properties(call, "unknown");
    if (streaming != null) {
      properties.set("mediaStreamingSubscription", call.controls.streamingSubscription());
    }
    if (body.path("answeredBy").isObject()) {
      properties.set("answeredBy", body.get("answeredBy"));
    }
    return json(200, properties);
  }

  /** Create call (acs-wire 2.2): 201 {@code connecting}; the callee's answer decides the events that follow. */
  private Response createCall(Request request, Execution execution) {
    OutboundCalls.CreateCallRequest create = OutboundCalls.parse(object(request), request.apiVersion());
    OutboundCalls.Callee callee = outbound.take(create.targetPhone(), create.sourcePhone());
    EmulatedCall call = new EmulatedCall(callee.script(), sim, delivery);
    String callConnectionId = UUID.randomUUID().toString();
    execution.callConnectionId = callConnectionId;
    execution.call = call;
    byCorrelationId.put(call.correlationId, call);
    byCallConnectionId.put(callConnectionId, call);
    call.dial(callConnectionId, create.callbackUri(), request.apiVersion());
    outbound.ring(call, callee.answer(), create.operationContext(), create.streaming(), request.apiVersion());
    return json(201, properties(call, "connecting"));
  }

  /** The call in the path if it is up; 404 8522 otherwise. */
  private EmulatedCall connected(Execution execution) {
    EmulatedCall call = byCallConnectionId.get(execution.callConnectionId);
    if (call == null || call.state() != EmulatedCall.State.CONNECTED) {
      throw AcsException.callNotFound();
    }
    execution.call = call;
    return call;
  }

  /** CallConnectionProperties (acs-wire 2.1). */
  private static ObjectNode properties(EmulatedCall call, String callConnectionState) {
    ObjectNode node = Json.object();
    node.put("callConnectionId", call.callConnectionId());
    node.put("serverCallId", call.serverCallId);
    node.putArray("targets").add(Json.phoneIdentifier(call.caller.fromPhone()));
    node.put("callConnectionState", callConnectionState);
    node.put("callbackUri", call.callbackUri().toString());
    node.putObject("sourceCallerIdNumber").put("value", call.caller.toPhone());
    node.set("source", Json.phoneIdentifier(call.caller.toPhone()));
    node.put("correlationId", call.correlationId);
    return node;
  }

  private static JsonNode object(Request request) {
    if (request.body().length == 0) {
      throw AcsException.badRequest("A JSON request body is required.");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(request.body());
    } catch (JsonProcessingException e) {
      throw AcsException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw AcsException.badRequest("The request body cannot be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw AcsException.badRequest("The request body must be a JSON object.");
    }
    return node;
  }

  static Response error(int status, String code, String message) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return json(status, body);
  }

  private static Response json(int status, JsonNode body) {
    return new Response(status, Json.write(body), Map.of("Content-Type", "application/json; charset=utf-8"));
  }

  private static Response empty(int status) {
    return new Response(status, null, Map.of());
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
