package org.openivr.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON shapes shared by responses and events. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** CloudEvents {@code time}: seven fractional digits and a {@code +00:00} offset (acs-wire 3.2). */
  private static final DateTimeFormatter CLOUD_EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSxxx").withZone(ZoneOffset.UTC);

  /** Event Grid {@code eventTime}: seven fractional digits and {@code Z} (acs-wire 4.3). */
  private static final DateTimeFormatter EVENT_GRID_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode read(String json) throws IOException {
    return MAPPER.readTree(json);
  }

  /** A phone CommunicationIdentifierModel, always with kind, rawId and the sub-object (acs-wire 2.1). */
  static ObjectNode phoneIdentifier(String e164) {
    ObjectNode id = object();
    id.put("kind", "phoneNumber");
    id.put("rawId", "4:" + e164);
    id.putObject("phoneNumber").put("value", e164);
    return id;
  }

  static String cloudEventTime(Instant instant) {
    return CLOUD_EVENT_TIME.format(instant);
  }

  static String eventGridTime(Instant instant) {
    return EVENT_GRID_TIME.format(instant);
  }

  /** A text field, or {@code null} when absent, null or not text. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
