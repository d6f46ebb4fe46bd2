package org.openivr.emulator;

// ACS has no local emulator; this reproduces call recording: the REST operations with their exact
// status codes and bodies (acs-wire 1.4, 2.5), RecordingStateChanged (3.4), and the files with their
// Event Grid notification RecordingFileStatusUpdated (4.4, 8 item 12).

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call recording. {@link #execute} runs on the simulation thread; rendering files and posting the Event Grid
 * event happen on a thread of their own.
 *
 * <ul>
 *   <li>{@code POST /calling/recordings}: 200 {@code {"recordingId","recordingState":"inactive"}}; a moment
 *       later ({@link #ACTIVATION_DELAY}) RecordingStateChanged {@code active}, or {@code inactive} when
 *       {@code pauseOnStart}. {@code pauseOnStart} and {@code externalStorage} need api-version 2024-04-15 or
 *       later, {@code callConnectionId} instead of {@code callLocator} 2025-06-15. A second recording of a call
 *       that is still being recorded: 409 8553.</li>
 *   <li>{@code GET /calling/recordings/{id}}: 200 with the state; {@code DELETE} (stop): 204;
 *       {@code :pause} / {@code :resume}: 202, with RecordingStateChanged when the state changes. A stopped
 *       recording, or one whose call ended, is gone: 404 8522 "Recording not found.".</li>
 *   <li>RecordingStateChanged goes to {@code recordingStateCallbackUri}, else the call's callback URI.</li>
 *   <li>After stop or the call's end, if the recording was ever active, its audio is rendered
 *       ({@link RecordingAudio}) into WAV chunks of at most {@link #DEFAULT_MAX_CHUNK} each, served by
 *       {@link RecordingObjects}, and {@link #FILE_DELAY} later {@code Microsoft.Communication.RecordingFileStatusUpdated}
 *       is posted to the Event Grid webhook.</li>
 * </ul>
 */
final class RecordingService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RecordingService.class);

  /** The operations this class executes (ledger names). */
  static final Set<String> OPERATIONS =
      Set.of("startRecording", "getRecording", "stopRecording", "pauseRecording", "resumeRecording");
  /** First api-version with {@code pauseOnStart} and {@code externalStorage} (acs-wire 2.0). */
  static final String PAUSE_AND_STORAGE_VERSION = "2024-04-15";
  static final String CALL_CONNECTION_ID_VERSION = "2025-06-15";
  static final String RECORDING_KIND_VERSION = "2024-09-15";
  /** From start until RecordingStateChanged (simulated). */
  static final Duration ACTIVATION_DELAY = Duration.ofMillis(300);
  /** From stop (or the call's end) until RecordingFileStatusUpdated (simulated). */
  static final Duration FILE_DELAY = Duration.ofSeconds(2);
  /** Longer recordings are split into chunks of this much audio (simulated). */
  static final Duration DEFAULT_MAX_CHUNK = Duration.ofMinutes(30);
  /** The ACS resource's immutable id that metadata names. */
  static final String RESOURCE_ID = "00000000-0000-0000-0000-00000000ac5e";
  private static final ResultInformation OK = new ResultInformation(200, 0, "");
  private static final int PUBLISH_ATTEMPTS = 5;

  private final Simulation sim;
  private final Function<String, EmulatedCall> byServerCallId;
  private final Function<String, EmulatedCall> byCallConnectionId;
  private final RecordingObjects objects;
  private final Map<String, EmulatedRecording> live = new HashMap<>();
  private final ScheduledExecutorService files;
  private volatile URI endpoint;
  private volatile EventGridPublisher eventGrid;
  private volatile URI webhook;
  private volatile Duration maxChunk = DEFAULT_MAX_CHUNK;

  RecordingService(Simulation sim, Ledger ledger, Function<String, EmulatedCall> byServerCallId,
      Function<String, EmulatedCall> byCallConnectionId) {
    this.sim = sim;
    this.byServerCallId = byServerCallId;
    this.byCallConnectionId = byCallConnectionId;
    this.objects = new RecordingObjects(ledger);
    this.files = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "acs-emulator-recordings");
      t.setDaemon(true);
      return t;
    });
  }

  /** Where files are served from and where RecordingFileStatusUpdated goes ({@code null}: nowhere). */
  void publishTo(URI emulatorEndpoint, EventGridPublisher publisher, URI eventGridWebhook) {
    this.endpoint = emulatorEndpoint;
    this.eventGrid = publisher;
    this.webhook = eventGridWebhook;
  }

  /** For tests: chunk recordings longer than this (simulated). */
  void maxChunkDuration(Duration duration) {
    this.maxChunk = duration;
  }

  RecordingObjects objects() {
    return objects;
  }

  /**
   * Executes one recording operation. Simulation thread.
   *
   * @param recordingId the recording in the path, or {@code null} for start
   * @param found       told the call the request acts on as soon as it is known (for the ledger)
   */
  CallAutomationService.Response execute(String operation, String recordingId, String apiVersion, byte[] body,
      Consumer<EmulatedCall> found) {
    if (operation.equals("startRecording")) {
      return start(apiVersion, body, found);
    }
    EmulatedRecording recording = recordingId == null ? null : live.get(recordingId);
    if (recording == null) {
      throw new AcsException(404, "8522", "Recording not found.");
    }
    found.accept(recording.call);
    return switch (operation) {
      case "getRecording" -> json(200, state(recording, apiVersion));
      case "stopRecording" -> {
        end(recording, "RecordingStopped", true);
        yield empty(204);
      }
      case "pauseRecording" -> {
        boolean wasPending = recording.cancelActivation();
        if (recording.deactivate() || wasPending) {
          emitState(recording);
        }
        yield empty(202);
      }
      case "resumeRecording" -> {
        recording.cancelActivation();
        if (recording.activate()) {
          emitState(recording);
        }
        yield empty(202);
      }
      default -> throw new IllegalStateException("No recording operation " + operation);
    };
  }

  private CallAutomationService.Response start(String apiVersion, byte[] bytes, Consumer<EmulatedCall> found) {
    JsonNode body = object(bytes);
    EmulatedCall call = locate(body, apiVersion);
    found.accept(call);
    URI stateCallbackUri = MediaOperation.optionalUri(Json.text(body, "recordingStateCallbackUri"),
        "recordingStateCallbackUri");
    String content = oneOf(body, "recordingContentType", Set.of("audio", "audioVideo"), "audioVideo");
    String channel = oneOf(body, "recordingChannelType", Set.of("mixed", "unmixed"), "mixed");
    String format = oneOf(body, "recordingFormatType", Set.of("wav", "mp3", "mp4"),
        content.equals("audioVideo") ? "mp4" : "wav");
    if (content.equals("audioVideo") && (!channel.equals("mixed") || !format.equals("mp4"))) {
      throw AcsException.badRequest("An audioVideo recording is mixed and mp4; got " + channel + " " + format + ".");
    }
    if (content.equals("audio") && format.equals("mp4")) {
      throw AcsException.badRequest("An audio recording is wav or mp3; mp4 needs recordingContentType audioVideo.");
    }
    if (channel.equals("unmixed") && !format.equals("wav")) {
      throw AcsException.badRequest("An unmixed recording is wav; got " + format + ".");
    }
    List<String> ordering = new ArrayList<>();
    JsonNode orderingNode = body.get("audioChannelParticipantOrdering");
    if (orderingNode != null && !orderingNode.isNull()) {
      if (!orderingNode.isArray()) {
        throw AcsException.badRequest("audioChannelParticipantOrdering must be an array of identifiers.");
      }
      for (JsonNode id : orderingNode) {
        ordering.add(Participant.parse(id, "audioChannelParticipantOrdering[]").rawId());
      }
    }
    Map<Integer, String> affinity = channelAffinity(body.get("channelAffinity"));
    boolean pauseOnStart = false;
    JsonNode pause = body.get("pauseOnStart");
    if (pause != null && !pause.isNull()) {
      requireVersion(apiVersion, PAUSE_AND_STORAGE_VERSION, "pauseOnStart");
      if (!pause.isBoolean()) {
        throw AcsException.badRequest("pauseOnStart must be true or false.");
      }
      pauseOnStart = pause.asBoolean();
    }
    String storageKind = "azureCommunicationServices";
    String containerUrl = null;
    JsonNode storage = body.get("externalStorage");
    if (storage != null && !storage.isNull()) {
      requireVersion(apiVersion, PAUSE_AND_STORAGE_VERSION, "externalStorage");
      storageKind = oneOf(storage, "recordingStorageKind", Set.of("azureCommunicationServices", "azureBlobStorage"),
          null);
      if (storageKind == null) {
        throw AcsException.badRequest("externalStorage.recordingStorageKind is required.");
      }
      if (storageKind.equals("azureBlobStorage")) {
        containerUrl = Json.text(storage, "recordingDestinationContainerUrl");
        if (containerUrl == null || containerUrl.isBlank()) {
          throw AcsException.badRequest("externalStorage.recordingDestinationContainerUrl is required for "
              + "azureBlobStorage.");
        }
        MediaOperation.optionalUri(containerUrl, "externalStorage.recordingDestinationContainerUrl");
      }
    }
    for (EmulatedRecording other : live.values()) {
      if (other.call == call) {
        throw new AcsException(409, "8553", "Duplicate recording request: the call is already being recorded ("
            + other.id + ").");
      }
    }
    List<CallAudio.Party> channels = channel.equals("mixed") ? List.of(CallAudio.Party.CALLER, CallAudio.Party.IVR)
        : channelOrder(call, ordering, affinity);
    EmulatedRecording recording = new EmulatedRecording(newRecordingId(), call, apiVersion, stateCallbackUri, content,
        channel, format, channels, pauseOnStart, storageKind, containerUrl);
    live.put(recording.id, recording);
    call.audio.onEnd(() -> end(recording, "CallEnded", false));
    recording.activation = sim.after(ACTIVATION_DELAY, () -> {
      recording.activation = null;
      if (!recording.pauseOnStart) {
        recording.activate();
      }
      emitState(recording);
    });
    log.info("{} recording {} started: {} {} {}{}{}{}", call.callConnectionId(), recording.id, content, channel,
        format, channel.equals("unmixed") ? " channels " + rawIds(call, channels) : "",
        pauseOnStart ? " paused" : "", containerUrl != null ? " storage " + containerUrl : "");
    ObjectNode response = Json.object();
    response.put("recordingId", recording.id);
    response.put("recordingState", "inactive");
    if (apiVersion.compareTo(RECORDING_KIND_VERSION) >= 0) {
      response.put("recordingKind", "azureCommunicationServices");
    }
    return json(200, response);
  }

  private EmulatedCall locate(JsonNode body, String apiVersion) {
    JsonNode locator = body.get("callLocator");
    String callConnectionId = Json.text(body, "callConnectionId");
    EmulatedCall call;
    if (locator != null && locator.isObject()) {
      String kind = Json.text(locator, "kind");
      if (kind != null && !kind.equals("serverCallLocator")) {
        throw new AcsException(400, "8520", "callLocator kind '" + kind
            + "' is not supported by the emulator; use a serverCallLocator.");
      }
      String serverCallId = Json.text(locator, "serverCallId");
      if (serverCallId == null || serverCallId.isBlank()) {
        throw AcsException.badRequest("callLocator.serverCallId is required.");
      }
      call = byServerCallId.apply(serverCallId);
    } else if (callConnectionId != null) {
      requireVersion(apiVersion, CALL_CONNECTION_ID_VERSION, "callConnectionId (instead of callLocator)");
      call = byCallConnectionId.apply(callConnectionId);
    } else {
      throw AcsException.badRequest("callLocator is required.");
    }
    if (call == null || call.state() != EmulatedCall.State.CONNECTED) {
      throw AcsException.callNotFound();
    }
    return call;
  }

  private static Map<Integer, String> channelAffinity(JsonNode node) {
    Map<Integer, String> affinity = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return affinity;
    }
    if (!node.isArray()) {
      throw AcsException.badRequest("channelAffinity must be an array.");
    }
    for (JsonNode entry : node) {
      JsonNode channel = entry.get("channel");
      if (channel == null || !channel.isIntegralNumber() || channel.asInt() < 0 || channel.asInt() > 4) {
        throw AcsException.badRequest("channelAffinity[].channel must be an integer in 0..4: " + entry);
      }
      String rawId = Participant.parse(entry.get("participant"), "channelAffinity[].participant").rawId();
      if (affinity.putIfAbsent(channel.asInt(), rawId) != null) {
        throw AcsException.badRequest("channelAffinity names channel " + channel.asInt() + " twice.");
      }
    }
    return affinity;
  }

  /**
   * Unmixed channel order: channel affinity first (a participant on the channel it names), then
   * {@code audioChannelParticipantOrdering} in its order, then everyone else in call order (caller, IVR).
   * Identifiers of nobody in the call are ignored.
   */
  static List<CallAudio.Party> channelOrder(EmulatedCall call, List<String> ordering, Map<Integer, String> affinity) {
    Map<String, CallAudio.Party> parties = Map.of(
        "4:" + call.caller.fromPhone(), CallAudio.Party.CALLER, "4:" + call.caller.toPhone(), CallAudio.Party.IVR);
    CallAudio.Party[] slots = new CallAudio.Party[parties.size()];
    List<CallAudio.Party> placed = new ArrayList<>();
    affinity.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      CallAudio.Party party = parties.get(e.getValue());
      if (party == null) {
        log.info("{} channel affinity names {}, who is not in the call; ignored", call.callConnectionId(), e.getValue());
      } else if (e.getKey() < slots.length && slots[e.getKey()] == null && !placed.contains(party)) {
        slots[e.getKey()] = party;
        placed.add(party);
      }
    });
    List<CallAudio.Party> rest = new ArrayList<>();
    for (String rawId : ordering) {
      CallAudio.Party party = parties.get(rawId);
      if (party == null) {
        log.info("{} channel ordering names {}, who is not in the call; ignored", call.callConnectionId(), rawId);
      } else if (!placed.contains(party) && !rest.contains(party)) {
        rest.add(party);
      }
    }
    for (CallAudio.Party party : CallAudio.Party.values()) {
      if (!placed.contains(party) && !rest.contains(party)) {
        rest.add(party);
      }
    }
    for (int i = 0, next = 0; i < slots.length; i++) {
      if (slots[i] == null) {
        slots[i] = rest.get(next++);
      }
    }
    return List.of(slots);
  }

  private static String rawIdOf(EmulatedCall call, CallAudio.Party party) {
    return "4:" + (party == CallAudio.Party.CALLER ? call.caller.fromPhone() : call.caller.toPhone());
  }

  private static List<String> rawIds(EmulatedCall call, List<CallAudio.Party> parties) {
    return parties.stream().map(p -> rawIdOf(call, p)).toList();
  }

  /** Opaque like a real one: base64 of {@code {"PlatformEndpointId":...,"ResourceSpecificId":...}}. */
  private static String newRecordingId() {
    String json = "{\"PlatformEndpointId\":\"" + UUID.randomUUID() + "\",\"ResourceSpecificId\":\"" + UUID.randomUUID()
        + "\"}";
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private ObjectNode state(EmulatedRecording recording, String apiVersion) {
    ObjectNode node = Json.object();
    node.put("recordingId", recording.id);
    node.put("recordingState", recording.active() ? "active" : "inactive");
    if (apiVersion.compareTo(RECORDING_KIND_VERSION) >= 0) {
      node.put("recordingKind", "azureCommunicationServices");
    }
    return node;
  }

  private void emitState(EmulatedRecording recording) {
    if (recording.call.state() != EmulatedCall.State.CONNECTED) {
      return;
    }
    String state = recording.active() ? "active" : "inactive";
    log.info("{} recording {} is {}", recording.call.callConnectionId(), recording.id, state);
    recording.call.emit("RecordingStateChanged", recording.stateCallbackUri, recording.apiVersion, null, OK, data -> {
      data.put("recordingId", recording.id);
      data.put("state", state);
      data.put("startDateTime", Json.cloudEventTime(recording.requestedAt));
      if (recording.apiVersion.compareTo(RECORDING_KIND_VERSION) >= 0) {
        data.put("recordingKind", "azureCommunicationServices");
      }
    });
  }

  /** Stopped by the app, or the call ended: the recording is gone, and its files follow if it heard anything. */
  private void end(EmulatedRecording recording, String reason, boolean tellTheApp) {
    if (recording.stopped()) {
      return;
    }
    boolean wasActive = recording.active();
    recording.stop();
    live.remove(recording.id);
    if (tellTheApp && wasActive) {
      emitState(recording);
    }
    List<RecordingAudio.Interval> intervals = recording.intervals();
    long frames = intervals.stream().mapToLong(RecordingAudio.Interval::frames).sum();
    if (frames == 0) {
      log.info("{} recording {} ended ({}) without ever being active: no file", recording.call.callConnectionId(),
          recording.id, reason);
      return;
    }
    Finished finished = new Finished(recording, reason, intervals, recording.call.audio.snapshot(),
        recording.call.correlationId, recording.call.serverCallId, recording.call.callConnectionId(),
        rawIds(recording.call, recording.channels), recording.call.audio.instant(intervals.get(0).start()),
        intervals.stream().map(i -> recording.call.audio.instant(i.end())).toList());
    files.execute(() -> produce(finished));
  }

  /** Everything {@link #produce} needs, taken on the simulation thread. */
  private record Finished(EmulatedRecording recording, String reason, List<RecordingAudio.Interval> intervals,
      List<CallAudio.Segment> segments, String correlationId, String serverCallId, String callConnectionId,
      List<String> channelRawIds, Instant startedAt, List<Instant> intervalEnds) {}

  /** Renders and stores the chunks, then announces them. Recording thread. */
  private void produce(Finished f) {
    EmulatedRecording r = f.recording();
    try {
      short[][] pcm = RecordingAudio.render(f.segments(), f.intervals(), r.mixed() ? null : r.channels);
      int total = pcm[0].length;
      int perChunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, RecordingAudio.framesOf(maxChunk.toNanos())));
      String mediaKind = r.contentType.equals("audioVideo") ? "video" : "audio";
      ArrayNode chunks = Json.MAPPER.createArrayNode();
      int index = 0;
      for (int from = 0; from < total; from += perChunk, index++) {
        int to = Math.min(total, from + perChunk);
        String documentId = "0-emu-d1-" + UUID.randomUUID().toString().replace("-", "");
        Path file = objects.newFile(documentId);
        try (OutputStream out = Files.newOutputStream(file)) {
          RecordingAudio.writeWav(out, pcm, from, to);
        }
        byte[] metadata = Json.write(metadata(f, documentId, index, from, to, pcm.length)).getBytes(StandardCharsets.UTF_8);
        objects.put(new RecordingObjects.StoredChunk(documentId, r.id, f.callConnectionId(), index, mediaKind, file,
            metadata, Instant.now()));
        URI base = endpoint.resolve(RecordingObjects.PATH_PREFIX + documentId);
        ObjectNode chunk = chunks.addObject();
        chunk.put("documentId", documentId);
        chunk.put("index", index);
        chunk.put("endReason", to == total ? "SessionEnded" : "ChunkMaximumSizeExceeded");
        chunk.put("contentLocation", base + "/content/" + mediaKind);
        chunk.put("metadataLocation", base + "/content/acsmetadata");
        chunk.put("deleteLocation", base.toString());
      }
      log.info("{} recording {} ended ({}): {} chunk(s), {} ms of audio in {} channel(s)", f.callConnectionId(), r.id,
          f.reason(), index, total * 1000L / RecordingAudio.SAMPLE_RATE, pcm.length);
      ObjectNode event = fileStatusEvent(f, chunks, total * 1000L / RecordingAudio.SAMPLE_RATE);
      files.schedule(() -> publish(event, f, 1), sim.scaled(FILE_DELAY).toNanos(), TimeUnit.NANOSECONDS);
    } catch (IOException | RuntimeException e) {
      log.error("{} recording {}: writing its files failed", f.callConnectionId(), r.id, e);
    }
  }

  /** The chunk's {@code acsmetadata} (acs-wire 2.5, with the field values where they belong). */
  private ObjectNode metadata(Finished f, String documentId, int index, int fromFrame, int toFrame, int channels) {
    EmulatedRecording r = f.recording();
    ObjectNode node = Json.object();
    node.put("resourceId", RESOURCE_ID);
    node.put("callId", f.correlationId());
    node.put("chunkDocumentId", documentId);
    node.put("chunkIndex", index);
    node.put("chunkStartTime", Json.cloudEventTime(r.call.audio.instant(simulatedTimeOf(f.intervals(), fromFrame))));
    node.put("chunkDuration", (toFrame - fromFrame) * 1000L / RecordingAudio.SAMPLE_RATE);
    ArrayNode pauses = node.putArray("pauseResumeIntervals");
    long position = 0;
    for (int i = 0; i + 1 < f.intervals().size(); i++) {
      position += f.intervals().get(i).frames();
      if (position > fromFrame && position <= toFrame) {
        ObjectNode pause = pauses.addObject();
        pause.put("startTime", Json.cloudEventTime(f.intervalEnds().get(i)));
        pause.put("duration", (f.intervals().get(i + 1).start() - f.intervals().get(i).end()) / 1_000_000);
      }
    }
    ObjectNode info = node.putObject("recordingInfo");
    info.put("contentType", r.contentType);
    info.put("channelType", r.channelType);
    info.put("format", r.formatType);
    ObjectNode audio = info.putObject("audioConfiguration");
    audio.put("sampleRate", RecordingAudio.SAMPLE_RATE);
    audio.put("bitRate", RecordingAudio.SAMPLE_RATE * RecordingAudio.BITS * channels);
    audio.put("channels", channels);
    ArrayNode participants = node.putArray("participants");
    for (int c = 0; c < f.channelRawIds().size(); c++) {
      ObjectNode participant = participants.addObject();
      participant.put("participantId", f.channelRawIds().get(c));
      if (!r.mixed()) {
        participant.put("channel", c);
      }
    }
    ObjectNode emulator = node.putObject("emulator");
    emulator.put("servedFormat", "wav");
    emulator.put("note", "The ACS emulator synthesizes the call's audio (prompts as tones or a speech-like buzz, "
        + "keys as DTMF) and always serves 16 kHz 16-bit PCM WAV, whatever format was requested.");
    if (r.containerUrl != null) {
      emulator.put("requestedContainer", r.containerUrl);
    }
    return node;
  }

  /** The simulated time at which frame {@code frame} of the recording was heard. */
  private static long simulatedTimeOf(List<RecordingAudio.Interval> intervals, long frame) {
    long before = 0;
    for (RecordingAudio.Interval interval : intervals) {
      if (frame < before + interval.frames()) {
        return interval.start() + (frame - before) * 1_000_000_000L / RecordingAudio.SAMPLE_RATE;
      }
      before += interval.frames();
    }
    return intervals.get(intervals.size() - 1).end();
  }

  /** {@code Microsoft.Communication.RecordingFileStatusUpdated} in Event Grid schema (acs-wire 4.4). */
  private static ObjectNode fileStatusEvent(Finished f, ArrayNode chunks, long durationMs) {
    EmulatedRecording r = f.recording();
    ObjectNode event = Json.object();
    event.put("id", UUID.randomUUID().toString());
    event.put("topic", EventGridPublisher.TOPIC);
    event.put("subject", "/recording/call/" + f.correlationId() + "/serverCallId/" + f.serverCallId()
        + "/recordingId/" + r.id);
    ObjectNode data = event.putObject("data");
    data.putObject("recordingStorageInfo").set("recordingChunks", chunks);
    data.put("recordingStartTime", Json.cloudEventTime(f.startedAt()));
    data.put("recordingDurationMs", durationMs);
    data.put("recordingContentType", r.contentType.equals("audioVideo") ? "AudioVideo" : "Audio");
    data.put("recordingChannelType", capitalized(r.channelType));
    data.put("recordingFormatType", capitalized(r.formatType));
    data.put("sessionEndReason", f.reason());
    data.put("recordingId", r.id);
    data.put("storageType", "ACS");
    event.put("eventType", "Microsoft.Communication.RecordingFileStatusUpdated");
    event.put("dataVersion", "1.0");
    event.put("metadataVersion", "1");
    event.put("eventTime", Json.eventGridTime(Instant.now()));
    return event;
  }

  private static String capitalized(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private void publish(ObjectNode event, Finished f, int attempt) {
    URI target = webhook;
    if (target == null || eventGrid == null) {
      log.warn("{} recording {}: no Event Grid webhook, so RecordingFileStatusUpdated is not sent",
          f.callConnectionId(), f.recording().id);
      return;
    }
    try {
      eventGrid.publish(target, event);
      log.info("{} recording {}: RecordingFileStatusUpdated delivered to {}", f.callConnectionId(), f.recording().id,
          target);
    } catch (RuntimeException e) {
      if (attempt >= PUBLISH_ATTEMPTS) {
        log.warn("{} recording {}: RecordingFileStatusUpdated not delivered after {} attempts: {}",
            f.callConnectionId(), f.recording().id, attempt, e.getMessage());
        return;
      }
      long backoff = 500L << (attempt - 1);
      log.info("{} recording {}: RecordingFileStatusUpdated not delivered ({}); again in {} ms", f.callConnectionId(),
          f.recording().id, e.getMessage(), backoff);
      files.schedule(() -> publish(event, f, attempt + 1), backoff, TimeUnit.MILLISECONDS);
    }
  }

  private static void requireVersion(String apiVersion, String first, String what) {
    if (apiVersion.compareTo(first) < 0) {
      throw AcsException.badRequest(what + " needs api-version " + first + " or later; this request used "
          + apiVersion + ".");
    }
  }

  private static String oneOf(JsonNode node, String field, Set<String> allowed, String fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual() || !allowed.contains(value.asText())) {
      throw AcsException.badRequest(field + " must be one of " + allowed.stream().sorted().toList() + ": " + value);
    }
    return value.asText();
  }

  private static JsonNode object(byte[] body) {
    if (body.length == 0) {
      throw AcsException.badRequest("A JSON request body is required.");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw AcsException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw AcsException.badRequest("The request body cannot be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw AcsException.badRequest("The request body must be a JSON object.");
    }
    return node;
  }

  private static CallAutomationService.Response json(int status, JsonNode body) {
    return new CallAutomationService.Response(status, Json.write(body),
        Map.of("Content-Type", "application/json; charset=utf-8"));
  }

  private static CallAutomationService.Response empty(int status) {
    return new CallAutomationService.Response(status, null, Map.of());
  }

  @Override
  public void close() {
    files.shutdownNow();
    objects.close();
  }
}
