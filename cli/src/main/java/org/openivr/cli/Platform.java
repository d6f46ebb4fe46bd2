package org.openivr.cli;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.openivr.api.ApiApplication;
import org.openivr.cli.embedded.EmbeddedTemporal;
import org.openivr.emulator.AcsEmulator;
import org.openivr.emulator.EmulatorOptions;
import org.openivr.emulator.Faults;
import org.openivr.worker.WorkerApplication;
import org.openivr.workflows.payload.PayloadEncryption;
import org.openivr.workflows.payload.PayloadTreeDecoder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one JVM: the embedded Temporal server (unless a cluster address is given),
 * the ACS emulator (unless a real ACS connection string is given), and the API and worker in one
 * Spring context.
 */
public final class Platform implements AutoCloseable {
    /** The number outbound calls come from by default when the platform runs against the emulator. */
    static final String DEMO_CALLER_ID = "+18005550199";
    /** Null once stopped, so that what it held can be collected (ivr soak weighs the heap after each part). */
    private EmbeddedTemporal temporal;
    /** Null once stopped, like {@link #temporal}. */
    private AcsEmulator emulator;
    private final ConfigurableApplicationContext context;
    private final int apiPort;
    private final String temporalAddress;
    private final String apiKey;
    private final boolean embeddedTemporal;
    private final PayloadKeyFile.Source payloadKeys;

    private Platform(EmbeddedTemporal temporal, AcsEmulator emulator, ConfigurableApplicationContext context, int apiPort,
                     String temporalAddress, String apiKey, PayloadKeyFile.Source payloadKeys) {
        this.payloadKeys = payloadKeys;
        this.temporalAddress = temporalAddress;
        this.apiKey = apiKey;
        this.temporal = temporal;
        this.emulator = emulator;
        this.context = context;
        this.apiPort = apiPort;
        this.embeddedTemporal = temporal != null;
    }

    public static Platform start(PlatformOptions options) throws IOException {
        return start(options, builder -> { });
    }

    /**
     * @param customizer adds to the Spring context before it starts (e.g. {@code ivr soak}'s timing filter on the
     *                   callback endpoint)
     */
    public static Platform start(PlatformOptions options, Consumer<SpringApplicationBuilder> customizer)
            throws IOException {
        // Before anything starts: a malformed IVR_PAYLOAD_KEYS is reported as itself, not as a failed Spring context.
        PayloadKeyFile.Source payloadKeys = PayloadKeyFile.forPlatform(System.getenv());
        EmbeddedTemporal temporal = null;
        AcsEmulator emulator = null;
        try {
            int apiPort = options.apiPort() == 0 ? Ports.free() : options.apiPort();
            String publicUrl = options.publicUrl() != null ? options.publicUrl() : "http://127.0.0.1:" + apiPort;
            String temporalAddress = options.temporalAddress();
            if (temporalAddress == null) {
                temporal = EmbeddedTemporal.start(options.temporalPort() == 0 ? Ports.free() : options.temporalPort(),
                        options.retention());
                temporalAddress = temporal.address();
            }
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", apiPort);
            properties.put("server.address", "127.0.0.1");
            properties.put("spring.main.banner-mode", "off");
            // springdoc warns at every start that /api/openapi.json and /api/docs are on: they are, on purpose.
            properties.put("logging.level.org.springdoc.core.events.SpringDocAppInitializer", "ERROR");
            properties.put("spring.temporal.connection.target", temporalAddress);
            properties.put("ivr.flows-dir", options.flowsDir().toString());
            properties.put("ivr.acs.callback-base-url", publicUrl);
            // Sticky caching stays on for this JVM's own worker, also on the embedded server. That server never
            // hands a dead worker's calls to another (temporal-notes §1), but this worker can only die with it.
            // Without the cache every workflow task replays the call's whole history (docs/benchmarks.md, soak).
            // Separate `ivr worker` processes on the embedded server turn it off (WorkerCommand).
            properties.put("ivr.worker.sticky", "true");
            if (!options.runsWorker()) {
                // Separate `ivr worker` processes poll for call work; this JVM only starts calls and signals them.
                properties.put("spring.temporal.start-workers", "false");
            }
            options.routes().forEach((number, flow) -> properties.put("ivr.routes[" + number + "]", flow));
            if (!PayloadEncryption.ENVIRONMENT.equals(payloadKeys.from())) {
                properties.put(PayloadEncryption.PROPERTY, payloadKeys.keys().format()); // else Spring reads the variable
            }
            // The management API's key: IVR_API_KEYS when set (comma-separated), else one made for this run.
            String configuredKeys = System.getenv("IVR_API_KEYS");
            String apiKey;
            if (configuredKeys != null && !configuredKeys.isBlank()) {
                apiKey = configuredKeys.split(",")[0].trim();
            } else {
                apiKey = newApiKey();
                properties.put("ivr.api.keys", apiKey);
            }
            // The media URLs' token secret: IVR_MEDIA_TOKEN_SECRET when set (several workers must share one), else one
            // made for this run.
            String mediaSecret = System.getenv("IVR_MEDIA_TOKEN_SECRET");
            if (mediaSecret == null || mediaSecret.isBlank()) {
                properties.put("ivr.media.token-secret", newApiKey());
            }
            if (options.acsConnection() != null) {
                properties.put("ivr.acs.connection-string", options.acsConnection());
            } else {
                emulator = AcsEmulator.start(new EmulatorOptions(0, null, URI.create(publicUrl + "/api/events"),
                        options.emulatorTimeScale(), Faults.none()));
                emulator.forgetEndedCalls(options.retention());
                properties.put("ivr.acs.connection-string", emulator.connectionString());
                properties.put("ivr.acs.trusted-certificate", emulator.certificatePemFile().toString());
                // Callbacks carry the emulator's JWT: verify it against the emulator's published keys and resource id.
                properties.put("ivr.acs.callback-auth.openid-configuration", emulator.openIdConfigurationUri().toString());
                properties.put("ivr.acs.callback-auth.issuer", emulator.callbackIssuer());
                properties.put("ivr.acs.callback-auth.audience", emulator.resourceId());
                // The emulator's media sockets carry the same signed token: require and verify it, as in production.
                properties.put("ivr.media.require-acs-token", "true");
                // Only the emulator's scripted calls may set a call's clock.
                properties.put("ivr.test-clock", "true");
                // Outbound calls placed without 'from' come from the emulator's demo number, unless configured.
                if (System.getenv("IVR_OUTBOUND_CALLERID") == null) {
                    properties.put("ivr.outbound.caller-id", DEMO_CALLER_ID);
                }
            }
            SpringApplicationBuilder builder = new SpringApplicationBuilder(ApiApplication.class, WorkerApplication.class)
                    .web(WebApplicationType.SERVLET);
            customizer.accept(builder);
            ConfigurableApplicationContext context = builder.run(asArguments(properties));
            if (temporal != null) {
                // `ivr calls` / `ivr inspect` started in this directory find the embedded server here.
                TemporalAddressFile.write(temporal.address());
            }
            return new Platform(temporal, emulator, context, apiPort, temporalAddress, apiKey, payloadKeys);
        } catch (RuntimeException | IOException e) {
            if (emulator != null) {
                emulator.close();
            }
            if (temporal != null) {
                temporal.close();
            }
            throw e;
        }
    }

    /** 32 random bytes, URL-safe base64: a key (or secret) nobody guesses. */
    private static String newApiKey() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** As command-line arguments: they outrank the modules' own defaults, which default properties would not. */
    private static String[] asArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public WorkflowClient workflowClient() {
        return context.getBean(WorkflowClient.class);
    }

    /** Where the key Temporal payloads are encrypted with came from: {@code IVR_PAYLOAD_KEYS} or the key file. */
    public String payloadKeysFrom() {
        return payloadKeys.from();
    }

    /** Decrypts payloads in what Temporal returns raw (a history), with this platform's keys. */
    public PayloadTreeDecoder payloadDecoder() {
        return new PayloadTreeDecoder(new PayloadEncryption(payloadKeys.keys()).codec());
    }

    /** The embedded Temporal server, or null when a cluster is used (or once stopped). */
    public EmbeddedTemporal embeddedTemporal() {
        return temporal;
    }

    /** The local ACS emulator, or null when a real ACS resource is used. */
    public AcsEmulator emulator() {
        return emulator;
    }

    public int apiPort() {
        return apiPort;
    }

    /** A key the management API accepts ({@code Authorization: Bearer KEY}). */
    public String apiKey() {
        return apiKey;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** A client of this platform's management API. */
    public ApiClient apiClient() {
        return new ApiClient(apiUrl(), apiKey);
    }

    /** {@code host:port} of the Temporal server in use: the embedded one, or the cluster's. */
    public String temporalAddress() {
        return temporalAddress;
    }

    /**
     * The arguments an {@code ivr worker} process needs to do this platform's call work: the Temporal address, the
     * emulator's connection string and certificate (when the emulator runs here), the callback base URL, and no
     * sticky cache on the embedded server. The connection string holds the emulator's key: print it only to the
     * person who started the platform.
     */
    public java.util.List<String> workerArguments() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--temporal", temporalAddress));
        if (emulator != null) {
            args.addAll(java.util.List.of("--acs", emulator.connectionString(),
                    "--trust", emulator.certificatePemFile().toString()));
        }
        args.addAll(java.util.List.of("--callback-url", context.getEnvironment().getProperty("ivr.acs.callback-base-url")));
        if (embeddedTemporal) {
            args.add("--no-sticky");
        }
        return args;
    }

    /**
     * The environment an {@code ivr worker} process needs besides {@link #workerArguments()}: the media URLs' token
     * secret ({@code IVR_MEDIA_TOKEN_SECRET}), which every worker must share with this platform. A secret, so it goes
     * through the environment, never on a command line other users can list.
     */
    public Map<String, String> workerEnvironment() {
        return Map.of("IVR_MEDIA_TOKEN_SECRET", context.getEnvironment().getProperty("ivr.media.token-secret", ""));
    }

    @Override
    public void close() {
        close(part -> { });
    }

    /**
     * Stops the parts one after the other, telling {@code stopped} after each: {@code "API and worker"}, then
     * {@code "emulator"} (when there is one), then {@code "Temporal"} (when embedded). {@code ivr soak} weighs the
     * heap in between.
     */
    public synchronized void close(Consumer<String> stopped) {
        context.close();
        stopped.accept("API and worker");
        if (emulator != null) {
            emulator.close();
            emulator = null;
            stopped.accept("emulator");
        }
        if (temporal != null) {
            TemporalAddressFile.deleteIf(temporal.address());
            temporal.close();
            temporal = null;
            stopped.accept("Temporal");
        }
    }
}
