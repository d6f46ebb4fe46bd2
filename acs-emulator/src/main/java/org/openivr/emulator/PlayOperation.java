package org.openivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/** {@code :play}: plays its sources, then PlayCompleted; PlayFailed 8535 for a file that is not WAV. */
final class PlayOperation extends MediaOperation {

  private final List<PlaySource> sources;
  private final boolean loop;

  PlayOperation(EmulatedCall call, String apiVersion, JsonNode request) {
    super(call, apiVersion, request);
    this.sources = PlaySource.parseAll(request.get("playSources"), apiVersion);
    if (sources.isEmpty()) {
      throw AcsException.badRequest("playSources must hold at least one play source.");
    }
    this.loop = request.path("playOptions").path("loop").asBoolean(false);
  }

  @Override
  String eventPrefix() {
    return "Play";
  }

  @Override
  void start() {
    int unplayable = PlaySource.firstUnplayable(sources);
    if (unplayable >= 0) {
      finish("PlayFailed", ResultInformation.PLAY_BAD_FILE,
          apiVersion.compareTo("2023-10-15") >= 0 ? data -> data.put("failedPlaySourceIndex", unplayable) : null);
      return;
    }
    playOnce();
  }

  private void playOnce() {
    Duration duration = PlaySource.totalDuration(sources);
    call.audio.prompt(sources);
    schedule(duration, loop ? this::playOnce : () -> {
      call.promptPlayedOut();
      finish("PlayCompleted", ResultInformation.PLAY_COMPLETED, null);
    });
  }
}
