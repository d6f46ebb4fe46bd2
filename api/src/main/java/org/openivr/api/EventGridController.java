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

/**
 * {@code /api/events}: Event Grid's subscription handshake, the IncomingCall events that start calls, and the
 * RecordingFileStatusUpdated events that hand a recording's files to its RecordingWorkflow.
 */
@RestController
public class EventGridController {
    private final CallStarter starter;
    private final RecordingFilesStarter recordingFiles;

    public EventGridController(CallStarter starter, RecordingFilesStarter recordingFiles) {
        this.starter = starter;
        this.recordingFiles = recordingFiles;
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
        int recordings = 0;
        for (EventGridEvent event : events) {
            if (event instanceof EventGridEvent.IncomingCall call && starter.start(call).isPresent()) {
                started++;
            } else if (event instanceof EventGridEvent.RecordingFileStatusUpdated files) {
                recordingFiles.deliver(files.status());
                recordings++;
            }
        }
        return ResponseEntity.ok(Map.of("accepted", events.size(), "calls", started, "recordings", recordings));
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
