package org.openivr.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ivr.outbound.*}: defaults for calls the platform places ({@code POST /api/calls}).
 *
 * @param callerId the number outbound calls come from when a request names none (E.164, one of the ACS resource's
 *                 numbers); environment variable {@code IVR_OUTBOUND_CALLERID}
 */
@ConfigurationProperties("ivr.outbound")
public record OutboundProperties(String callerId) {
    public OutboundProperties {
        callerId = callerId == null || callerId.isBlank() ? null : callerId.trim();
    }
}
