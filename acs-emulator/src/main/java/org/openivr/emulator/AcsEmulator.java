package org.openivr.emulator;

// ACS has no local emulator and no test double that speaks its wire protocol; this is one, for
// demos and tests: a real HTTPS service the official SDK talks to, with scripted callers.

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Azure Communication Services Call Automation service: HTTPS on 127.0.0.1 with a
 * self-signed certificate, HMAC-checked requests, the status codes and bodies of the real service,
 * callback events as CloudEvents, IncomingCall through Event Grid, and callers that follow a script.
 *
 * <pre>{@code
 * try (AcsEmulator acs = AcsEmulator.start(EmulatorOptions.defaults(URI.create("http://localhost:8080/api/events")))) {
 *   String correlationId = acs.placeCall(ScriptedCaller.of("alice", "+14255550123", "+18005550100",
 *       new CallerStep.Press("1#")));
 * }
 * }</pre>
 */
public final class AcsEmulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AcsEmulator.class);

  private final EmulatorOptions options;
  private final String accessKey;
  private final SelfSignedCertificate certificate;
  private final HttpsServer server;
  private final ExecutorService serverThreads;
  private final Simulation sim;
  private final CallbackDelivery delivery;
  private final EventGridPublisher eventGrid;
  private final CallAutomationService service;
  private final Ledger ledger = new Ledger();
  private final URI endpoint;
  private final CallbackTokens callbackTokens;
  private volatile Faults faults;
  private Path pemFile;
  private boolean closed;

  private AcsEmulator(EmulatorOptions options) throws IOException {
    this.options = options;
    this.faults = options.faults();
    this.accessKey = options.accessKey() != null ? options.accessKey() : randomKey();
    this.certificate = SelfSignedCertificate.generate();
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    this.sim = new Simulation(options.timeScale());
    this.callbackTokens = new CallbackTokens(options.callbackIssuer(), UUID.randomUUID().toString(), Clock.systemUTC());
    this.delivery = new CallbackDelivery(http, () -> faults, callbackTokens::current);
    this.service = new CallAutomationService(sim, delivery, ledger, () -> faults);
    HttpFrontEnd frontEnd = new HttpFrontEnd(new HmacAuth(accessKey), sim, service, ledger, callbackTokens);
    AtomicInteger threadNumber = new AtomicInteger();
    this.serverThreads = Executors.newCachedThreadPool(runnable -> {
      Thread t = new Thread(runnable, "acs-emulator-http-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port()), 128);
    } catch (IOException e) {
      close();
      throw e;
    }
    server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    server.setExecutor(serverThreads);
    server.createContext("/", frontEnd);
    server.start();
    int port = server.getAddress().getPort();
    frontEnd.port(port);
    this.endpoint = URI.create("https://localhost:" + port + "/");
    this.eventGrid = new EventGridPublisher(http, () -> faults, endpoint);
    service.recordings().publishTo(endpoint, eventGrid, options.eventGridWebhook());
    log.info("ACS emulator listening on {} (time scale {})", endpoint, options.timeScale());
  }

  /** Starts an emulator; close it when done. */
  public static AcsEmulator start(EmulatorOptions options) throws IOException {
    return new AcsEmulator(Objects.requireNonNull(options, "options"));
  }

  private static String randomKey() {
    byte[] key = new byte[64];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** {@code endpoint=https://localhost:PORT/;accesskey=BASE64KEY}, as the SDK builders take it. */
  public String connectionString() {
    return "endpoint=" + endpoint + ";accesskey=" + accessKey;
  }

  /** {@code https://localhost:PORT/}. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * The emulator's fake ACS resource id (a GUID made at start): the {@code aud} of the JWT on every callback POST,
   * as a real resource's immutable id is (acs-wire 7.2).
   */
  public String resourceId() {
    return callbackTokens.resourceId();
  }

  /** The {@code iss} of the JWT on every callback POST ({@link EmulatorOptions#callbackIssuer()}). */
  public String callbackIssuer() {
    return callbackTokens.issuer();
  }

  /**
   * {@code https://localhost:PORT/calling/.well-known/acsopenidconfiguration}: names the issuer and the JWKS that
   * verify callback tokens, like ACS's own document. Served without authentication over the emulator's HTTPS.
   */
  public URI openIdConfigurationUri() {
    return CallbackTokens.openIdConfigurationUri(endpoint);
  }

  /** {@code https://localhost:PORT/calling/keys}: the public key that signs callback tokens, as a JWKS. */
  public URI jwksUri() {
    return CallbackTokens.jwksUri(endpoint);
  }

  /** A callback token as the next POST would carry it (tests send their own callbacks with it). */
  public String callbackToken() {
    return callbackTokens.current();
  }

  /**
   * A token signed with the emulator's callback key but with any issuer, audience and times: tests prove that
   * expired or other-resource tokens are refused.
   */
  public String callbackToken(String issuer, String audience, Instant issuedAt, Duration lifetime) {
    return callbackTokens.mint(issuer, audience, issuedAt, lifetime);
  }

  /** The PEM of the emulator's self-signed certificate: clients should trust exactly this. */
  public String certificatePem() {
    return certificate.pem();
  }

  /** {@link #certificatePem()} written to a temporary file (deleted on close). */
  public synchronized Path certificatePemFile() {
    if (pemFile == null) {
      try {
        Path file = Files.createTempFile("acs-emulator-", ".pem");
        Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
        file.toFile().deleteOnExit();
        pemFile = file;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the emulator's certificate", e);
      }
    }
    return pemFile;
  }

  /**
   * Makes a call ring: validates the Event Grid webhook (first time only), then posts
   * {@code Microsoft.Communication.IncomingCall} to it. Once the app answers, the caller follows its
   * script.
   *
   * @return the call's correlationId
   * @throws IllegalStateException if no webhook is configured, or the handshake or delivery failed
   */
  public String placeCall(ScriptedCaller caller) {
    Objects.requireNonNull(caller, "caller");
    URI webhook = options.eventGridWebhook();
    if (webhook == null) {
      throw new IllegalStateException("Cannot place a call: EmulatorOptions.eventGridWebhook is not set.");
    }
    EmulatedCall call = sim.call(() -> service.ring(caller));
    try {
      eventGrid.ensureValidated(webhook);
      eventGrid.publishIncomingCall(webhook, call);
    } catch (RuntimeException e) {
      sim.execute(() -> call.abandon("IncomingCall was not delivered"));
      throw e instanceof IllegalStateException ? e : new IllegalStateException(e.getMessage(), e);
    }
    return call.correlationId;
  }

  /**
   * Registers the callee of a coming outbound call: the next create call to {@code callee.fromPhone()} reaches it,
   * and {@code answer} decides what its phone does (pick up after a while, busy, no answer, decline). Once
   * connected, the callee follows {@code callee.steps()} like a caller. {@code callee.toPhone()} is not checked: the
   * callee hears the call come from the create's {@code sourceCallerIdNumber}. Several registrations for one number
   * are used in order. A create call to a number nobody registered answers after 1 s and stays silent.
   */
  public void expectCallee(ScriptedCaller callee, CalleeAnswer answer) {
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(answer, "answer");
    sim.call(() -> {
      service.expectCallee(callee, answer);
      return null;
    });
  }

  /** How many registered callees no create call has reached yet. */
  public int pendingCallees() {
    return sim.call(service::pendingCallees);
  }

  /** The call with this correlationId, as it is now. */
  public Optional<EmulatedCallView> call(String correlationId) {
    return service.view(correlationId);
  }

  /** Every operation executed so far. */
  public Ledger ledger() {
    return ledger;
  }

  /** Everything heard so far on the call with this correlationId, for tests in this package. */
  List<CallAudio.Segment> sounds(String correlationId) {
    return sim.call(() -> service.audioOf(correlationId).snapshot());
  }

  /** Call recording, for tests in this package (e.g. a smaller chunk size). */
  RecordingService recordings() {
    return service.recordings();
  }

  /**
   * From now on, forgets a call {@code keep} after it was disconnected (checked every quarter of {@code keep}, at
   * least a second and at most a minute apart), as ACS does; {@link #call} then finds it no more. By default the
   * emulator keeps every call, which tests read after the end; a long run (ivr soak, serve) would grow with each one.
   */
  public void forgetEndedCalls(Duration keep) {
    if (keep.isNegative()) {
      throw new IllegalArgumentException("keep must not be negative: " + keep);
    }
    Duration quarter = keep.dividedBy(4);
    Duration every = quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
        : quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
    sim.every(every, () -> service.forgetEnded(keep, System.nanoTime()));
  }

  /** Changes the faults from now on (delivery faults apply to events posted from now on). */
  public void setFaults(Faults faults) {
    this.faults = faults == null ? Faults.none() : faults;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.stop(0);
    }
    serverThreads.shutdownNow();
    sim.close();
    service.recordings().close();
    delivery.close();
    if (pemFile != null) {
      try {
        Files.deleteIfExists(pemFile);
      } catch (IOException e) {
        log.debug("Could not delete {}: {}", pemFile, e.toString());
      }
    }
  }
}
