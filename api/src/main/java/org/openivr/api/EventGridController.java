package org.openivr.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/events}: Event Grid's subscription handshake and the IncomingCall events that start calls. */
@RestController
public class EventGridController {
    private final CallStarter starter;

    public EventGridController(CallStarter starter) {
        this.starter = starter;
    }

    @PostMapping(path = "/api/events", produces = "application/json")
    public ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body) {
        List<EventGridEvent> events = EventGridParser.parse(body);
        for (EventGridEvent event : events) {
            if (event instanceof EventGridEvent.SubscriptionValidation validation) {
                return ResponseEntity.ok(Map.of("validationResponse", validation.validationCode()));
            }
        }
        int started = 0;
        for (EventGridEvent event : events) {
            if (event instanceof EventGridEvent.IncomingCall call && starter.start(call).isPresent()) {
                started++;
            }
        }
        return ResponseEntity.ok(Map.of("accepted", events.size(), "calls", started));
    }

    /** CloudEvents-schema subscriptions ask first whether we accept deliveries (abuse protection). */
    @RequestMapping(path = "/api/events", method = RequestMethod.OPTIONS)
    public ResponseEntity<Void> abuseProtection(
            @RequestHeader(name = "WebHook-Request-Origin", required = false) String origin) {
        return ResponseEntity.ok()
                .header("WebHook-Allowed-Origin", origin == null ? "eventgrid.azure.net" : origin)
                .build();
    }
}
