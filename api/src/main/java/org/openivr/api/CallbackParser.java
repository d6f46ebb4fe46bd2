package org.openivr.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;

/**
 * Turns the CloudEvents array ACS posts to a callback URI into typed {@link CallEvent}s.
 * Hand-written over Jackson because the API must not depend on the ACS SDK, and SDK 1.0.4's
 * parser drops the event types it does not know.
 */
public final class CallbackParser {
    private static final String WHAT = "ACS callback";
    private static final Map<String, String> TONES = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("asterisk", "*"), Map.entry("pound", "#"),
            Map.entry("a", "A"), Map.entry("b", "B"), Map.entry("c", "C"), Map.entry("d", "D"));

    private CallbackParser() {}

    public static List<CallEvent> parse(byte[] body) {
        JsonNode events = Json.array(Json.parse(body, WHAT), WHAT);
        if (events.isEmpty()) {
            throw new BadPayload(WHAT + ": the array holds no event");
        }
        List<CallEvent> parsed = new ArrayList<>();
        for (JsonNode event : events) {
            parsed.add(parseOne(event));
        }
        return parsed;
    }

    private static CallEvent parseOne(JsonNode event) {
        String id = Json.text(event, "id", WHAT);
        String type = Json.text(event, "type", WHAT);
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new BadPayload(WHAT + ": event " + id + " has no 'data' object");
        }
        JsonNode result = data.get("resultInformation");
        int code = result != null && result.get("code") != null ? result.get("code").asInt() : 0;
        int subCode = result != null && result.get("subCode") != null ? result.get("subCode").asInt() : 0;
        String message = Json.optionalText(result, "message");
        List<String> tones = tones(data, id);
        String tone = Json.optionalText(data, "tone");
        if (tone != null) {
            tones = List.of(key(tone, id));
        }
        JsonNode sequence = data.get("sequenceId");
        Long sequenceId = sequence != null && sequence.canConvertToLong() ? sequence.asLong() : null;
        String state = Json.optionalText(data, "state");
        JsonNode streaming = data.get("mediaStreamingUpdate");
        if (state == null && streaming != null) {
            state = Json.optionalText(streaming, "mediaStreamingStatus");
        }
        return new CallEvent(id, CallEventKind.fromAcsType(type), type, Json.optionalText(data, "callConnectionId"),
                Json.optionalText(data, "operationContext"), code, subCode, message, tones, sequenceId,
                Json.optionalText(data, "recordingId"), state);
    }

    private static String key(String tone, String id) {
        String key = TONES.get(tone.toLowerCase());
        if (key == null) {
            throw new BadPayload(WHAT + ": event " + id + " has an unknown tone '" + tone + "'");
        }
        return key;
    }

    private static List<String> tones(JsonNode data, String id) {
        JsonNode result = data.get("dtmfResult");
        if (result == null || result.isNull()) {
            result = data.get("collectTonesResult");
        }
        if (result == null || result.isNull()) {
            return List.of();
        }
        JsonNode tones = result.get("tones");
        if (tones == null || !tones.isArray()) {
            throw new BadPayload(WHAT + ": event " + id + " has a dtmfResult without a 'tones' array");
        }
        List<String> keys = new ArrayList<>();
        for (JsonNode tone : tones) {
            keys.add(key(tone.asText(), id));
        }
        return keys;
    }
}
