package org.openivr.emulator;

// ACS has no local emulator; this reproduces its recording storage front end (acs-wire 2.5 "Download
// and delete", 7.3): HMAC-signed GET of content and metadata with Range, and DELETE.

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording files the emulator holds, under {@code /v1/objects/{documentId}}:
 * <ul>
 *   <li>{@code GET .../content/audio} (or {@code .../content/video} for an audio-video recording): the media,
 *       {@code audio/wav}; {@code Range: bytes=a-b | a- | -n} gives 206 with {@code Content-Range}, a range
 *       that starts past the end gives 416 with {@code Content-Range: bytes *}{@code /size}; several ranges or a
 *       malformed header are ignored (200, whole file);</li>
 *   <li>{@code GET .../content/acsmetadata}: the chunk's metadata JSON (Range works the same);</li>
 *   <li>{@code DELETE /v1/objects/{documentId}}: 200, content and metadata gone; again: 404 with no body.</li>
 * </ul>
 * Requests are HMAC-checked by {@link HttpFrontEnd} before they get here. Any thread.
 */
final class RecordingObjects implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RecordingObjects.class);
  static final String PATH_PREFIX = "/v1/objects/";
  private static final Pattern CONTENT = Pattern.compile("/v1/objects/([^/]+)/content/(audio|video|acsmetadata)");
  private static final Pattern OBJECT = Pattern.compile("/v1/objects/([^/]+)");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /**
   * One chunk: its media file, its metadata, and what the ledger needs to know.
   *
   * @param mediaKind {@code audio} or {@code video}: the last segment of its content path
   */
  record StoredChunk(String documentId, String recordingId, String callConnectionId, int index, String mediaKind,
      Path content, byte[] metadata, Instant storedAt) {}

  private final Ledger ledger;
  private final Map<String, StoredChunk> chunks = new ConcurrentHashMap<>();
  private Path directory;

  RecordingObjects(Ledger ledger) {
    this.ledger = ledger;
  }

  /** A fresh file for a chunk's media, in the emulator's own temporary directory. */
  synchronized Path newFile(String documentId) {
    try {
      if (directory == null) {
        directory = Files.createTempDirectory("acs-emulator-recordings-");
      }
      return directory.resolve(documentId + ".wav");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the emulator's recording directory", e);
    }
  }

  void put(StoredChunk chunk) {
    chunks.put(chunk.documentId(), chunk);
  }

  /** Whether the chunk is still held (not deleted). */
  boolean holds(String documentId) {
    return chunks.containsKey(documentId);
  }

  /** Answers one request under {@link #PATH_PREFIX}; the caller closes the exchange. */
  void serve(HttpExchange exchange, String method, String rawPath) throws IOException {
    Matcher content = CONTENT.matcher(rawPath);
    Matcher object = OBJECT.matcher(rawPath);
    if (method.equals("GET") && content.matches()) {
      String documentId = Route.percentDecode(content.group(1));
      String part = content.group(2);
      StoredChunk chunk = chunks.get(documentId);
      if (chunk == null || (!part.equals("acsmetadata") && !part.equals(chunk.mediaKind()))) {
        json(exchange, 404, "{\"error\":{\"code\":\"8522\",\"message\":\"Recording not found.\"}}");
        ledger(chunk, part.equals("acsmetadata") ? "downloadRecordingMetadata" : "downloadRecording", 404);
        return;
      }
      int status = part.equals("acsmetadata")
          ? send(exchange, "application/json", chunk.metadata().length,
              () -> new java.io.ByteArrayInputStream(chunk.metadata()))
          : send(exchange, "audio/wav", Files.size(chunk.content()), () -> Files.newInputStream(chunk.content()));
      ledger(chunk, part.equals("acsmetadata") ? "downloadRecordingMetadata" : "downloadRecording", status);
      return;
    }
    if (method.equals("DELETE") && object.matches()) {
      String documentId = Route.percentDecode(object.group(1));
      StoredChunk chunk = chunks.remove(documentId);
      if (chunk == null) {
        exchange.sendResponseHeaders(404, -1);
        ledger(null, "deleteRecording", 404);
        return;
      }
      Files.deleteIfExists(chunk.content());
      exchange.sendResponseHeaders(200, -1);
      ledger(chunk, "deleteRecording", 200);
      log.info("{} recording {} chunk {} ({}) deleted", chunk.callConnectionId(), chunk.recordingId(), chunk.index(),
          documentId);
      return;
    }
    boolean known = content.matches() || object.matches();
    json(exchange, known ? 405 : 404, known
        ? "{\"error\":{\"code\":\"MethodNotAllowed\",\"message\":\"" + method + " is not allowed here.\"}}"
        : "{\"error\":{\"code\":\"NotFound\",\"message\":\"No such resource.\"}}");
  }

  private interface Opener {
    InputStream open() throws IOException;
  }

  /** 200 with the whole body, 206 with one range, or 416; returns the status sent. */
  private static int send(HttpExchange exchange, String contentType, long size, Opener body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
    long[] range = range(exchange.getRequestHeaders().getFirst("Range"), size);
    if (range == null) {
      exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
      copy(body, 0, size, exchange.getResponseBody());
      return 200;
    }
    if (range.length == 0) {
      exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
      exchange.sendResponseHeaders(416, -1);
      return 416;
    }
    long length = range[1] - range[0] + 1;
    exchange.getResponseHeaders().set("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
    exchange.sendResponseHeaders(206, length);
    copy(body, range[0], length, exchange.getResponseBody());
    return 206;
  }

  /**
   * The one byte range asked for as {@code [first, last]}; {@code null} to send everything (no header, several
   * ranges, or a header that is not a byte range); an empty array when it cannot be satisfied.
   */
  static long[] range(String header, long size) {
    if (header == null) {
      return null;
    }
    Matcher m = RANGE.matcher(header.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return null;
    }
    try {
      if (m.group(1).isEmpty()) { // suffix: the last n bytes
        long n = Long.parseLong(m.group(2));
        return n == 0 || size == 0 ? new long[0] : new long[] {Math.max(0, size - n), size - 1};
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
        return null; // syntactically invalid: ignored
      }
      return first >= size ? new long[0] : new long[] {first, last};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void copy(Opener opener, long skip, long length, OutputStream out) throws IOException {
    try (InputStream in = opener.open()) {
      in.skipNBytes(skip);
      byte[] buffer = new byte[16 * 1024];
      long left = length;
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          break;
        }
        out.write(buffer, 0, read);
        left -= read;
      }
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void ledger(StoredChunk chunk, String operation, int status) {
    ledger.add(new LedgerEntry(Instant.now(), chunk == null ? null : chunk.callConnectionId(), operation, null, "",
        status));
  }

  @Override
  public synchronized void close() {
    chunks.clear();
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("could not delete {}: {}", directory, e.toString());
    }
  }
}
