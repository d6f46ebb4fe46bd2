package org.openivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One PlaySource of a play or a recognize prompt (acs-wire 2.1), and how long it plays. */
record PlaySource(String kind, String content) {

  static final Duration FILE_DURATION = Duration.ofSeconds(1);
  private static final Duration PER_CHARACTER = Duration.ofMillis(55);
  private static final Duration MIN_SPEECH = Duration.ofMillis(400);
  private static final String FIRST_TTS_VERSION = "2023-10-15";

  /** How long speaking a text takes: about 55 ms a character, at least 400 ms. */
  static Duration speakingTime(String text) {
    Duration time = PER_CHARACTER.multipliedBy(text.length());
    return time.compareTo(MIN_SPEECH) < 0 ? MIN_SPEECH : time;
  }

  static PlaySource parse(JsonNode node, String apiVersion) {
    if (node == null || !node.isObject()) {
      throw AcsException.badRequest("A play source must be an object.");
    }
    String kind = Json.text(node, "kind");
    if (kind == null) {
      throw AcsException.badRequest("A play source needs a 'kind' (file, text or ssml).");
    }
    if (!kind.equals("file") && apiVersion.compareTo(FIRST_TTS_VERSION) < 0) {
      throw AcsException.badRequest("Play source kind '" + kind + "' needs api-version " + FIRST_TTS_VERSION
          + " or later; this request used " + apiVersion + ".");
    }
    return switch (kind) {
      case "file" -> new PlaySource(kind, required(Json.text(node.path("file"), "uri"), "file.uri"));
      case "text" -> new PlaySource(kind, required(Json.text(node.path("text"), "text"), "text.text"));
      case "ssml" -> new PlaySource(kind, required(Json.text(node.path("ssml"), "ssmlText"), "ssml.ssmlText"));
      default -> throw AcsException.badRequest("Unknown play source kind '" + kind + "'.");
    };
  }

  static List<PlaySource> parseAll(JsonNode array, String apiVersion) {
    List<PlaySource> sources = new ArrayList<>();
    if (array != null && !array.isNull()) {
      if (!array.isArray()) {
        throw AcsException.badRequest("playSources must be an array.");
      }
      array.forEach(node -> sources.add(parse(node, apiVersion)));
    }
    return sources;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw AcsException.badRequest("The play source needs '" + field + "'.");
    }
    return value;
  }

  Duration duration() {
    return switch (kind) {
      case "file" -> FILE_DURATION;
      case "ssml" -> speakingTime(content.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim());
      default -> speakingTime(content);
    };
  }

  /** ACS plays only WAV files; the emulator judges by the URL's path. */
  boolean playable() {
    if (!kind.equals("file")) {
      return true;
    }
    try {
      String path = URI.create(content).getPath();
      return path != null && path.toLowerCase(Locale.ROOT).endsWith(".wav");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Duration totalDuration(List<PlaySource> sources) {
    return sources.stream().map(PlaySource::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /** Index of the first source that cannot be played, or -1. */
  static int firstUnplayable(List<PlaySource> sources) {
    for (int i = 0; i < sources.size(); i++) {
      if (!sources.get(i).playable()) {
        return i;
      }
    }
    return -1;
  }
}
