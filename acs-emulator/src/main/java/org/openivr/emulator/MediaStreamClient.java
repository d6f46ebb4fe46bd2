package org.openivr.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACS as the media-streaming WebSocket client of one call (acs-wire §5.1, §5.2, §8 item 11): connects to the call's
 * {@code transportUrl} with {@code x-ms-call-connection-id}, {@code x-ms-call-correlation-id} and
 * {@code Authorization: Bearer <JWT>}, sends {@code AudioMetadata}, then one {@code AudioData} text frame per 20 ms of
 * the caller's audio ({@link StreamAudio}), and a {@code TranscriptionData} packet after each thing the caller says.
 *
 * <p>Emulator rules (not documented by ACS): only the caller's audio is streamed, in mixed and unmixed mode alike
 * (whether ACS mixes the app's own prompts into the stream is unconfirmed, and a stream that echoed prompts would
 * barge in on itself); in unmixed mode frames carry the caller's {@code participantRawID}, in mixed mode none;
 * transcripts travel on the media socket (ACS uses a separate transcription socket). Frames are paced at 20 ms of
 * simulated time (scaled like every emulator duration), but each frame's PCM is always 20 ms of real-rate audio.
 * Frames without sound and without background noise are sent with {@code "silent": true} and zero samples. The
 * bearer token is the emulator's signed ACS token ({@link CallbackTokens}: RS256, its JWKS at {@code /calling/keys};
 * it lives 5 minutes, where ACS's WebSocket token lives 24 h), or, without one, an RS256 token signed with a key of
 * its own.
 */
final class MediaStreamClient {
  private static final Logger log = LoggerFactory.getLogger(MediaStreamClient.class);
  static final Duration FRAME = Duration.ofMillis(20);
  /** Frames render this far behind "now" so a sound that starts now is never cut at its start. */
  private static final long LAG_NANOS = Duration.ofMillis(60).toNanos();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final ScheduledExecutorService PACER = Executors.newScheduledThreadPool(1, runnable -> {
    Thread t = new Thread(runnable, "acs-emulator-media");
    t.setDaemon(true);
    return t;
  });
  private static volatile KeyPair signingKey;

  private final EmulatedCall call;
  private final MediaStreamingOptions options;
  private final String subscriptionId;
  private final int rate;
  private final StreamAudio audio;
  private final short[] frame;
  private final byte[] bytes;
  private final CallAudio.SoundListener listener = this::heard;
  private final java.util.Queue<String> transcripts = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.Queue<long[]> pendingTranscriptEnds = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.Map<Long, String> transcriptText = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile WebSocket socket;
  private volatile boolean closed;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> pacer;
  private long origin;
  private long frames;
  /** Simulated time up to which the caller's audio has been sent; read from the simulation thread. */
  private volatile long sentUntil = -1;

  MediaStreamClient(EmulatedCall call, MediaStreamingOptions options, String subscriptionId) {
    this.call = call;
    this.options = options;
    this.subscriptionId = subscriptionId;
    this.rate = "pcm24KMono".equals(options.audioFormat()) ? 24_000 : 16_000;
    this.audio = new StreamAudio(rate, call.correlationId.hashCode());
    this.frame = new short[rate / 50];
    this.bytes = new byte[frame.length * 2];
  }

  /**
   * Whether the emulator opens a real socket to this URL: only to loopback addresses (this emulator never streams
   * audio off the machine); for any other host streaming is acknowledged without audio, as before.
   */
  static boolean streamsTo(URI url) {
    String host = url.getHost();
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(java.util.Locale.ROOT);
    // By name only: no DNS lookup on the simulation thread.
    return host.equals("localhost") || host.equals("[::1]") || host.equals("::1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /** Connects asynchronously; exactly one of the callbacks runs (not on the simulation thread). */
  void connect(Runnable connected, Consumer<Throwable> failed) {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .header("x-ms-call-connection-id", call.callConnectionId())
        .header("x-ms-call-correlation-id", call.correlationId)
        .header("Authorization", "Bearer " + (call.bearerToken() != null ? call.bearerToken() : token()));
    builder.buildAsync(options.transportUrl(), new WebSocket.Listener() {
      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        log.debug("{} media stream error: {}", call.callConnectionId(), error.toString());
        closed = true;
      }

      @Override
      public java.util.concurrent.CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
      }
    }).whenComplete((ws, error) -> {
      if (error != null) {
        failed.accept(error);
        return;
      }
      synchronized (this) {
        if (closed) {
          ws.sendClose(WebSocket.NORMAL_CLOSURE, "stopped");
          return;
        }
        socket = ws;
        origin = call.audio.now() - LAG_NANOS;
        call.audio.listen(listener);
        send(metadata());
        long period = Math.max(1, call.sim.scaled(FRAME).toNanos());
        pacer = PACER.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
      }
      log.info("{} media stream to {} open ({} Hz, {})", call.callConnectionId(), options.transportUrl(), rate,
          options.audioChannelType());
      connected.run();
    });
  }

  /** Stops streaming and closes the socket (stop, hang-up). */
  synchronized void close() {
    if (closed && socket == null) {
      return;
    }
    closed = true;
    call.audio.unlisten(listener);
    if (pacer != null) {
      pacer.cancel(false);
    }
    WebSocket ws = socket;
    socket = null;
    if (ws != null) {
      sending = sending.handle((r, e) -> null).thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "stopped"));
      log.info("{} media stream closed after {} frames", call.callConnectionId(), frames);
    }
  }

  /**
   * Whether every frame up to simulated time {@code simulated} has been sent (with the transcripts that ended by
   * then). Frames go out behind "now" and fall further behind when this machine is busy.
   */
  boolean sentThrough(long simulated) {
    return sentUntil >= simulated;
  }

  private void heard(CallAudio.Segment segment, String text) {
    if (segment.party() != CallAudio.Party.CALLER) {
      return;
    }
    synchronized (this) {
      if (segment.sound() == CallAudio.Sound.DTMF) {
        audio.key(segment.tone(), segment.start(), segment.length());
      } else if (segment.sound() == CallAudio.Sound.SPEECH) {
        audio.speech(segment.start(), segment.length());
        if (text != null) {
          pendingTranscriptEnds.add(new long[] {segment.start(), segment.end()});
          transcriptText.put(segment.start(), text);
        }
      }
    }
  }

  private synchronized void tick() {
    if (closed || socket == null) {
      return;
    }
    // Catch up if the pacer fell behind, but never render the future.
    long due = call.audio.now() - LAG_NANOS;
    int guard = 0;
    while (origin + (frames + 1) * FRAME.toNanos() <= due && guard++ < 10) {
      long from = origin + frames * FRAME.toNanos();
      boolean audible = audio.render(from, frame, call.audio.callerNoise());
      send(audioData(from, audible));
      frames++;
      sentUntil = origin + frames * FRAME.toNanos();
      long now = from + FRAME.toNanos();
      for (long[] span; (span = pendingTranscriptEnds.peek()) != null && span[1] <= now; ) {
        pendingTranscriptEnds.poll();
        String text = transcriptText.remove(span[0]);
        if (text != null) {
          send(transcript(text, span[0], span[1]));
        }
      }
    }
  }

  private void send(String json) {
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    sending = sending.thenCompose(x -> ws.sendText(json, true)).exceptionally(e -> {
      if (!closed) {
        log.info("{} media stream send failed: {}", call.callConnectionId(), e.toString());
        closed = true;
      }
      return null;
    });
  }

  private String metadata() {
    ObjectNode root = Json.object();
    root.put("kind", "AudioMetadata");
    ObjectNode m = root.putObject("audioMetadata");
    m.put("subscriptionId", subscriptionId);
    m.put("encoding", "PCM");
    m.put("sampleRate", rate);
    m.put("channels", 1);
    m.put("length", frame.length * 2);
    return root.toString();
  }

  private String audioData(long from, boolean audible) {
    ObjectNode root = Json.object();
    root.put("kind", "AudioData");
    ObjectNode a = root.putObject("audioData");
    a.put("timestamp", call.audio.instant(from).toString());
    if ("unmixed".equals(options.audioChannelType())) {
      a.put("participantRawID", call.controls.callerRawId());
    }
    if (audible) {
      for (int i = 0; i < frame.length; i++) {
        bytes[2 * i] = (byte) frame[i];
        bytes[2 * i + 1] = (byte) (frame[i] >> 8);
      }
    } else {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    a.put("data", Base64.getEncoder().encodeToString(bytes));
    a.put("silent", !audible);
    return root.toString();
  }

  private String transcript(String text, long start, long end) {
    ObjectNode root = Json.object();
    root.put("kind", "TranscriptionData");
    ObjectNode t = root.putObject("transcriptionData");
    t.put("text", text);
    t.put("format", "display");
    t.put("confidence", 0.93);
    t.put("offset", start / 100);
    t.put("duration", (end - start) / 100);
    t.putArray("words");
    t.put("participantRawID", call.controls.callerRawId());
    t.put("resultStatus", "Final");
    return root.toString();
  }

  /** An RS256 JWT like the one ACS sends on the upgrade (24 h, new per connection). */
  private String token() {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"acs-emulator\"}"
        .getBytes(StandardCharsets.UTF_8));
    String payload = url.encodeToString(("{\"iss\":\"https://acscallautomation.communication.azure.com\","
        + "\"aud\":\"acs-emulator\",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 86_400) + "}")
        .getBytes(StandardCharsets.UTF_8));
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key().getPrivate());
      rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + url.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the media stream token", e);
    }
  }

  private static KeyPair key() throws NoSuchAlgorithmException {
    KeyPair key = signingKey;
    if (key == null) {
      synchronized (MediaStreamClient.class) {
        if (signingKey == null) {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(2048);
          signingKey = generator.generateKeyPair();
        }
        key = signingKey;
      }
    }
    return key;
  }
}
