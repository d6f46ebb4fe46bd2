package org.openivr.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Event Grid posts in either schema (Event Grid's own, or CloudEvents 1.0). Hand-written
 * over Jackson: the Azure Event Grid SDK would pull a second HTTP stack into the API for two fields.
 */
public final class EventGridParser {
    private static final String WHAT = "Event Grid post";
    static final String VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";
    static final String INCOMING_CALL = "Microsoft.Communication.IncomingCall";

    private EventGridParser() {}

    public static List<EventGridEvent> parse(byte[] body) {
        JsonNode root = Json.parse(body, WHAT);
        List<EventGridEvent> events = new ArrayList<>();
        if (root.isObject()) {
            events.add(parseOne(root));
            return events;
        }
        for (JsonNode event : Json.array(root, WHAT)) {
            events.add(parseOne(event));
        }
        if (events.isEmpty()) {
            throw new BadPayload(WHAT + ": the array holds no event");
        }
        return events;
    }

    private static EventGridEvent parseOne(JsonNode event) {
        String type = event.hasNonNull("eventType") ? Json.text(event, "eventType", WHAT) : Json.text(event, "type", WHAT);
        String id = Json.text(event, "id", WHAT);
        JsonNode data = event.get("data");
        if (VALIDATION.equals(type)) {
            if (data == null || !data.isObject()) {
                throw new BadPayload(WHAT + ": validation event " + id + " has no 'data' object");
            }
            return new EventGridEvent.SubscriptionValidation(Json.text(data, "validationCode", WHAT));
        }
        if (INCOMING_CALL.equals(type)) {
            if (data == null || !data.isObject()) {
                throw new BadPayload(WHAT + ": IncomingCall " + id + " has no 'data' object");
            }
            return new EventGridEvent.IncomingCall(id, rawId(data, "from", id), rawId(data, "to", id),
                    Json.optionalText(data, "serverCallId"), Json.text(data, "correlationId", WHAT),
                    Json.text(data, "incomingCallContext", WHAT), sipHeaders(data));
        }
        if (RecordingFileStatusParser.TYPE.equals(type)) {
            return new EventGridEvent.RecordingFileStatusUpdated(RecordingFileStatusParser.parse(event, id));
        }
        return new EventGridEvent.Other(id, type);
    }

    /** {@code customContext.sipHeaders}: string values only; anything else is left out. */
    private static java.util.Map<String, String> sipHeaders(JsonNode data) {
        JsonNode headers = data.path("customContext").path("sipHeaders");
        java.util.Map<String, String> result = new java.util.LinkedHashMap<>();
        if (headers.isObject()) {
            headers.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    result.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return result;
    }

    private static String rawId(JsonNode data, String field, String id) {
        JsonNode identifier = data.get(field);
        if (identifier == null || !identifier.isObject()) {
            throw new BadPayload(WHAT + ": IncomingCall " + id + " has no '" + field + "' identifier");
        }
        String raw = Json.optionalText(identifier, "rawId");
        if (raw != null && !raw.isBlank()) {
            return raw;
        }
        String phone = Json.optionalText(identifier.get("phoneNumber"), "value");
        if (phone != null) {
            return "4:" + phone;
        }
        String user = Json.optionalText(identifier.get("communicationUser"), "id");
        if (user != null) {
            return user;
        }
        throw new BadPayload(WHAT + ": IncomingCall " + id + " has a '" + field + "' identifier without rawId");
    }
}
