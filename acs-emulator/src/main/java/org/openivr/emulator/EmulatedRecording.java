package org.openivr.emulator;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One recording of a call, from start to stop (or the call's end): its options and when it was active.
 * Simulation thread only.
 *
 * @see RecordingService
 */
final class EmulatedRecording {

  final String id;
  final EmulatedCall call;
  final String apiVersion;
  /** Where RecordingStateChanged goes; {@code null} means the call's callback URI. */
  final URI stateCallbackUri;
  /** {@code audio} or {@code audioVideo}. */
  final String contentType;
  /** {@code mixed} or {@code unmixed}. */
  final String channelType;
  /** {@code wav}, {@code mp3} or {@code mp4}, as requested; the file is WAV whatever this says. */
  final String formatType;
  /** The party of each channel, in channel order; one entry, the mixed channel, holds everyone. */
  final List<CallAudio.Party> channels;
  final boolean pauseOnStart;
  /** {@code azureCommunicationServices} or {@code azureBlobStorage}. */
  final String storageKind;
  final String containerUrl;
  final Instant requestedAt = Instant.now();
  private final List<RecordingAudio.Interval> intervals = new ArrayList<>();
  private long activeSince = -1;
  private boolean stopped;
  ScheduledFuture<?> activation;

  EmulatedRecording(String id, EmulatedCall call, String apiVersion, URI stateCallbackUri, String contentType,
      String channelType, String formatType, List<CallAudio.Party> channels, boolean pauseOnStart, String storageKind,
      String containerUrl) {
    this.id = id;
    this.call = call;
    this.apiVersion = apiVersion;
    this.stateCallbackUri = stateCallbackUri;
    this.contentType = contentType;
    this.channelType = channelType;
    this.formatType = formatType;
    this.channels = List.copyOf(channels);
    this.pauseOnStart = pauseOnStart;
    this.storageKind = storageKind;
    this.containerUrl = containerUrl;
  }

  boolean active() {
    return activeSince >= 0;
  }

  boolean stopped() {
    return stopped;
  }

  boolean mixed() {
    return channelType.equals("mixed");
  }

  /** Starts capturing; false if it already was. */
  boolean activate() {
    if (stopped || active()) {
      return false;
    }
    activeSince = call.audio.now();
    return true;
  }

  /** Stops capturing (paused or ended); false if it was not capturing. */
  boolean deactivate() {
    if (!active()) {
      return false;
    }
    long now = call.audio.now();
    if (now > activeSince) {
      intervals.add(new RecordingAudio.Interval(activeSince, now));
    }
    activeSince = -1;
    return true;
  }

  /** Cancels a pending activation; true if one was pending. */
  boolean cancelActivation() {
    if (activation == null) {
      return false;
    }
    boolean pending = activation.cancel(false);
    activation = null;
    return pending;
  }

  void stop() {
    cancelActivation();
    deactivate();
    stopped = true;
  }

  /** The stretches of simulated time in which the recording was active, oldest first. */
  List<RecordingAudio.Interval> intervals() {
    return List.copyOf(intervals);
  }
}
