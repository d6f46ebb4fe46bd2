package org.openivr.emulator;

// ACS has no local emulator; this reproduces the state behind its mid-call actions (acs-wire 2.3,
// 2.4, 3.4, 6.1 and the zh-CN call-actions seed): the participant sub-leg, continuous DTMF
// recognition, hold, media streaming and transfer.

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mid-call state of one call that is not the main-leg play/recognize queue: what runs on the
 * participant sub-leg, continuous DTMF recognition, who is on hold, media streaming, a pending
 * transfer. One per {@link EmulatedCall}; runs on the simulation thread only.
 */
final class CallControls {

  private static final Logger log = LoggerFactory.getLogger(CallControls.class);

  static final ResultInformation COMPLETED = new ResultInformation(200, 0, "Action completed successfully.");
  /** Emulator rule: an operation aimed at someone who is not in the call fails with the "not found" subcode. */
  static final ResultInformation NOT_IN_CALL =
      new ResultInformation(400, 8522, "Action failed, the target participant is not in the call.");
  /** Borrowed from CreateCallFailed (acs-wire 3.5): 480/560480, no answer or unavailable. */
  static final ResultInformation TRANSFER_TARGET_UNAVAILABLE =
      new ResultInformation(480, 560480, "Transfer failed, the target did not answer or is unavailable.");
  static final ResultInformation TRANSFERRED =
      new ResultInformation(200, 7015, "The call ended after a successful transfer.");
  static final ResultInformation STREAM_URL_MISSING = new ResultInformation(400, 8603,
      "Action failed, media streaming has no transport URL: the call was answered without mediaStreamingOptions.");
  /** Emulator rule: ACS documents the status detail, not the code; 8603 is "media streaming failed". */
  static final ResultInformation STREAM_CONNECTION_FAILED = new ResultInformation(500, 8603,
      "Action failed, the WebSocket connection to the transport URL could not be opened.");
  /** How long a transfer target rings before it accepts or fails (simulated time). */
  static final Duration TRANSFER_RING_TIME = Duration.ofSeconds(2);
  /** Emulator rule: a phone transfer target whose number ends in this fails (CallTransferFailed). */
  static final String FAILING_TRANSFER_SUFFIX = "0000";

  private record Continuous(String targetRawId, String operationContext, URI callbackUri, String apiVersion) {}

  private final EmulatedCall call;
  /** A PlayTo ({@link PlayOperation}) or a {@link SendDtmfOperation}, or null when the sub-leg is free. */
  private Object subLeg;
  private Continuous continuous;
  private long toneSequenceId;
  private final Set<String> onHold = new HashSet<>();
  private int participantsSequenceNumber;
  private MediaStreamingOptions streaming;
  private String streamingSubscriptionId;
  private boolean streamingActive;
  /** The media WebSocket while streaming to a loopback URL ({@link MediaStreamClient}), else null. */
  private MediaStreamClient stream;
  private ScheduledFuture<?> transfer;

  CallControls(EmulatedCall call) {
    this.call = call;
  }

  /** The only other participant of an emulated call: the scripted caller. */
  String callerRawId() {
    return "4:" + call.caller.fromPhone();
  }

  boolean inCall(Participant participant) {
    return participant.rawId().equals(callerRawId());
  }

  // ---- answer ------------------------------------------------------------------------------------

  /** The call was answered (CallConnected is out), with or without streaming options. */
  void answered(MediaStreamingOptions options, String apiVersion) {
    streaming = options;
    if (options == null) {
      return;
    }
    streamingSubscriptionId = UUID.randomUUID().toString();
    if (options.startMediaStreaming() && call.state() == EmulatedCall.State.CONNECTED) {
      // Started by the answer itself: no operation, so no operationContext.
      startStreaming(null, null, apiVersion);
    }
  }

  /** {@code mediaStreamingSubscription} of CallConnectionProperties (2025-05-15+), or null without options. */
  ObjectNode streamingSubscription() {
    if (streaming == null) {
      return null;
    }
    ObjectNode node = Json.object();
    node.put("id", streamingSubscriptionId);
    node.put("state", streamingActive ? "active" : "inactive");
    node.putArray("subscribedContentTypes").add("audio");
    return node;
  }

  // ---- the participant sub-leg (acs-wire 6.1) ----------------------------------------------------

  /** 412/8583 when a PlayTo or a SendDtmf holds the sub-leg: the new operation may not run now. */
  void requireSubLegFree(String newOperation) {
    if (subLeg != null) {
      throw new AcsException(412, "8583", "Precondition failed: " + newOperation + " cannot run while "
          + (subLeg instanceof PlayOperation ? "a PlayTo" : subLeg.toString()) + " runs on the participant sub-leg.");
    }
  }

  /** A play to specific participants: runs at once beside the main-leg queue, alone on the sub-leg. */
  void startPlayTo(PlayOperation play) {
    requireSubLegFree("PlayTo");
    subLeg = play;
    play.start();
  }

  void sendDtmf(SendDtmfOperation send) {
    requireSubLegFree("SendDtmf");
    subLeg = send;
    send.start();
  }

  /** A sub-leg operation ended by itself. */
  void subLegEnded(Object operation) {
    if (subLeg == operation) {
      subLeg = null;
    }
  }

  /** The PlayTo playing on the sub-leg right now, or null. */
  PlayOperation subLegPlay() {
    return subLeg instanceof PlayOperation play && !play.finished() ? play : null;
  }

  /** cancelAllMediaOperations: a running PlayTo is canceled too (a SendDtmf is not a play or recognize). */
  void cancelSubLegPlay() {
    if (subLeg instanceof PlayOperation play) {
      subLeg = null;
      play.cancel();
    }
  }

  // ---- continuous DTMF recognition ---------------------------------------------------------------

  void startContinuousDtmf(Participant target, String operationContext, URI callbackUri, String apiVersion) {
    requireSubLegFree("StartContinuousDtmfRecognition");
    if (!inCall(target)) {
      call.emit("ContinuousDtmfRecognitionToneFailed", callbackUri, apiVersion, operationContext, NOT_IN_CALL, null);
      return;
    }
    continuous = new Continuous(target.rawId(), operationContext, callbackUri, apiVersion);
    call.continuousDtmfStarted();
  }

  void stopContinuousDtmf(String operationContext, URI callbackUri, String apiVersion) {
    continuous = null;
    call.emit("ContinuousDtmfRecognitionStopped", callbackUri, apiVersion, operationContext, COMPLETED, null);
  }

  /** Whether the caller's keys are recognized continuously right now. */
  boolean listensToCaller() {
    return continuous != null && continuous.targetRawId().equals(callerRawId());
  }

  /** The caller pressed a key: one ContinuousDtmfRecognitionToneReceived while recognition is on. */
  void callerPressed(String tone) {
    if (!listensToCaller()) {
      return;
    }
    long sequenceId = ++toneSequenceId;
    call.emit("ContinuousDtmfRecognitionToneReceived", continuous.callbackUri(), continuous.apiVersion(),
        continuous.operationContext(), COMPLETED, data -> {
          data.put("sequenceId", sequenceId);
          data.put("tone", tone);
        });
  }

  // ---- hold --------------------------------------------------------------------------------------

  void hold(Participant target, PlaySource music, String operationContext, URI callbackUri, String apiVersion) {
    if (!inCall(target)) {
      call.emit("HoldFailed", callbackUri, apiVersion, operationContext, NOT_IN_CALL, null);
      return;
    }
    if (music != null && !music.playable()) {
      call.emit("HoldFailed", callbackUri, apiVersion, operationContext, ResultInformation.PLAY_BAD_FILE, null);
      return;
    }
    if (onHold.add(target.rawId())) {
      log.info("{} {} on hold{}", call.callConnectionId(), target.rawId(), music == null ? "" : " with music");
      participantsUpdated(apiVersion);
    }
  }

  void unhold(Participant target, String apiVersion) {
    if (!inCall(target)) {
      throw new AcsException(404, "8522", "Participant not found.");
    }
    if (onHold.remove(target.rawId())) {
      log.info("{} {} off hold", call.callConnectionId(), target.rawId());
      participantsUpdated(apiVersion);
    }
  }

  boolean isOnHold(String rawId) {
    return onHold.contains(rawId);
  }

  /** CallParticipant list (acs-wire 2.1); {@code isOnHold} from 2024-09-15. */
  ArrayNode participants(String apiVersion) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    ObjectNode caller = list.addObject();
    caller.set("identifier", Json.phoneIdentifier(call.caller.fromPhone()));
    caller.put("isMuted", false);
    if (apiVersion.compareTo("2024-09-15") >= 0) {
      caller.put("isOnHold", isOnHold(callerRawId()));
    }
    return list;
  }

  /** A full snapshot; sequence numbers rise with gaps, as observed (acs-wire 3.4, 7.1). */
  private void participantsUpdated(String apiVersion) {
    participantsSequenceNumber += 2;
    int sequenceNumber = participantsSequenceNumber;
    ArrayNode snapshot = participants(apiVersion);
    call.emit("ParticipantsUpdated", null, apiVersion, null, ResultInformation.CONNECTED, data -> {
      data.set("participants", snapshot);
      data.put("sequenceNumber", sequenceNumber);
    });
  }

  // ---- media streaming ---------------------------------------------------------------------------

  void startStreaming(String operationContext, URI callbackUri, String apiVersion) {
    if (streaming == null) {
      streamingFailed(operationContext, callbackUri, apiVersion);
      return;
    }
    if (stream == null && MediaStreamClient.streamsTo(streaming.transportUrl())) {
      // Started once the socket is open; MediaStreamingFailed (initialWebSocketConnectionFailed) if it cannot be.
      MediaStreamClient client = new MediaStreamClient(call, streaming, streamingSubscriptionId);
      stream = client;
      client.connect(() -> call.sim.execute(() -> {
        if (stream == client && call.state() == EmulatedCall.State.CONNECTED) {
          streamingActive = true;
          call.emit("MediaStreamingStarted", callbackUri, apiVersion, operationContext, COMPLETED,
              data -> streamingUpdate(data, "mediaStreamingStarted", "subscriptionStarted"));
        } else {
          client.close();
        }
      }), error -> call.sim.execute(() -> {
        log.info("{} media stream to {} could not open: {}", call.callConnectionId(), streaming.transportUrl(),
            error.toString());
        if (stream == client) {
          stream = null;
          streamingActive = false;
          if (call.state() == EmulatedCall.State.CONNECTED) {
            call.emit("MediaStreamingFailed", callbackUri, apiVersion, operationContext, STREAM_CONNECTION_FAILED,
                data -> streamingUpdate(data, "mediaStreamingFailed", "initialWebSocketConnectionFailed"));
          }
        }
      }));
      return;
    }
    streamingActive = true;
    log.info("{} media streaming started ({}, {}{})", call.callConnectionId(), streaming.audioChannelType(),
        streaming.transportUrl(), stream == null ? "; not a loopback URL, so no WebSocket is opened" : "");
    call.emit("MediaStreamingStarted", callbackUri, apiVersion, operationContext, COMPLETED,
        data -> streamingUpdate(data, "mediaStreamingStarted", "subscriptionStarted"));
  }

  /**
   * Whether what the caller says now reaches the app: streaming is on (for a loopback transport URL, its socket is
   * open), or the call was answered without media-streaming options and so can never stream (the caller then need
   * not wait for it).
   */
  /** Whether the call was answered with media-streaming options, so the app may ever hear the caller's audio. */
  boolean mayStream() {
    return streaming != null;
  }

  boolean callerAudioReachesApp() {
    return streaming == null || streamingActive;
  }

  /**
   * Whether the media stream has carried the caller's audio up to simulated time {@code simulated}; true when no
   * socket streams (no streaming, or not to a loopback URL): then nothing is late.
   */
  boolean streamedThrough(long simulated) {
    return stream == null || stream.sentThrough(simulated);
  }

  void stopStreaming(String operationContext, URI callbackUri, String apiVersion) {
    if (streaming == null) {
      streamingFailed(operationContext, callbackUri, apiVersion);
      return;
    }
    streamingActive = false;
    closeStream();
    call.emit("MediaStreamingStopped", callbackUri, apiVersion, operationContext, COMPLETED,
        data -> streamingUpdate(data, "mediaStreamingStopped", "subscriptionStopped"));
  }

  private void closeStream() {
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }

  private void streamingFailed(String operationContext, URI callbackUri, String apiVersion) {
    call.emit("MediaStreamingFailed", callbackUri, apiVersion, operationContext, STREAM_URL_MISSING,
        data -> streamingUpdate(data, "mediaStreamingFailed", "streamUrlMissing"));
  }

  private static void streamingUpdate(ObjectNode data, String status, String details) {
    ObjectNode update = data.putObject("mediaStreamingUpdate");
    update.put("contentType", "Audio");
    update.put("mediaStreamingStatus", status);
    update.put("mediaStreamingStatusDetails", details);
  }

  // ---- transfer ----------------------------------------------------------------------------------

  void transfer(Participant target, Participant transferee, String operationContext, URI callbackUri,
      String apiVersion) {
    if (transfer != null) {
      throw new AcsException(400, "8585", "A transfer is already in progress on this call.");
    }
    if (inCall(target)) {
      throw AcsException.badRequest("targetParticipant is already in the call: a participant cannot be transferred to itself.");
    }
    if (transferee != null && !inCall(transferee)) {
      call.emit("CallTransferFailed", callbackUri, apiVersion, operationContext, NOT_IN_CALL, null);
      return;
    }
    Participant moved = transferee != null ? transferee : Participant.parse(Json.phoneIdentifier(call.caller.fromPhone()), "");
    transfer = call.sim.after(TRANSFER_RING_TIME, () -> {
      transfer = null;
      if (call.state() != EmulatedCall.State.CONNECTED) {
        return;
      }
      if (target.isPhone() && target.phoneNumber().endsWith(FAILING_TRANSFER_SUFFIX)) {
        log.info("{} transfer to {} failed (numbers ending in {} never answer)", call.callConnectionId(),
            target.rawId(), FAILING_TRANSFER_SUFFIX);
        call.emit("CallTransferFailed", callbackUri, apiVersion, operationContext, TRANSFER_TARGET_UNAVAILABLE, null);
        return;
      }
      log.info("{} transfer of {} to {} accepted; the call ends here", call.callConnectionId(), moved.rawId(),
          target.rawId());
      boolean withIdentities = apiVersion.compareTo("2023-10-15") >= 0;
      call.emit("CallTransferAccepted", callbackUri, apiVersion, operationContext, COMPLETED, withIdentities ? data -> {
        data.set("transferTarget", target.toJson());
        data.set("transferee", moved.toJson());
      } : null);
      call.disconnect("transfer", apiVersion, TRANSFERRED);
    });
  }

  // ---- the end -----------------------------------------------------------------------------------

  /**
   * The call ended ({@code result} is CallDisconnected's): the sub-leg stops silently, continuous
   * recognition reports it stopped with the call's end reason (200/7000 observed, acs-wire 3.4).
   */
  void callEnded(ResultInformation result) {
    if (subLeg instanceof PlayOperation play) {
      play.abort();
    } else if (subLeg instanceof SendDtmfOperation send) {
      send.abort();
    }
    subLeg = null;
    if (transfer != null) {
      transfer.cancel(false);
      transfer = null;
    }
    streamingActive = false;
    closeStream();
    if (continuous != null) {
      Continuous ended = continuous;
      continuous = null;
      call.emit("ContinuousDtmfRecognitionStopped", ended.callbackUri(), ended.apiVersion(), ended.operationContext(),
          result, null);
    }
  }
}
