package org.openivr.worker.media;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The media WebSocket: one {@link MediaStreamSession} per connection. The analysis runs on the socket's own thread
 * (a few µs per 20 ms packet, and the detectors are per-stream state); signals leave through the non-blocking
 * {@link AsyncAudioSignalSender}, so this thread never waits on Temporal.
 */
public final class MediaStreamingHandler extends AbstractWebSocketHandler {
    private static final String SESSION = "ivr.mediaSession";

    private final MediaSettings settings;
    private final AudioSignalSink sink;

    public MediaStreamingHandler(MediaSettings settings, AudioSignalSink sink) {
        this.settings = settings;
        this.sink = sink;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String callId = (String) session.getAttributes().get(MediaHandshakeInterceptor.CALL_ID);
        session.getAttributes().put(SESSION, new MediaStreamSession(callId, settings, sink));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        MediaStreamSession stream = (MediaStreamSession) session.getAttributes().get(SESSION);
        if (stream != null) {
            stream.onText(message.getPayload());
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        MediaStreamSession stream = (MediaStreamSession) session.getAttributes().get(SESSION);
        if (stream != null) {
            stream.onBinary(message.getPayloadLength());
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        MediaStreamSession stream = (MediaStreamSession) session.getAttributes().remove(SESSION);
        if (stream != null) {
            stream.close();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        // Closing follows; afterConnectionClosed logs the stream's counters.
    }
}
