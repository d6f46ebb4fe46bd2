package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openivr.acsauth.AcsTokenSettings;
import org.openivr.acsauth.AcsTokenVerifier;
import org.openivr.activities.MediaStreamTokens;
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
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The endpoint end to end over a real socket, as ACS reaches it: the URL's token for the call, ACS's JWT (signed by
 * a test key whose JWKS a local server publishes through an OpenID configuration, as ACS does), admission by call
 * id, frames in, edges out. Refused upgrades never reach a call: not the call check, not the signals.
 */
@SpringBootTest(classes = MediaWebSocketTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ivr.media.silence-millis=1000", "spring.main.banner-mode=off",
                "ivr.media.token-secret=" + MediaWebSocketTest.SECRET, "ivr.media.require-acs-token=true",
                "ivr.acs.callback-auth.audience=" + MediaWebSocketTest.RESOURCE,
                "ivr.acs.callback-auth.key-refetch-interval=0s"})
class MediaWebSocketTest {
    static final String SECRET = "media-websocket-test-secret-0123456789";
    static final String RESOURCE = "8a4c2e61-0d3f-4b7a-9e15-c6d2f0a1b3e7";
    private static final MediaStreamTokens TOKENS = MediaStreamTokens.fromSecret(SECRET);
    private static final RSAKey SIGNING = newKey("acs-1");
    private static final HttpServer KEYS = keyServer();

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, WebSocketServletAutoConfiguration.class})
    @Import(MediaStreamingConfiguration.class)
    static class App {
        @Bean
        ConsultedCalls calls() {
            return new ConsultedCalls();
        }

        @Bean(MediaStreamingConfiguration.DELIVERY)
        CollectingSink delivery() {
            return new CollectingSink();
        }
    }

    /** Running calls are "call-live" and "call-target"; records every call id it was asked about. */
    static final class ConsultedCalls implements CallValidator {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public boolean isRunningCall(String callId) {
            asked.add(callId);
            return callId.equals("call-live") || callId.equals("call-target");
        }
    }

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("ivr.acs.callback-auth.openid-configuration", () -> keysUrl() + "/openid");
    }

    @AfterAll
    static void stopKeys() {
        KEYS.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    CollectingSink delivered;
    @Autowired
    ConsultedCalls calls;
    @Autowired
    AsyncAudioSignalSender sender;

    private static String keysUrl() {
        return "http://127.0.0.1:" + KEYS.getAddress().getPort();
    }

    private static HttpServer keyServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/openid", exchange -> respond(exchange, "{\"jwks_uri\":\"/keys\"}"));
            server.createContext("/keys", exchange -> respond(exchange, new JWKSet(SIGNING.toPublicJWK()).toString(true)));
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static RSAKey newKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT as ACS signs a media upgrade (RS256, issuer, audience, 24 h), with the given key, audience and expiry. */
    private static String jwt(RSAKey key, String audience, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(AcsTokenSettings.ACS_ISSUER).audience(audience)
                            .issueTime(Date.from(expires.minus(Duration.ofHours(24))))
                            .expirationTime(Date.from(expires)).build());
            jwt.sign(new RSASSASigner(key));
            return "Bearer " + jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String validJwt() {
        return jwt(SIGNING, RESOURCE, Instant.now().plus(Duration.ofHours(24)));
    }

    private WebSocket connect(String path, String authorization) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("x-ms-call-connection-id", "conn-1").header("x-ms-call-correlation-id", "corr-1");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {})
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The HTTP status the upgrade was refused with. */
    private int refusedWith(String path, String authorization) {
        Throwable thrown = catchThrowable(() -> connect(path, authorization));
        assertThat(thrown).as("upgrade of %s", path).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) thrown.getCause()).getResponse().statusCode();
    }

    @Test
    void aRunningCallsStreamWithItsTokenAndAValidAcsJwtBecomesSignals() throws Exception {
        int rate = 24000;
        Synth s = new Synth(rate, 11);
        s.silence(300).key('8', -14, 0, 90).silence(1300);
        WebSocket ws = connect("/ws/media/call-live?token=" + TOKENS.issue("call-live"), validJwt());
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
    void withoutThisCallsUrlTokenTheUpgradeIs403AndTouchesNoCall() {
        String path = "/ws/media/call-target";
        assertThat(refusedWith(path, validJwt())).as("no token").isEqualTo(403);
        assertThat(refusedWith(path + "?token=", validJwt())).as("empty token").isEqualTo(403);
        assertThat(refusedWith(path + "?token=" + TOKENS.issue("call-live"), validJwt())).as("another call's token")
                .isEqualTo(403);
        String forged = MediaStreamTokens.fromSecret("a secret that is not the server's, 0123456789").issue("call-target");
        assertThat(refusedWith(path + "?token=" + forged, validJwt())).as("forged token").isEqualTo(403);
        assertThat(refusedWith(path + "?token=" + TOKENS.issue("call-target") + "A", validJwt())).as("altered token")
                .isEqualTo(403);
        assertThat(calls.asked).doesNotContain("call-target");
        assertThat(delivered.calls).doesNotContain("call-target");
    }

    @Test
    void withoutAValidAcsJwtTheUpgradeIs401AndTouchesNoCall() {
        String path = "/ws/media/call-target?token=" + TOKENS.issue("call-target");
        Instant later = Instant.now().plus(Duration.ofHours(24));
        List<String> refused = List.of(
                "Basic dXNlcjpwYXNz",
                "Bearer not-a-jwt",
                jwt(newKey("acs-1"), RESOURCE, later),                         // forged: another key, same kid
                jwt(SIGNING, RESOURCE, Instant.now().minus(Duration.ofMinutes(10))), // expired
                jwt(SIGNING, "another-acs-resource", later));                   // other audience
        assertThat(refusedWith(path, null)).as("missing (required here)").isEqualTo(401);
        for (String authorization : refused) {
            assertThat(refusedWith(path, authorization)).as(authorization).isEqualTo(401);
        }
        assertThat(calls.asked).doesNotContain("call-target");
        assertThat(delivered.calls).doesNotContain("call-target");
    }

    @Test
    void aValidUpgradeForACallThatIsNotRunningIs404() {
        assertThat(refusedWith("/ws/media/call-ended?token=" + TOKENS.issue("call-ended"), validJwt())).isEqualTo(404);
        assertThat(delivered.calls).doesNotContain("call-ended");
    }

    @Test
    void whenNotRequiredAMissingJwtPassesButAPresentOneIsStillVerified() {
        AcsTokenVerifier verifier = new AcsTokenVerifier(new AcsTokenSettings(URI.create(keysUrl() + "/openid"), null,
                RESOURCE, null, Duration.ZERO), "ivr.acs.callback-auth", null);
        VerifiedAcsJwt optional = new VerifiedAcsJwt(verifier, false);
        assertThat(optional.check(null)).isEmpty();
        assertThat(optional.check(validJwt())).isEmpty();
        assertThat(optional.check(jwt(SIGNING, "another-acs-resource", Instant.now().plusSeconds(600))))
                .map(HandshakeRefusal::status).contains(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void unreadableAcsKeysAre503NotTheCallersFault() {
        AcsTokenVerifier verifier = new AcsTokenVerifier(new AcsTokenSettings(URI.create(keysUrl() + "/nowhere"), null,
                RESOURCE, null, Duration.ZERO), "ivr.acs.callback-auth", null);
        assertThat(new VerifiedAcsJwt(verifier, true).check(validJwt())).map(HandshakeRefusal::status)
                .contains(HttpStatus.SERVICE_UNAVAILABLE);
    }
}
