package org.openivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code :recognize} with {@code recognizeInputType: dtmf}. Plays its prompt, listens for keys
 * (already during the prompt when {@code interruptPrompt} is set), then ends with
 * RecognizeCompleted (8531 max tones, 8514 stop tone, 8532 inter-digit timeout) or RecognizeFailed
 * (8510 initial silence).
 */
final class RecognizeOperation extends MediaOperation {

  private static final Set<String> INPUT_TYPES = Set.of("dtmf", "speech", "speechOrDtmf", "choices");

  private final List<PlaySource> prompts;
  private final boolean interruptPrompt;
  private final Duration initialSilenceTimeout;
  private final Duration interToneTimeout;
  private final int maxTonesToCollect;
  private final Set<String> stopTones = new LinkedHashSet<>();
  private final List<String> tones = new ArrayList<>();
  private boolean listening;
  /** From the start of its prompt until the prompt ends (or the operation does). */
  private boolean promptPlaying;

  RecognizeOperation(EmulatedCall call, String apiVersion, JsonNode request) {
    super(call, apiVersion, request);
    String inputType = Json.text(request, "recognizeInputType");
    if (inputType == null) {
      throw AcsException.badRequest("recognizeInputType is required.");
    }
    if (!INPUT_TYPES.contains(inputType) || (!inputType.equals("dtmf") && apiVersion.compareTo("2023-10-15") < 0)) {
      throw AcsException.badRequest("Unknown recognizeInputType '" + inputType + "' for api-version " + apiVersion + ".");
    }
    if (!inputType.equals("dtmf")) {
      throw new AcsException(400, "8520", "recognizeInputType '" + inputType + "' is not supported by the emulator yet.");
    }
    JsonNode options = request.get("recognizeOptions");
    if (options == null || !options.isObject()) {
      throw AcsException.badRequest("recognizeOptions is required.");
    }
    if (!options.path("targetParticipant").isObject()) {
      throw AcsException.badRequest("recognizeOptions.targetParticipant is required.");
    }
    this.prompts = new ArrayList<>();
    if (request.hasNonNull("playPrompt")) {
      prompts.add(PlaySource.parse(request.get("playPrompt"), apiVersion));
    }
    prompts.addAll(PlaySource.parseAll(request.get("playPrompts"), apiVersion));
    this.interruptPrompt = options.path("interruptPrompt").asBoolean(true);
    this.initialSilenceTimeout = Duration.ofSeconds(
        intIn(options, "initialSilenceTimeoutInSeconds", 5, 0, 300, "recognizeOptions.initialSilenceTimeoutInSeconds"));
    JsonNode dtmf = options.path("dtmfOptions");
    this.interToneTimeout = Duration.ofSeconds(
        intIn(dtmf, "interToneTimeoutInSeconds", 2, 1, 60, "dtmfOptions.interToneTimeoutInSeconds"));
    if (!dtmf.hasNonNull("maxTonesToCollect")) {
      throw AcsException.badRequest("dtmfOptions.maxTonesToCollect is required for a DTMF recognize.");
    }
    this.maxTonesToCollect = intIn(dtmf, "maxTonesToCollect", 1, 1, Integer.MAX_VALUE, "dtmfOptions.maxTonesToCollect");
    JsonNode stops = dtmf.path("stopTones");
    if (!stops.isMissingNode() && !stops.isNull()) {
      if (!stops.isArray()) {
        throw AcsException.badRequest("dtmfOptions.stopTones must be an array of tones.");
      }
      for (JsonNode tone : stops) {
        if (!Tones.isTone(tone.asText(null))) {
          throw AcsException.badRequest("Unknown tone in dtmfOptions.stopTones: " + tone);
        }
        stopTones.add(tone.asText());
      }
    }
  }

  private static int intIn(JsonNode node, String field, int fallback, int min, int max, String name) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
      throw AcsException.badRequest(name + " must be an integer in " + min + ".." + max + ": " + value);
    }
    return value.asInt();
  }

  @Override
  String eventPrefix() {
    return "Recognize";
  }

  @Override
  void start() {
    if (prompts.isEmpty()) {
      promptFinished();
      return;
    }
    if (PlaySource.firstUnplayable(prompts) >= 0) {
      finish("RecognizeFailed", ResultInformation.PROMPT_FAILED, null);
      return;
    }
    call.audio.prompt(prompts);
    promptPlaying = true;
    schedule(PlaySource.totalDuration(prompts), this::promptFinished);
    if (interruptPrompt) {
      startListening();
    }
  }

  private void promptFinished() {
    if (promptPlaying) {
      call.promptPlayedOut();
    }
    promptPlaying = false;
    schedule(initialSilenceTimeout, () -> finish("RecognizeFailed", ResultInformation.INITIAL_SILENCE, null));
    if (!listening) {
      startListening();
    }
  }

  private void startListening() {
    listening = true;
    call.recognizeListening(this);
  }

  /** Whether its prompt is being played right now (a key cuts it short). */
  boolean promptPlaying() {
    return promptPlaying && !finished();
  }

  /** Whether keys pressed now are collected. */
  boolean listening() {
    return listening && !finished();
  }

  /** The caller pressed a key (its wire tone name). */
  void key(String tone) {
    if (!listening()) {
      return;
    }
    stopTimer(); // a key stops the prompt, the initial-silence or the inter-digit timer
    promptPlaying = false;
    if (stopTones.contains(tone)) {
      complete(ResultInformation.STOP_TONE);
    } else {
      tones.add(tone);
      if (tones.size() >= maxTonesToCollect) {
        complete(ResultInformation.MAX_TONES);
      } else {
        schedule(interToneTimeout, () -> complete(ResultInformation.INTER_TONE_TIMEOUT));
      }
    }
  }

  private void complete(ResultInformation result) {
    List<String> collected = List.copyOf(tones);
    finish("RecognizeCompleted", result, data -> {
      data.put("recognitionType", "dtmf");
      ArrayNode array = data.putObject("dtmfResult").putArray("tones");
      collected.forEach(array::add);
    });
  }
}
