package org.openivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Set;

/**
 * {@code mediaStreamingOptions} of an answer (acs-wire 2.1, GA from api-version 2025-05-15).
 *
 * @param transportUrl          the {@code wss://} (or {@code ws://}) URL ACS would connect to
 * @param audioChannelType      {@code mixed} or {@code unmixed}
 * @param startMediaStreaming   start when the call connects
 * @param enableBidirectional   the app may send audio back
 * @param audioFormat           {@code pcm16KMono} (default) or {@code pcm24KMono}
 */
record MediaStreamingOptions(URI transportUrl, String audioChannelType, boolean startMediaStreaming,
    boolean enableBidirectional, String audioFormat) {

  static final String FIRST_VERSION = "2025-05-15";
  private static final Set<String> CHANNELS = Set.of("mixed", "unmixed");
  private static final Set<String> FORMATS = Set.of("pcm16KMono", "pcm24KMono");

  /** The options in an answer body, or {@code null} when there are none; 400 8523 when invalid. */
  static MediaStreamingOptions parse(JsonNode node, String apiVersion) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (apiVersion.compareTo(FIRST_VERSION) < 0) {
      throw AcsException.badRequest("mediaStreamingOptions needs api-version " + FIRST_VERSION
          + " or later; this request used " + apiVersion + ".");
    }
    if (!node.isObject()) {
      throw AcsException.badRequest("mediaStreamingOptions must be an object.");
    }
    String url = Json.text(node, "transportUrl");
    if (url == null || url.isBlank()) {
      throw AcsException.badRequest("mediaStreamingOptions.transportUrl is required.");
    }
    URI transportUrl;
    try {
      transportUrl = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw AcsException.badRequest("mediaStreamingOptions.transportUrl is not a valid URI: " + url);
    }
    if (!transportUrl.isAbsolute() || transportUrl.getHost() == null
        || !(transportUrl.getScheme().equalsIgnoreCase("wss") || transportUrl.getScheme().equalsIgnoreCase("ws"))) {
      throw AcsException.badRequest("mediaStreamingOptions.transportUrl must be an absolute wss:// URL: " + url);
    }
    if (!"websocket".equals(Json.text(node, "transportType"))) {
      throw AcsException.badRequest("mediaStreamingOptions.transportType must be 'websocket'.");
    }
    String contentType = Json.text(node, "contentType");
    if (contentType != null && !contentType.equals("audio")) {
      throw AcsException.badRequest("mediaStreamingOptions.contentType must be 'audio': " + contentType);
    }
    String channels = Json.text(node, "audioChannelType");
    if (channels == null || !CHANNELS.contains(channels)) {
      throw AcsException.badRequest("mediaStreamingOptions.audioChannelType must be 'mixed' or 'unmixed': " + channels);
    }
    String format = Json.text(node, "audioFormat");
    if (format != null && !FORMATS.contains(format)) {
      throw AcsException.badRequest("mediaStreamingOptions.audioFormat must be 'pcm16KMono' or 'pcm24KMono': " + format);
    }
    return new MediaStreamingOptions(transportUrl, channels, node.path("startMediaStreaming").asBoolean(false),
        node.path("enableBidirectional").asBoolean(false), format == null ? "pcm16KMono" : format);
  }
}
