package org.openivr.emulator;

// ACS has no local emulator; this reproduces the request side of its mid-call actions: paths,
// bodies, validation and status codes (acs-wire 2.3, 2.4, 2.6, 6.2).

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes send DTMF, continuous DTMF recognition, hold/unhold, transfer, media streaming and list
 * participants on a connected call; {@link CallControls} keeps the state. Simulation thread only.
 */
final class CallActionService {

  /** The operations this class executes (ledger names). */
  static final Set<String> OPERATIONS = Set.of("sendDtmfTones", "startContinuousDtmfRecognition",
      "stopContinuousDtmfRecognition", "hold", "unhold", "transferToParticipant", "startMediaStreaming",
      "stopMediaStreaming", "getParticipants");

  /** At most this many tones per sendDtmfTones (acs-wire 6.2). */
  static final int MAX_TONES = 18;

  private static final Map<String, String> FIRST_VERSION = Map.of(
      "sendDtmfTones", "2023-10-15",
      "startContinuousDtmfRecognition", "2023-10-15",
      "stopContinuousDtmfRecognition", "2023-10-15",
      "hold", "2024-09-15",
      "unhold", "2024-09-15",
      "startMediaStreaming", MediaStreamingOptions.FIRST_VERSION,
      "stopMediaStreaming", MediaStreamingOptions.FIRST_VERSION);

  private CallActionService() {}

  static CallAutomationService.Response execute(String operation, EmulatedCall call, String apiVersion, byte[] body) {
    String first = FIRST_VERSION.get(operation);
    if (first != null && apiVersion.compareTo(first) < 0) {
      throw new AcsException(400, "UnsupportedApiVersion", "The operation '" + operation + "' needs api-version "
          + first + " or later; this request used " + apiVersion + ".");
    }
    CallControls controls = call.controls;
    return switch (operation) {
      case "sendDtmfTones" -> sendDtmfTones(call, apiVersion, object(body, false));
      case "startContinuousDtmfRecognition" -> {
        JsonNode request = object(body, false);
        controls.startContinuousDtmf(Participant.parse(request.get("targetParticipant"), "targetParticipant"),
            Json.text(request, "operationContext"), callbackUri(request), apiVersion);
        yield empty(200);
      }
      case "stopContinuousDtmfRecognition" -> {
        JsonNode request = object(body, false);
        Participant.parse(request.get("targetParticipant"), "targetParticipant");
        controls.stopContinuousDtmf(Json.text(request, "operationContext"), callbackUri(request), apiVersion);
        yield empty(200);
      }
      case "hold" -> {
        JsonNode request = object(body, false);
        Participant target = Participant.parse(request.get("targetParticipant"), "targetParticipant");
        JsonNode music = request.get("playSourceInfo");
        PlaySource source = music == null || music.isNull() ? null : PlaySource.parse(music, apiVersion);
        controls.hold(target, source, Json.text(request, "operationContext"), callbackUri(request), apiVersion);
        yield empty(200);
      }
      case "unhold" -> {
        JsonNode request = object(body, false);
        controls.unhold(Participant.parse(request.get("targetParticipant"), "targetParticipant"), apiVersion);
        yield empty(200);
      }
      case "transferToParticipant" -> {
        JsonNode request = object(body, false);
        Participant target = Participant.parse(request.get("targetParticipant"), "targetParticipant");
        if (!target.isPhone() && !target.kind().equals("communicationUser")) {
          throw AcsException.badRequest("targetParticipant must be a phone number or an ACS user; Call Automation "
              + "does not interoperate with " + target.kind() + ".");
        }
        JsonNode transfereeNode = request.get("transferee");
        Participant transferee = transfereeNode == null || transfereeNode.isNull() ? null
            : Participant.parse(transfereeNode, "transferee");
        String context = Json.text(request, "operationContext");
        controls.transfer(target, transferee, context, callbackUri(request), apiVersion);
        yield withOperationContext(202, context);
      }
      case "startMediaStreaming", "stopMediaStreaming" -> {
        JsonNode request = object(body, true);
        String context = Json.text(request, "operationContext");
        if (operation.equals("startMediaStreaming")) {
          controls.startStreaming(context, callbackUri(request), apiVersion);
        } else {
          controls.stopStreaming(context, callbackUri(request), apiVersion);
        }
        yield empty(202);
      }
      case "getParticipants" -> {
        ObjectNode page = Json.object();
        page.set("value", controls.participants(apiVersion));
        yield json(200, page);
      }
      default -> throw new IllegalStateException("No handler for " + operation);
    };
  }

  private static CallAutomationService.Response sendDtmfTones(EmulatedCall call, String apiVersion, JsonNode request) {
    JsonNode tonesNode = request.get("tones");
    if (tonesNode == null || !tonesNode.isArray() || tonesNode.isEmpty()) {
      throw AcsException.badRequest("tones is required and must hold at least one tone.");
    }
    if (tonesNode.size() > MAX_TONES) {
      throw AcsException.badRequest("At most " + MAX_TONES + " tones can be sent at a time; got " + tonesNode.size() + ".");
    }
    List<String> tones = new ArrayList<>();
    for (JsonNode tone : tonesNode) {
      String name = tone.isTextual() ? tone.asText().toLowerCase(java.util.Locale.ROOT) : null;
      if (!Tones.isTone(name)) {
        throw AcsException.badRequest("Unknown tone in tones: " + tone);
      }
      tones.add(name);
    }
    Participant target = Participant.parse(request.get("targetParticipant"), "targetParticipant");
    if (!target.isPhone()) {
      throw AcsException.badRequest("Send DTMF supports PSTN participants only; targetParticipant is " + target.kind() + ".");
    }
    String context = Json.text(request, "operationContext");
    URI callbackUri = callbackUri(request);
    call.controls.requireSubLegFree("SendDtmf");
    if (!call.controls.inCall(target)) {
      call.emit("SendDtmfTonesFailed", callbackUri, apiVersion, context, CallControls.NOT_IN_CALL, null);
    } else {
      call.controls.sendDtmf(new SendDtmfOperation(call, tones, apiVersion, context, callbackUri));
    }
    return withOperationContext(202, context);
  }

  private static URI callbackUri(JsonNode request) {
    return MediaOperation.optionalUri(Json.text(request, "operationCallbackUri"), "operationCallbackUri");
  }

  private static JsonNode object(byte[] body, boolean mayBeEmpty) {
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      if (mayBeEmpty) {
        return Json.object();
      }
      throw AcsException.badRequest("A JSON request body is required.");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
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

  /** {@code { "operationContext": ... }}, the 202 body of sendDtmfTones and transferToParticipant. */
  private static CallAutomationService.Response withOperationContext(int status, String operationContext) {
    ObjectNode body = Json.object();
    if (operationContext != null) {
      body.put("operationContext", operationContext);
    }
    return json(status, body);
  }

  private static CallAutomationService.Response json(int status, JsonNode body) {
    return new CallAutomationService.Response(status, Json.write(body),
        Map.of("Content-Type", "application/json; charset=utf-8"));
  }

  private static CallAutomationService.Response empty(int status) {
    return new CallAutomationService.Response(status, null, Map.of());
  }
}
