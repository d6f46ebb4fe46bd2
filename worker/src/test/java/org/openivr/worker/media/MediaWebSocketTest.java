package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.AudioSignal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The endpoint end to end over a real socket: admission by call id and token, frames in, edges out. */
@SpringBootTest(classes = MediaWebSocketTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ivr.media.silence-millis=1000", "spring.main.banner-mode=off"})
class MediaWebSocketTest {

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, WebSocketServletAutoConfiguration.class})
    @Import(MediaStreamingConfiguration.class)
    static class App {
        @Bean
        CallValidator calls() {
            return callId -> callId.equals("call-live");
        }

        @Bean(MediaStreamingConfiguration.DELIVERY)
        CollectingSink delivery() {
            return new CollectingSink();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CollectingSink delivered;
    @Autowired
    AsyncAudioSignalSender sender;

    private WebSocket connect(String callId, String authorization) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("x-ms-call-connection-id", "conn-1").header("x-ms-call-correlation-id", "corr-1");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/media/" + callId), new WebSocket.Listener() {})
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aRunningCallsStreamBecomesSignals() throws Exception {
        int rate = 24000;
        Synth s = new Synth(rate, 11);
        s.silence(300).key('8', -14, 0, 90).silence(1300);
        WebSocket ws = connect("call-live", "Bearer " + WellFormedJwtTest.jwt("{\"alg\":\"RS256\"}", "{\"aud\":\"r\"}"));
        ws.sendText(Frames.metadata(rate), true).join();
        ws.sendText("not a packet", true).join();
        for (String frame : Frames.audio(s.pcm(), rate, "4:+14255550123")) {
            ws.sendText(frame, true).join();
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (delivered.of(AudioSignal.Kind.SILENCE).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(delivered.of(AudioSignal.Kind.KEY)).extracting(AudioSignal::key, AudioSignal::participant)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("8", "4:+14255550123"));
        assertThat(delivered.of(AudioSignal.Kind.SILENCE)).isNotEmpty();
        assertThat(delivered.calls).containsOnly("call-live");
        assertThat(sender.droppedQueueFull()).isZero();
    }

    @Test
    void unknownCallsAndBadTokensAreRefused() {
        for (List<String> attempt : List.of(List.of("call-unknown", ""), List.of("call-live", "Bearer nope"),
                List.of("call-live", "Basic abc"))) {
            assertThatThrownBy(() -> connect(attempt.get(0), attempt.get(1).isEmpty() ? null : attempt.get(1)))
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(WebSocketHandshakeException.class);
        }
    }
}
