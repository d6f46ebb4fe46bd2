package org.openivr.activities;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How to reach ACS and where ACS should send a call's events.
 *
 * @param connectionString          {@code endpoint=https://...;accesskey=...}
 * @param callbackBaseUrl           base of the API that receives callback events, e.g. {@code http://127.0.0.1:8080};
 *                                  a call's callback URI is {@code {callbackBaseUrl}/api/callbacks/{callId}}
 * @param trustedCertificatePem     PEM certificate(s) to trust, and nothing else (the local emulator's own
 *                                  certificate); null means the JVM's default trust
 * @param cognitiveServicesEndpoint Azure AI services endpoint that ACS uses for text-to-speech, or null
 * @param mediaTokens               signs the token that a call's media streaming URL carries
 */
public record AcsSettings(String connectionString, String callbackBaseUrl, String trustedCertificatePem,
                          String cognitiveServicesEndpoint, MediaStreamTokens mediaTokens) {

    public AcsSettings {
        Objects.requireNonNull(connectionString, "connectionString");
        Objects.requireNonNull(callbackBaseUrl, "callbackBaseUrl");
        Objects.requireNonNull(mediaTokens, "mediaTokens");
        if (connectionString.isBlank()) {
            throw new IllegalArgumentException("connectionString is blank");
        }
        URI base = URI.create(callbackBaseUrl);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("callbackBaseUrl must be an absolute http(s) URL: " + callbackBaseUrl);
        }
        if (trustedCertificatePem != null && trustedCertificatePem.isBlank()) {
            trustedCertificatePem = null;
        }
        if (cognitiveServicesEndpoint != null && cognitiveServicesEndpoint.isBlank()) {
            cognitiveServicesEndpoint = null;
        }
    }

    /** The callback URI for one call: {@code {callbackBaseUrl}/api/callbacks/{callId}}. */
    public String callbackUri(String callId) {
        Objects.requireNonNull(callId, "callId");
        String base = callbackBaseUrl.endsWith("/")
                ? callbackBaseUrl.substring(0, callbackBaseUrl.length() - 1) : callbackBaseUrl;
        String segment = URLEncoder.encode(callId, StandardCharsets.UTF_8).replace("+", "%20");
        return base + "/api/callbacks/" + segment;
    }

    /**
     * The WebSocket URL ACS streams one call's audio to: the callback base with {@code ws(s)} and
     * {@code /ws/media/{callId}?token=...}, so the URL names the call (no mapping table is needed) and carries the
     * call's {@link MediaStreamTokens token}, without which the streaming worker refuses the socket.
     */
    public String mediaStreamingUri(String callId) {
        Objects.requireNonNull(callId, "callId");
        String base = callbackBaseUrl.endsWith("/")
                ? callbackBaseUrl.substring(0, callbackBaseUrl.length() - 1) : callbackBaseUrl;
        String websocket = base.startsWith("https://") ? "wss://" + base.substring(8)
                : base.startsWith("http://") ? "ws://" + base.substring(7) : base;
        return websocket + "/ws/media/" + URLEncoder.encode(callId, StandardCharsets.UTF_8).replace("+", "%20")
                + "?token=" + mediaTokens.issue(callId);
    }

    /** Never prints the connection string (it holds the access key) nor the media token secret. */
    @Override
    public String toString() {
        return "AcsSettings[callbackBaseUrl=" + callbackBaseUrl
                + ", trustedCertificatePem=" + (trustedCertificatePem == null ? "default trust" : "given")
                + ", cognitiveServicesEndpoint=" + cognitiveServicesEndpoint + "]";
    }
}
