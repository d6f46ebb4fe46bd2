package org.openivr.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Call recording in the emulator over real HTTPS: operations, state events, files, download and delete. */
class RecordingEmulatorTest {

  static final double TIME_SCALE = 0.1;
  static final String CALLER = "+14255550123";
  static final String IVR = "+18005550100";
  static final String NEW_API = "2025-06-15";

  static HttpSink app;
  static AcsEmulator acs;
  static SignedClient client;

  @BeforeAll
  static void start() throws Exception {
    app = new HttpSink();
    acs = AcsEmulator.start(EmulatorOptions.defaults(app.uri("/api/events")).withTimeScale(TIME_SCALE));
    client = new SignedClient(acs);
  }

  @AfterAll
  static void stop() {
    acs.close();
    app.close();
  }

  @Test
  void startPauseResumeStopWithTheirStateEvents() throws Exception {
    Call call = connect();

    SignedClient.Reply started = client.post("/calling/recordings", startBody(call, "mixed", "wav",
        ",\"recordingStateCallbackUri\":\"" + app.uri("/api/recording-state") + "\""));

    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String id = started.json().get("recordingId").asText();
    assertThat(started.json().get("recordingState").asText()).isEqualTo("inactive");
    assertThat(new String(Base64.getDecoder().decode(id), StandardCharsets.UTF_8)).contains("\"PlatformEndpointId\"");
    assertThat(started.header("X-Microsoft-Skype-Chain-ID")).isEqualTo(call.correlationId);
    JsonNode active = awaitState(id, 1);
    assertThat(active.at("/data/state").asText()).isEqualTo("active");
    assertThat(active.at("/data/callConnectionId").asText()).isEqualTo(call.id);
    assertThat(get(id).json().get("recordingState").asText()).isEqualTo("active");

    assertThat(client.post(path(id) + ":pause", "").status()).isEqualTo(202);
    assertThat(awaitState(id, 2).at("/data/state").asText()).isEqualTo("inactive");
    assertThat(get(id).json().get("recordingState").asText()).isEqualTo("inactive");
    assertThat(client.post(path(id) + ":pause", "").status()).isEqualTo(202); // already paused: no event
    assertThat(client.post(path(id) + ":resume", "").status()).isEqualTo(202);
    assertThat(awaitState(id, 3).at("/data/state").asText()).isEqualTo("active");

    assertThat(client.delete(path(id)).status()).isEqualTo(204);
    assertThat(awaitState(id, 4).at("/data/state").asText()).isEqualTo("inactive");
    SignedClient.Reply gone = get(id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).isEqualTo("{\"error\":{\"code\":\"8522\",\"message\":\"Recording not found.\"}}");
    assertThat(client.post(path(id) + ":resume", "").status()).isEqualTo(404);
    assertThat(stateEvents(id)).hasSize(4);
    assertThat(stateEvents(id)).allSatisfy(e -> assertThat(e.at("/data/recordingId").asText()).isEqualTo(id));

    assertThat(acs.ledger().entries(call.id).stream().map(LedgerEntry::operation).distinct().toList())
        .contains("startRecording", "getRecording", "pauseRecording", "resumeRecording", "stopRecording");
    assertThat(acs.ledger().count(call.id, "startRecording")).isEqualTo(1);

    JsonNode files = awaitFiles(id);
    assertThat(files.get("subject").asText())
        .isEqualTo("/recording/call/" + call.correlationId + "/serverCallId/" + call.serverCallId + "/recordingId/" + id);
    assertThat(files.at("/data/recordingChannelType").asText()).isEqualTo("Mixed");
    assertThat(files.at("/data/sessionEndReason").asText()).isEqualTo("RecordingStopped");
    assertThat(wav(download(files.at("/data/recordingStorageInfo/recordingChunks/0/contentLocation").asText()).body())
        .channels).isEqualTo(1);
    hangUp(call);
  }

  @Test
  void pauseOnStartNeedsANewerApiVersionAndNoFileComesOfANeverActiveRecording() throws Exception {
    Call call = connect();

    SignedClient.Reply old = client.post("/calling/recordings",
        startBody(call, "mixed", "wav", ",\"pauseOnStart\":true"));
    SignedClient.Reply started = client.post("/calling/recordings", NEW_API,
        startBody(call, "mixed", "wav", ",\"pauseOnStart\":true"));

    assertThat(old.status()).isEqualTo(400);
    assertThat(old.json().at("/error/message").asText()).contains("pauseOnStart needs api-version 2024-04-15");
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    assertThat(started.json().get("recordingKind").asText()).isEqualTo("azureCommunicationServices");
    String id = started.json().get("recordingId").asText();
    JsonNode state = app.awaitEvent(call.id, "RecordingStateChanged"); // no state URI: the call's callback URI
    assertThat(state.at("/data/state").asText()).isEqualTo("inactive");
    assertThat(state.at("/data/version").asText()).isEqualTo(NEW_API);
    assertThat(client.delete(path(id)).status()).isEqualTo(204);

    HttpSink.sleep(600); // files would come 2 s (0.2 s here) after the stop
    assertThat(fileEvents(id)).isEmpty();
    hangUp(call);
  }

  @Test
  void aRepeatedStartRunsOnceAndASecondRecordingOfTheCallIsRefused() throws Exception {
    Call call = connect();
    String requestId = UUID.randomUUID().toString();
    Map<String, String> repeatability = Map.of("Repeatability-Request-ID", requestId,
        "Repeatability-First-Sent", "Mon, 16 Jun 2025 20:52:30 GMT");

    SignedClient.Reply first = client.send("POST", "/calling/recordings", SignedClient.API_VERSION,
        startBody(call, "mixed", "mp3", ""), repeatability);
    SignedClient.Reply again = client.send("POST", "/calling/recordings", SignedClient.API_VERSION,
        startBody(call, "mixed", "mp3", ""), repeatability);
    SignedClient.Reply other = client.send("POST", "/calling/recordings", SignedClient.API_VERSION,
        startBody(call, "mixed", "mp3", ""), Map.of("Repeatability-Request-ID", UUID.randomUUID().toString(),
            "Repeatability-First-Sent", "Mon, 16 Jun 2025 20:52:31 GMT"));

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.header("Repeatability-Result")).isEqualTo("accepted");
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().at("/error/code").asText()).isEqualTo("8553");
    assertThat(acs.ledger().entries(call.id).stream()
        .filter(e -> e.operation().equals("startRecording") && e.status() == 200)).hasSize(1);
    hangUp(call);
  }

  @Test
  void unmixedHasOneChannelPerParticipantInTheRequestedOrder() throws Exception {
    // IVR first by audioChannelParticipantOrdering, then the caller.
    Wav ivrFirst = recordPromptAndKey(",\"audioChannelParticipantOrdering\":[" + phone(IVR) + "]");
    // Caller on channel 0 by channel affinity.
    Wav callerFirst = recordPromptAndKey(",\"channelAffinity\":[{\"channel\":0,\"participant\":" + phone(CALLER) + "}]");

    assertThat(ivrFirst.channels).isEqualTo(2);
    assertThat(ivrFirst.sampleRate).isEqualTo(16_000);
    assertThat(ivrFirst.bits).isEqualTo(16);
    assertThat(ivrFirst.participants).containsExactly("4:" + IVR, "4:" + CALLER);
    assertThat(callerFirst.participants).containsExactly("4:" + CALLER, "4:" + IVR);
    assertThat(heardPrompt(ivrFirst, 0)).isTrue();
    assertThat(heardKeyFive(ivrFirst, 1)).isTrue();
    assertThat(heardPrompt(ivrFirst, 1)).isFalse();
    assertThat(heardKeyFive(ivrFirst, 0)).isFalse();
    assertThat(heardKeyFive(callerFirst, 0)).isTrue();
    assertThat(heardPrompt(callerFirst, 1)).isTrue();
    assertThat(heardPrompt(callerFirst, 0)).isFalse();
  }

  @Test
  void downloadHonoursRangeAndDeleteRemovesTheChunk() throws Exception {
    Call call = connect();
    String id = client.post("/calling/recordings", startBody(call, "mixed", "wav", "")).json().get("recordingId").asText();
    awaitActive(call);
    HttpSink.sleep(100);
    hangUp(call); // the call's end ends the recording too
    JsonNode files = awaitFiles(id);
    assertThat(files.at("/data/sessionEndReason").asText()).isEqualTo("CallEnded");
    JsonNode chunk = files.at("/data/recordingStorageInfo/recordingChunks/0");
    String content = chunk.get("contentLocation").asText();
    assertThat(content).startsWith(acs.endpoint().resolve("/v1/objects/").toString()).endsWith("/content/audio");

    HttpResponse<byte[]> whole = download(content);
    int size = whole.body().length;
    HttpResponse<byte[]> head = download(content, "bytes=0-43");
    HttpResponse<byte[]> tail = download(content, "bytes=-10");
    HttpResponse<byte[]> open = download(content, "bytes=40-");
    HttpResponse<byte[]> past = download(content, "bytes=" + size + "-");
    HttpResponse<byte[]> unsigned = HttpClient.newBuilder().sslContext(trusting(acs)).build()
        .send(HttpRequest.newBuilder(URI.create(content)).build(), HttpResponse.BodyHandlers.ofByteArray());

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.headers().firstValue("Content-Type")).hasValue("audio/wav");
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(new String(whole.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(head.statusCode()).isEqualTo(206);
    assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-43/" + size);
    assertThat(head.body()).isEqualTo(java.util.Arrays.copyOfRange(whole.body(), 0, 44));
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole.body(), size - 10, size));
    assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 40-" + (size - 1) + "/" + size);
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + size);
    assertThat(unsigned.statusCode()).isEqualTo(401);

    HttpResponse<byte[]> metadata = download(chunk.get("metadataLocation").asText());
    assertThat(metadata.statusCode()).isEqualTo(200);
    JsonNode meta = HttpSink.MAPPER.readTree(metadata.body());
    assertThat(meta.get("chunkDocumentId").asText()).isEqualTo(chunk.get("documentId").asText());
    assertThat(meta.get("callId").asText()).isEqualTo(call.correlationId);
    assertThat(meta.at("/recordingInfo/audioConfiguration/channels").asInt()).isEqualTo(1);

    String delete = chunk.get("deleteLocation").asText();
    assertThat(send("DELETE", delete, null).statusCode()).isEqualTo(200);
    assertThat(download(content).statusCode()).isEqualTo(404);
    assertThat(download(chunk.get("metadataLocation").asText()).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", delete, null).statusCode()).isEqualTo(404);
    assertThat(acs.ledger().entries(call.id).stream().filter(e -> e.operation().equals("deleteRecording"))
        .map(LedgerEntry::status).toList()).containsExactly(200);
  }

  @Test
  void aLongRecordingComesInSeveralChunks() throws Exception {
    acs.recordings().maxChunkDuration(Duration.ofMillis(1000));
    try {
      Call call = connect();
      String id = client.post("/calling/recordings", startBody(call, "mixed", "wav", "")).json().get("recordingId")
          .asText();
      awaitActive(call);
      HttpSink.sleep(450); // about 4.5 s of simulated audio
      assertThat(client.delete(path(id)).status()).isEqualTo(204);

      JsonNode chunks = awaitFiles(id).at("/data/recordingStorageInfo/recordingChunks");
      assertThat(chunks.size()).isGreaterThanOrEqualTo(3);
      for (int i = 0; i < chunks.size(); i++) {
        assertThat(chunks.get(i).get("index").asInt()).isEqualTo(i);
        assertThat(chunks.get(i).get("endReason").asText())
            .isEqualTo(i == chunks.size() - 1 ? "SessionEnded" : "ChunkMaximumSizeExceeded");
        assertThat(download(chunks.get(i).get("contentLocation").asText()).statusCode()).isEqualTo(200);
      }
      hangUp(call);
    } finally {
      acs.recordings().maxChunkDuration(RecordingService.DEFAULT_MAX_CHUNK);
    }
  }

  @Test
  void invalidRequestsAreRefusedWithTheReason() throws Exception {
    Call call = connect();

    SignedClient.Reply unmixedMp3 = client.post("/calling/recordings", startBody(call, "unmixed", "mp3", ""));
    SignedClient.Reply badChannel = client.post("/calling/recordings", startBody(call, "unmixed", "wav",
        ",\"channelAffinity\":[{\"channel\":7,\"participant\":" + phone(CALLER) + "}]"));
    SignedClient.Reply videoUnmixed = client.post("/calling/recordings",
        startBody(call, "unmixed", "mp4", "").replace("\"audio\"", "\"audioVideo\""));
    SignedClient.Reply noContainer = client.post("/calling/recordings", NEW_API, startBody(call, "mixed", "wav",
        ",\"externalStorage\":{\"recordingStorageKind\":\"azureBlobStorage\"}"));
    SignedClient.Reply unknownCall = client.post("/calling/recordings",
        "{\"callLocator\":{\"kind\":\"serverCallLocator\",\"serverCallId\":\"nope\"}}");
    SignedClient.Reply byConnectionOld = client.post("/calling/recordings",
        "{\"callConnectionId\":\"" + call.id + "\"}");

    assertThat(List.of(unmixedMp3, badChannel, videoUnmixed, noContainer, byConnectionOld))
        .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(400));
    assertThat(unmixedMp3.json().at("/error/message").asText()).contains("unmixed recording is wav");
    assertThat(badChannel.json().at("/error/message").asText()).contains("0..4");
    assertThat(noContainer.json().at("/error/message").asText()).contains("recordingDestinationContainerUrl");
    assertThat(unknownCall.status()).isEqualTo(404);

    SignedClient.Reply byConnection = client.post("/calling/recordings", NEW_API,
        "{\"callConnectionId\":\"" + call.id + "\",\"recordingContentType\":\"audio\",\"recordingFormatType\":\"wav\","
            + "\"externalStorage\":{\"recordingStorageKind\":\"azureBlobStorage\","
            + "\"recordingDestinationContainerUrl\":\"https://acct.blob.core.windows.net/recordings\"}}");
    assertThat(byConnection.status()).as(byConnection.body()).isEqualTo(200);
    hangUp(call);
  }

  @Test
  void recordingRoutesCarryTheDecodedRecordingId() {
    assertThat(Route.parse("POST", "/calling/recordings")).isEqualTo(new Route("startRecording", null, true, true));
    assertThat(Route.parse("GET", "/calling/recordings/ab%2Bc%2Fd%3D"))
        .isEqualTo(new Route("getRecording", null, true, false, "ab+c/d="));
    assertThat(Route.parse("DELETE", "/calling/recordings/ab+c=").recordingId()).isEqualTo("ab+c=");
    assertThat(Route.parse("POST", "/calling/recordings/x%3D:resume"))
        .isEqualTo(new Route("resumeRecording", null, true, false, "x="));
    assertThat(RecordingObjects.range("bytes=0-9", 100)).containsExactly(0, 9);
    assertThat(RecordingObjects.range("bytes=90-200", 100)).containsExactly(90, 99);
    assertThat(RecordingObjects.range("bytes=-0", 100)).isEmpty();
    assertThat(RecordingObjects.range("bytes=0-1,5-6", 100)).isNull();
    assertThat(RecordingObjects.range("items=0-1", 100)).isNull();
  }

  // ---- helpers ------------------------------------------------------------------------------------

  record Call(String correlationId, String id, String serverCallId) {}

  static Call connect(CallerStep... steps) throws Exception {
    String correlationId = acs.placeCall(ScriptedCaller.of("rec", CALLER, IVR, steps));
    String context = app.awaitIncomingCall(correlationId).at("/data/incomingCallContext").asText();
    SignedClient.Reply answer = client.post("/calling/callConnections:answer",
        "{\"incomingCallContext\":\"" + context + "\",\"callbackUri\":\"" + app.uri("/api/callbacks/rec") + "\"}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    Call call = new Call(correlationId, answer.json().get("callConnectionId").asText(),
        answer.json().get("serverCallId").asText());
    app.awaitEvent(call.id, "CallConnected");
    return call;
  }

  static void hangUp(Call call) throws Exception {
    client.post("/calling/callConnections/" + call.id + ":terminate", "");
  }

  static String phone(String e164) {
    return "{\"rawId\":\"4:" + e164 + "\",\"phoneNumber\":{\"value\":\"" + e164 + "\"}}";
  }

  static String startBody(Call call, String channel, String format, String extra) {
    return "{\"callLocator\":{\"kind\":\"serverCallLocator\",\"serverCallId\":\"" + call.serverCallId + "\"},"
        + "\"recordingContentType\":\"audio\",\"recordingChannelType\":\"" + channel + "\",\"recordingFormatType\":\""
        + format + "\"" + extra + "}";
  }

  static String path(String recordingId) {
    return "/calling/recordings/" + java.net.URLEncoder.encode(recordingId, StandardCharsets.UTF_8);
  }

  static SignedClient.Reply get(String recordingId) throws Exception {
    return client.get(path(recordingId));
  }

  static List<JsonNode> stateEvents(String recordingId) {
    return app.received().stream().filter(r -> r.path().equals("/api/recording-state"))
        .map(r -> r.json().get(0))
        .filter(e -> e.at("/data/recordingId").asText().equals(recordingId)).toList();
  }

  static JsonNode awaitState(String recordingId, int count) {
    return HttpSink.await(() -> stateEvents(recordingId).size() >= count ? stateEvents(recordingId).get(count - 1)
        : null, "RecordingStateChanged #" + count + " of " + recordingId);
  }

  static void awaitActive(Call call) {
    HttpSink.awaitTrue(() -> app.events(call.id).stream().anyMatch(e -> e.get("type").asText()
        .endsWith("RecordingStateChanged") && e.at("/data/state").asText().equals("active")), "recording active");
  }

  static List<JsonNode> fileEvents(String recordingId) {
    return app.received().stream().filter(r -> "Notification".equals(r.aegEventType()))
        .map(r -> r.json().get(0))
        .filter(e -> e.get("eventType").asText().equals("Microsoft.Communication.RecordingFileStatusUpdated"))
        .filter(e -> e.at("/data/recordingId").asText().equals(recordingId)).toList();
  }

  static JsonNode awaitFiles(String recordingId) {
    JsonNode event = HttpSink.await(() -> fileEvents(recordingId).stream().findFirst().orElse(null),
        "RecordingFileStatusUpdated of " + recordingId);
    assertThat(event.get("dataVersion").asText()).isEqualTo("1.0");
    assertThat(event.at("/data/recordingStorageInfo/recordingChunks/0/metadataLocation").asText())
        .endsWith("/content/acsmetadata");
    return event;
  }

  /** Records a call on which the IVR plays a file prompt and the caller presses 5; returns the WAV. */
  static Wav recordPromptAndKey(String order) throws Exception {
    Call call = connect(new CallerStep.Press("5"));
    SignedClient.Reply started = client.post("/calling/recordings", startBody(call, "unmixed", "wav", order));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String id = started.json().get("recordingId").asText();
    awaitActive(call);
    SignedClient.Reply recognize = client.post("/calling/callConnections/" + call.id + ":recognize", """
        {"recognizeInputType":"dtmf","playPrompt":{"kind":"file","file":{"uri":"https://cdn.example.com/menu.wav"}},
         "recognizeOptions":{"interruptPrompt":true,"initialSilenceTimeoutInSeconds":5,
           "targetParticipant":%s,"dtmfOptions":{"maxTonesToCollect":1}}}""".formatted(phone(CALLER)));
    assertThat(recognize.status()).as(recognize.body()).isEqualTo(202);
    app.awaitEvent(call.id, "RecognizeCompleted");
    HttpSink.sleep(150); // the 1 s prompt goes on (0.1 s at this time scale)
    assertThat(client.delete(path(id)).status()).isEqualTo(204);
    JsonNode chunk = awaitFiles(id).at("/data/recordingStorageInfo/recordingChunks/0");
    JsonNode meta = HttpSink.MAPPER.readTree(download(chunk.get("metadataLocation").asText()).body());
    assertThat(meta.at("/participants").size()).isEqualTo(2);
    Wav wav = wav(download(chunk.get("contentLocation").asText()).body());
    wav.participants = List.of(meta.at("/participants/0/participantId").asText(),
        meta.at("/participants/1/participantId").asText());
    hangUp(call);
    return wav;
  }

  static boolean heardPrompt(Wav wav, int channel) {
    return wav.power(channel, 440) > 10 * wav.power(channel, 770) && wav.power(channel, 440) > 1;
  }

  static boolean heardKeyFive(Wav wav, int channel) {
    return wav.power(channel, 770) > 10 * wav.power(channel, 440) && wav.power(channel, 1336) > 1;
  }

  static final class Wav {
    int channels;
    int sampleRate;
    int bits;
    short[][] samples;
    List<String> participants;

    /** Goertzel power at one frequency over the whole channel. */
    double power(int channel, double frequency) {
      double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
      double s1 = 0;
      double s2 = 0;
      for (short sample : samples[channel]) {
        double s0 = sample / 32768.0 + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
      }
      return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }
  }

  static Wav wav(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(new String(bytes, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
    Wav wav = new Wav();
    wav.channels = b.getShort(22);
    wav.sampleRate = b.getInt(24);
    wav.bits = b.getShort(34);
    int dataBytes = b.getInt(40);
    assertThat(dataBytes).isEqualTo(bytes.length - 44);
    int frames = dataBytes / (2 * wav.channels);
    wav.samples = new short[wav.channels][frames];
    for (int f = 0; f < frames; f++) {
      for (int c = 0; c < wav.channels; c++) {
        wav.samples[c][f] = b.getShort(44 + (f * wav.channels + c) * 2);
      }
    }
    return wav;
  }

  static HttpResponse<byte[]> download(String url) throws Exception {
    return send("GET", url, null);
  }

  static HttpResponse<byte[]> download(String url, String range) throws Exception {
    return send("GET", url, range);
  }

  /** A request signed as the SDK signs recording downloads: the path of the URL, the emulator's host. */
  static HttpResponse<byte[]> send(String method, String url, String range) throws Exception {
    URI uri = URI.create(url);
    byte[] key = Base64.getDecoder().decode(SignedClient.connectionStringPart(acs.connectionString(), "accesskey"));
    String date = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
        .format(ZonedDateTime.now(ZoneOffset.UTC));
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
    String toSign = method + "\n" + uri.getRawPath() + "\n" + date + ";" + uri.getHost() + ":" + uri.getPort() + ";"
        + hash;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("x-ms-date", date)
        .header("x-ms-content-sha256", hash)
        .header("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
            + Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8))));
    if (range != null) {
      request.header("Range", range);
    }
    return HttpClient.newBuilder().sslContext(trusting(acs)).version(HttpClient.Version.HTTP_1_1).build()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static SSLContext trusting(AcsEmulator emulator) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("acs-emulator", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(emulator.certificatePem().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, factory.getTrustManagers(), null);
    return tls;
  }
}
