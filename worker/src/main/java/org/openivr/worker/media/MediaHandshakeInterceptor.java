package org.openivr.worker.media;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.openivr.activities.MediaStreamTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a WebSocket upgrade on {@code /ws/media/{callId}?token=...} only when the URL carries the token we issued
 * for that call ({@link MediaStreamTokens}; 403 otherwise), ACS's JWT passes ({@link MediaTokenVerifier}; 401, or 503
 * when ACS's keys cannot be read) and the call is running (404). The checks run in that order, cheapest first, so
 * an unauthenticated client learns nothing about which calls exist and never makes us call Temporal. Nothing of a
 * refused upgrade reaches any call. Passes the call id on to the handler.
 */
public final class MediaHandshakeInterceptor implements HandshakeInterceptor {
    private static final Logger log = LoggerFactory.getLogger(MediaHandshakeInterceptor.class);
    static final String PREFIX = "/ws/media/";
    static final String CALL_ID = "ivr.callId";

    private final CallValidator calls;
    private final MediaStreamTokens urlTokens;
    private final MediaTokenVerifier acsTokens;

    public MediaHandshakeInterceptor(CallValidator calls, MediaStreamTokens urlTokens, MediaTokenVerifier acsTokens) {
        this.calls = calls;
        this.urlTokens = urlTokens;
        this.acsTokens = acsTokens;
    }

    /** The value of the first {@code token} parameter of a raw query (percent-decoded), or null. */
    static String token(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String parameter : rawQuery.split("&")) {
            if (parameter.startsWith("token=")) {
                try {
                    return URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The call id of a {@code /ws/media/{callId}} path (percent-decoded), or null. */
    static String callId(String path) {
        int at = path == null ? -1 : path.indexOf(PREFIX);
        if (at < 0) {
            return null;
        }
        String segment = path.substring(at + PREFIX.length());
        if (segment.isEmpty() || segment.contains("/")) {
            return null;
        }
        try {
            String id = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            return id.isBlank() || id.length() > 1000 ? null : id;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        String callId = callId(request.getURI().getRawPath());
        if (callId == null) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        String token = token(request.getURI().getRawQuery());
        if (!urlTokens.accepts(callId, token)) {
            log.warn("media stream for {} refused: {} token in the URL", callId, token == null ? "no" : "wrong");
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        HttpHeaders headers = request.getHeaders();
        Optional<HandshakeRefusal> refusal = acsTokens.check(headers.getFirst(HttpHeaders.AUTHORIZATION));
        if (refusal.isPresent()) {
            log.warn("media stream for {} refused: {}", callId, refusal.get().reason());
            response.setStatusCode(refusal.get().status());
            if (refusal.get().status() == HttpStatus.UNAUTHORIZED) {
                response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            }
            return false;
        }
        if (!calls.isRunningCall(callId)) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        attributes.put(CALL_ID, callId);
        log.info("media stream for {} accepted (call connection {}, correlation {})", callId,
                headers.getFirst("x-ms-call-connection-id"), headers.getFirst("x-ms-call-correlation-id"));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {}
}
