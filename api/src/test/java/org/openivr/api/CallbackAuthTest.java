package org.openivr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openivr.acsauth.AcsTokenVerifier;
import org.openivr.workflows.CallEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * {@code /api/callbacks/{callId}} behind {@link CallbackAuthFilter}: tokens signed by a test key whose JWKS a local
 * HTTP server publishes through an OpenID configuration document, a Temporal test server, and a workflow that only
 * receives signals. Only a valid token signals; every refusal is 401 problem JSON and leaves the history untouched.
 */
class CallbackAuthTest {
    private static final String ISSUER = CallbackAuthProperties.ACS_ISSUER;
    private static final String RESOURCE = "3f0a8e2c-1b7d-4c55-9a61-2d4e8f0b7c13";
    private static final String CALL = "call-auth-1";
    private static final String EVENT = """
            [{"id":"e-1","source":"calling/callConnections/c1","type":"Microsoft.Communication.PlayCompleted",
              "specversion":"1.0","time":"2025-06-16T20:52:32.9896642+00:00",
              "data":{"callConnectionId":"c1","operationContext":"1/greet","resultInformation":{"code":200,"subCode":0}}}]""";

    @WorkflowInterface
    public interface Probe {
        @WorkflowMethod
        void run();

        @SignalMethod(name = "onEvent")
        void onEvent(CallEvent event);
    }

    public static class ProbeImpl implements Probe {
        @Override
        public void run() {
            Workflow.await(() -> false);
        }

        @Override
        public void onEvent(CallEvent event) {}
    }

    private HttpServer keys;
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private RSAKey signing;
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private MockMvc mvc;

    @BeforeEach
    void start() throws Exception {
        signing = newKey();
        published.set(new JWKSet(signing.toPublicJWK()));
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + keys.getAddress().getPort();
        keys.createContext("/calling/.well-known/acsopenidconfiguration", exchange -> respond(exchange,
                "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + base + "/calling/keys\"}"));
        keys.createContext("/calling/keys", exchange -> {
            jwksFetches.incrementAndGet();
            respond(exchange, published.get().toString(true));
        });
        keys.start();

        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker("probe");
        worker.registerWorkflowImplementationTypes(ProbeImpl.class);
        env.start();
        client = env.getWorkflowClient();
        WorkflowClient.start(client.newWorkflowStub(Probe.class,
                WorkflowOptions.newBuilder().setTaskQueue("probe").setWorkflowId(CALL).build())::run);

        CallbackAuthProperties properties = new CallbackAuthProperties(true,
                URI.create(base + "/calling/.well-known/acsopenidconfiguration"), ISSUER, RESOURCE, null, Duration.ZERO);
        mvc = MockMvcBuilders.standaloneSetup(new CallbackController(client)).setControllerAdvice(new ApiErrors())
                .addFilters(new CallbackAuthFilter(new AcsTokenVerifier(properties.settings(), CallbackAuthProperties.PREFIX, null))).build();
    }

    @AfterEach
    void stop() {
        env.close();
        keys.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static RSAKey newKey() throws Exception {
        return new RSAKeyGenerator(2048).keyID("k-" + System.nanoTime()).generate();
    }

    private static String token(RSAKey key, String issuer, String audience, Instant issuedAt, Duration lifetime)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience(audience).issueTime(Date.from(issuedAt))
                        .notBeforeTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(lifetime))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String valid() throws Exception {
        return token(signing, ISSUER, RESOURCE, Instant.now(), Duration.ofMinutes(5));
    }

    private ResultActions callback(String callId, String authorization) throws Exception {
        var request = post("/api/callbacks/" + callId).contentType(MediaType.APPLICATION_JSON).content(EVENT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return mvc.perform(request);
    }

    private long signals() {
        return client.fetchHistory(CALL).getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED).count();
    }

    @Test
    void aValidTokenLetsTheEventThrough() throws Exception {
        callback(CALL, "Bearer " + valid()).andExpect(status().isOk()).andExpect(jsonPath("$.signalled").value(1));
        assertThat(signals()).isEqualTo(1);
    }

    @Test
    void missingForgedExpiredOtherResourceAndOtherIssuerTokensAre401AndSignalNothing() throws Exception {
        Instant now = Instant.now();
        String[] refused = {
                null,
                "Basic dXNlcjpwYXNz",
                "Bearer not-a-jwt",
                "Bearer " + token(newKey(), ISSUER, RESOURCE, now, Duration.ofMinutes(5)),            // forged: other key
                "Bearer " + token(signing, ISSUER, RESOURCE, now.minusSeconds(900), Duration.ofMinutes(5)), // expired
                "Bearer " + token(signing, ISSUER, "another-acs-resource", now, Duration.ofMinutes(5)),
                "Bearer " + token(signing, "https://attacker.example", RESOURCE, now, Duration.ofMinutes(5)),
                "Bearer " + token(signing, ISSUER, RESOURCE, now.plusSeconds(600), Duration.ofMinutes(5)),  // not yet valid
        };
        for (String authorization : refused) {
            callback(CALL, authorization)
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.title").value("Unauthorized"))
                    .andExpect(jsonPath("$.instance").value("/api/callbacks/" + CALL));
        }
        assertThat(signals()).isZero();
    }

    @Test
    void aSignatureMadeWithTheRightKidButAnotherKeyIsRefused() throws Exception {
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(signing.getKeyID()).generate();
        callback(CALL, "Bearer " + token(impostor, ISSUER, RESOURCE, Instant.now(), Duration.ofMinutes(5)))
                .andExpect(status().isUnauthorized());
        assertThat(signals()).isZero();
    }

    @Test
    void keysAreCachedAndRefetchedWhenATokenNamesANewKey() throws Exception {
        callback(CALL, "Bearer " + valid()).andExpect(status().isOk());
        callback(CALL, "Bearer " + valid()).andExpect(status().isOk());
        assertThat(jwksFetches).hasValue(1);

        RSAKey rotated = newKey();
        published.set(new JWKSet(rotated.toPublicJWK()));
        callback(CALL, "Bearer " + token(rotated, ISSUER, RESOURCE, Instant.now(), Duration.ofMinutes(5)))
                .andExpect(status().isOk());
        assertThat(jwksFetches).hasValue(2);
        assertThat(signals()).isEqualTo(3);
    }

    @Test
    void aValidTokenForAWorkflowThatDoesNotExistIs404AndCreatesNothing() throws Exception {
        callback("call-nobody", "Bearer " + valid()).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Unknown call"));
        assertThatThrownBy(() -> client.fetchHistory("call-nobody")).hasMessageContaining("call-nobody");
    }

    @Test
    void startupFailsClearlyWhenEnabledWithoutAnAudience() {
        new ApplicationContextRunner().withUserConfiguration(CallbackAuthConfiguration.class)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ivr.acs.callback-auth.audience is not set"));
        new ApplicationContextRunner().withUserConfiguration(CallbackAuthConfiguration.class)
                .withPropertyValues("ivr.acs.callback-auth.enabled=false")
                .run(context -> assertThat(context).hasNotFailed());
        new ApplicationContextRunner().withUserConfiguration(CallbackAuthConfiguration.class)
                .withPropertyValues("ivr.acs.callback-auth.audience=" + RESOURCE)
                .run(context -> assertThat(context).hasNotFailed());
    }
}
