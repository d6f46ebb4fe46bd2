package org.openivr.worker.media;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a WebSocket upgrade on {@code /ws/media/{callId}} only for a running call (401 for a bad bearer token,
 * 404 for a call id that is not a running call), and passes the call id on to the handler.
 */
public final class MediaHandshakeInterceptor implements HandshakeInterceptor {
    private static final Logger log = LoggerFactory.getLogger(MediaHandshakeInterceptor.class);
    static final String PREFIX = "/ws/media/";
    static final String CALL_ID = "ivr.callId";

    private final CallValidator calls;
    private final MediaTokenVerifier tokens;

    public MediaHandshakeInterceptor(CallValidator calls, MediaTokenVerifier tokens) {
        this.calls = calls;
        this.tokens = tokens;
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
        HttpHeaders headers = request.getHeaders();
        String rejected = tokens.reject(headers.getFirst(HttpHeaders.AUTHORIZATION), callId);
        if (rejected != null) {
            log.warn("media stream for {} refused: {}", callId, rejected);
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
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
