package org.openivr.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reading untrusted JSON: every failure becomes a {@link BadPayload} that names what was wrong. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static JsonNode parse(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new BadPayload(what + ": the body is empty");
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadPayload(what + ": the body is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
    }

    /** The events of a body that must be a JSON array of objects. */
    static JsonNode array(JsonNode root, String what) {
        if (root == null || !root.isArray()) {
            throw new BadPayload(what + ": expected a JSON array of events");
        }
        for (JsonNode event : root) {
            if (!event.isObject()) {
                throw new BadPayload(what + ": every element of the array must be an event object");
            }
        }
        return root;
    }

    static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadPayload(what + ": '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
