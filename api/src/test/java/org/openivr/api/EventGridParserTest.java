package org.openivr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventGridParserTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheValidationHandshake() {
        var events = EventGridParser.parse(bytes("""
                [{"id":"v1","topic":"t","subject":"","data":{"validationCode":"512d38b6","validationUrl":"https://x"},
                  "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2025-01-01T00:00:00Z",
                  "metadataVersion":"1","dataVersion":"2"}]"""));
        assertThat(events).containsExactly(new EventGridEvent.SubscriptionValidation("512d38b6"));
    }

    @Test
    void readsIncomingCallInEitherSchema() {
        String data = """
                {"to":{"kind":"phoneNumber","rawId":"4:+18005550100","phoneNumber":{"value":"+18005550100"}},
                 "from":{"kind":"phoneNumber","phoneNumber":{"value":"+14255550123"}},
                 "serverCallId":"srv","callerDisplayName":"","incomingCallContext":"ctx.jwt","correlationId":"c-1"}""";
        var eventGrid = EventGridParser.parse(bytes("[{\"id\":\"i1\",\"eventType\":\"Microsoft.Communication.IncomingCall\",\"data\":"
                + data + "}]"));
        var cloudEvent = EventGridParser.parse(bytes("{\"id\":\"i1\",\"type\":\"Microsoft.Communication.IncomingCall\",\"specversion\":\"1.0\",\"data\":"
                + data + "}"));
        var expected = new EventGridEvent.IncomingCall("i1", "4:+14255550123", "4:+18005550100", "srv", "c-1", "ctx.jwt");
        assertThat(eventGrid).containsExactly(expected);
        assertThat(cloudEvent).containsExactly(expected);
    }

    @Test
    void incomingCallWithoutItsContextIsRejected() {
        assertThatThrownBy(() -> EventGridParser.parse(bytes("""
                [{"id":"i1","eventType":"Microsoft.Communication.IncomingCall","data":{
                  "to":{"rawId":"4:+1"},"from":{"rawId":"4:+2"},"correlationId":"c"}}]""")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("'incomingCallContext'");
        assertThatThrownBy(() -> EventGridParser.parse(bytes("[{\"id\":\"x\"}]")))
                .isInstanceOf(BadPayload.class).hasMessageContaining("'type'");
    }
}
