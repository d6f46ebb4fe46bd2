package org.openivr.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A Call Automation request's target, from its method and path (acs-wire 2.6, 8.3): the last path
 * segment is split on its last ':' into resource and action.
 *
 * @param operation        the operation's name as the ledger writes it
 * @param callConnectionId the call in the path, or {@code null}
 * @param implemented      whether the emulator executes it (otherwise it answers 501)
 * @param repeatable       whether the operation honours {@code Repeatability-Request-ID} (acs-wire 1.4)
 * @param recordingId      the recording in the path ({@code /calling/recordings/{recordingId}}), or {@code null}
 */
record Route(String operation, String callConnectionId, boolean implemented, boolean repeatable, String recordingId) {

  Route(String operation, String callConnectionId, boolean implemented, boolean repeatable) {
    this(operation, callConnectionId, implemented, repeatable, null);
  }

  private static final Set<String> IMPLEMENTED_CALL_ACTIONS = Set.of("terminate", "play", "recognize",
      "cancelAllMediaOperations", "transferToParticipant", "sendDtmfTones", "startContinuousDtmfRecognition",
      "stopContinuousDtmfRecognition", "hold", "unhold", "startMediaStreaming", "stopMediaStreaming");
  private static final Set<String> OTHER_CALL_ACTIONS = Set.of("startTranscription", "stopTranscription",
      "updateTranscription", "interruptAudioAndAnnounce");
  private static final Set<String> REPEATABLE = Set.of("createCall", "answer", "redirect", "reject", "connect",
      "terminate", "transferToParticipant", "sendDtmfTones", "participants:add", "participants:remove",
      "participants:mute", "participants:cancelAddParticipant", "startRecording");

  private static Route of(String operation, String callConnectionId, boolean implemented) {
    return new Route(operation, callConnectionId, implemented, REPEATABLE.contains(operation));
  }

  private static Route recording(String operation, String recordingId) {
    return new Route(operation, null, true, REPEATABLE.contains(operation), recordingId);
  }

  /** The route of a request under {@code /calling/}, or {@code null} if there is none. */
  static Route parse(String method, String rawPath) {
    String[] segments = rawPath.substring("/calling/".length()).split("/", -1);
    // Split before decoding, so an id with an encoded ':' (a participant's raw id) stays whole.
    String last = segments[segments.length - 1];
    int colon = last.lastIndexOf(':');
    String action = colon >= 0 ? percentDecode(last.substring(colon + 1)) : null;
    segments[segments.length - 1] = colon >= 0 ? last.substring(0, colon) : last;
    for (int i = 0; i < segments.length; i++) {
      segments[i] = percentDecode(segments[i]);
      if (segments[i].isEmpty()) {
        return null;
      }
    }
    boolean post = method.equals("POST");
    String resource = segments[0];
    if (resource.equals("callConnections")) {
      return callConnections(method, segments, action);
    }
    if (resource.equals("recordings")) {
      if (segments.length == 1 && action == null && post) {
        return of("startRecording", null, true);
      }
      if (segments.length == 2) {
        String recordingId = segments[1];
        if (action == null && (method.equals("GET") || method.equals("DELETE"))) {
          return recording(method.equals("GET") ? "getRecording" : "stopRecording", recordingId);
        }
        if (post && action != null && (action.equals("pause") || action.equals("resume"))) {
          return recording(action + "Recording", recordingId);
        }
      }
    }
    return null;
  }

  private static Route callConnections(String method, String[] segments, String action) {
    boolean post = method.equals("POST");
    if (segments.length == 1) {
      if (action == null) {
        return post ? of("createCall", null, true) : null;
      }
      if (!post) {
        return null;
      }
      return switch (action) {
        case "answer" -> of("answer", null, true);
        case "redirect", "reject", "connect" -> of(action, null, false);
        default -> null;
      };
    }
    String id = segments[1];
    if (segments.length == 2) {
      if (action == null) {
        return switch (method) {
          case "GET" -> of("getCall", id, true);
          case "DELETE" -> of("hangUp", id, true);
          default -> null;
        };
      }
      if (!post) {
        return null;
      }
      if (IMPLEMENTED_CALL_ACTIONS.contains(action)) {
        return of(action, id, true);
      }
      return OTHER_CALL_ACTIONS.contains(action) ? of(action, id, false) : null;
    }
    if (segments[2].equals("participants")) {
      if (segments.length == 3 && action == null && method.equals("GET")) {
        return of("getParticipants", id, true);
      }
      if (segments.length == 3 && post && Set.of("add", "remove", "mute", "cancelAddParticipant").contains(action)) {
        return of("participants:" + action, id, false);
      }
      if (segments.length == 4 && action == null && method.equals("GET")) {
        return of("getParticipant", id, false);
      }
    }
    return null;
  }

  /** Decodes %XX escapes only ('+' stays '+': ids may be base64). */
  static String percentDecode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length
          && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
        out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
