package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The worker warms its media path up while it starts, says so in one line, and can be told not to; its Tomcat runs the
 * NIO2 connector.
 */
@ExtendWith(OutputCaptureExtension.class)
class MediaPathWarmUpStartupTest {
    private final WebApplicationContextRunner worker =
            new WebApplicationContextRunner(AnnotationConfigServletWebServerApplicationContext::new)
            .withConfiguration(AutoConfigurations.of(ServletWebServerFactoryAutoConfiguration.class,
                    WebSocketServletAutoConfiguration.class))
            .withUserConfiguration(MediaStreamingConfiguration.class)
            .withBean(MediaStreamingConfiguration.DELIVERY, AudioSignalSink.class, CollectingSink::new)
            .withBean(CallValidator.class, () -> callId -> true)
            .withPropertyValues("ivr.media.token-secret=" + MediaWebSocketTest.SECRET,
                    "ivr.acs.callback-auth.enabled=false", "server.port=0", "server.address=127.0.0.1");

    @Test
    void startingTheWorkerRunsTheDetectorsFirst(CapturedOutput output) {
        worker.withPropertyValues("ivr.media.warm-up-frames=1500").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MediaStreamingHandler.class);
            assertThat(output).contains("media path warmed up on 1500 generated frames")
                    .contains("(48 key and");
            // Before the server opens its port: no stream can meet a cold detector.
            assertThat(output.getOut().indexOf("media path warmed up"))
                    .isLessThan(output.getOut().indexOf("Tomcat started on port"));
            // Nothing of it reached a call.
            assertThat(((CollectingSink) context.getBean(MediaStreamingConfiguration.DELIVERY)).signals).isEmpty();
        });
    }

    @Test
    void zeroFramesSkipsTheWarmUp(CapturedOutput output) {
        worker.withPropertyValues("ivr.media.warm-up-frames=0").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MediaStreamingHandler.class);
            assertThat(output).doesNotContain("media path warmed up");
        });
    }

    @Test
    void theWorkersTomcatRunsItsNio2ConnectorUnlessToldOtherwise() {
        worker.withPropertyValues("ivr.media.warm-up-frames=0").run(context -> assertThat(protocol(context))
                .isEqualTo(MediaConnectorCustomizer.NIO2));
        worker.withPropertyValues("ivr.media.warm-up-frames=0", "ivr.media.tomcat-nio2=false").run(context ->
                assertThat(protocol(context)).isEqualTo("org.apache.coyote.http11.Http11NioProtocol"));
    }

    private static String protocol(AssertableWebApplicationContext context) {
        var server = (TomcatWebServer) ((ServletWebServerApplicationContext) context.getSourceApplicationContext())
                .getWebServer();
        return server.getTomcat().getConnector().getProtocolHandlerClassName();
    }

    @Test
    void aNegativeCountIsRefusedByName() {
        worker.withPropertyValues("ivr.media.warm-up-frames=-5").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("ivr.media.warm-up-frames must be 0 or more: -5"));
    }
}
