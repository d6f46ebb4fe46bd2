package org.openivr.cli;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.openivr.emulator.AcsEmulator;
import org.openivr.flows.ScriptedCall;
import org.openivr.workflows.CallIds;

/**
 * Places one scripted call the way the outside world would: an incoming one rings through the emulator's Event
 * Grid, an outbound one is {@code POST /api/calls} (with an Idempotency-Key) to a callee the emulator plays.
 */
public final class ScriptedCallPlacer {
    private final AcsEmulator emulator;
    /** The platform's management API; null: outbound calls cannot be placed. */
    private final ApiClient api;

    public ScriptedCallPlacer(AcsEmulator emulator, ApiClient api) {
        this.emulator = emulator;
        this.api = api;
    }

    public boolean placesOutbound() {
        return api != null;
    }

    /**
     * @param flowNumber the number the flow answers on: what an incoming call dials, and what an outbound call
     *                   comes from unless the script says {@code from}
     * @return the call's workflow id
     * @throws IllegalStateException when the emulator or the API refused the call
     */
    public String place(String flow, ScriptedCall call, String flowNumber) throws InterruptedException {
        if (!call.outbound()) {
            return CallIds.forIncomingCall(emulator.placeCall(ScriptedCallers.toEmulator(call, flowNumber)));
        }
        if (api == null) {
            throw new IllegalStateException("'" + call.name() + "' is outbound: placing it needs the platform's API");
        }
        String from = call.from() != null ? call.from() : flowNumber;
        emulator.expectCallee(ScriptedCallers.callee(call, from), ScriptedCallers.answer(call.answer()));
        try {
            return api.placeCall(call.to(), from, flow, Map.of(), "demo-" + UUID.randomUUID()).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException("POST /api/calls for '" + call.name() + "' failed: " + e.getMessage(), e);
        }
    }
}
