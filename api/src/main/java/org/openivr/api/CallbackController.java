package org.openivr.api;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openivr.workflows.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/callbacks/{callId}}: ACS mid-call events. The URI names the call's workflow, so no
 * mapping table exists; each event becomes one signal, and the workflow de-duplicates by event id.
 */
@RestController
public class CallbackController {
    private static final Logger log = LoggerFactory.getLogger(CallbackController.class);
    private static final Pattern CALL_ID = Pattern.compile("call-[A-Za-z0-9._-]{1,120}");
    private final WorkflowClient client;

    public CallbackController(WorkflowClient client) {
        this.client = client;
    }

    @PostMapping(path = "/api/callbacks/{callId}", produces = "application/json")
    public ResponseEntity<Map<String, Object>> receive(@PathVariable("callId") String callId,
                                                       @RequestBody(required = false) byte[] body) {
        if (!CALL_ID.matcher(callId).matches()) {
            throw new UnknownCall("'" + callId + "' is not a call id this platform issues");
        }
        List<CallEvent> events = CallbackParser.parse(body);
        WorkflowStub call = client.newUntypedWorkflowStub(callId);
        for (CallEvent event : events) {
            try {
                call.signal("onEvent", event);
            } catch (WorkflowNotFoundException e) {
                throw new UnknownCall("call " + callId + " is not running; " + event.shortType() + " dropped");
            }
            log.debug("{} {} op={} {}/{}", callId, event.shortType(), event.operationContext(), event.code(), event.subCode());
        }
        return ResponseEntity.ok(Map.of("signalled", events.size()));
    }
}
