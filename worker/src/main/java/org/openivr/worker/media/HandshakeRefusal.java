package org.openivr.worker.media;

import org.springframework.http.HttpStatus;

/**
 * Why a media WebSocket upgrade is refused: the status the client gets and the reason that goes to the log (never to
 * the client).
 */
public record HandshakeRefusal(HttpStatus status, String reason) {}
