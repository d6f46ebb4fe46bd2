package org.openivr.worker.media;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Puts the worker's Tomcat on its NIO2 connector ({@code ivr.media.tomcat-nio2}, default true). Every media frame is
 * one small message on a socket that is otherwise quiet, so a frame's cost is mostly the connector's: with NIO, a
 * poller thread wakes on the socket, hands it to a worker thread and registers it again; NIO2 completes the read on
 * the worker thread itself. Measured with {@code bench/load.sh} at 600 streams (docs/benchmarks.md): 44-48 µs of
 * server CPU per frame with NIO, 39-41 µs with NIO2, the rest of the worker unchanged. The HTTP side (callbacks, the
 * API when it shares the process) runs on the same connector; it is Tomcat's own, supported one.
 */
public final class MediaConnectorCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    public static final String NIO2 = "org.apache.coyote.http11.Http11Nio2Protocol";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(NIO2);
    }
}
