package org.openivr.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * {@code POST /api/calls}: a call the platform places.
 *
 * @param to        the number to call, E.164
 * @param from      the number the call comes from (E.164, one of the ACS resource's numbers); defaults to
 *                  {@code ivr.outbound.caller-id}
 * @param flow      the flow that runs once the callee answers, pinned when the call is placed
 * @param variables starting values for variables the flow declares, of the declared type
 */
@Schema(name = "OutboundCallRequest", description = "A call the platform places: whom to call, from which number, and"
        + " the flow that talks to them once they answer.")
public record OutboundCallRequest(
        @Schema(description = "The number to call, E.164", example = "+14255550123", requiredMode = Schema.RequiredMode.REQUIRED)
        String to,
        @Schema(description = "The caller id shown to the callee (E.164); defaults to ivr.outbound.caller-id",
                example = "+18005550100")
        String from,
        @Schema(description = "The flow to run (a file flows/NAME.yaml)", example = "appointment-reminder",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String flow,
        @Schema(description = "Starting values of variables the flow declares; each must be declared and of the"
                + " declared type (string, whole number, number or boolean)", example = "{\"patient\": \"Alex\"}")
        Map<String, Object> variables) {}
