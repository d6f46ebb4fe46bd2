package org.openivr.emulator;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Test stand-in for the app: a plain-HTTP receiver for callback and Event Grid posts. It answers
 * the Event Grid validation handshake like a correct app, except on paths containing "refuse".
 */
final class HttpSink implements AutoCloseable {

  static final ObjectMapper MAPPER = new ObjectMapper();

  record Received(String path, String aegEventType, String body, int answeredStatus) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  /** The status to answer a (non-validation) post with; 200 unless a test says otherwise. */
  volatile Function<Received, Integer> status = r -> 200;

  HttpSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    String aeg = exchange.getRequestHeaders().getFirst("aeg-event-type");
    int code;
    String reply = "";
    if ("SubscriptionValidation".equals(aeg) && !path.contains("refuse")) {
      code = 200;
      String validationCode = MAPPER.readTree(body).get(0).at("/data/validationCode").asText();
      reply = "{\"validationResponse\":\"" + validationCode + "\"}";
    } else if ("SubscriptionValidation".equals(aeg)) {
      code = 404;
    } else {
      code = status.apply(new Received(path, aeg, body, 0));
    }
    received.add(new Received(path, aeg, body, code));
    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Every callback event (envelope) received for a call, in arrival order, including refused posts. */
  List<JsonNode> events(String callConnectionId) {
    List<JsonNode> events = new ArrayList<>();
    for (Received r : received) {
      if (r.aegEventType() != null) {
        continue;
      }
      for (JsonNode event : r.json()) {
        if (callConnectionId.equals(event.at("/data/callConnectionId").asText())) {
          events.add(event);
        }
      }
    }
    return events;
  }

  /** The first callback event of a type for a call, waiting for it. */
  JsonNode awaitEvent(String callConnectionId, String type) {
    return await(() -> events(callConnectionId).stream()
        .filter(e -> e.get("type").asText().equals("Microsoft.Communication." + type)).findFirst().orElse(null),
        "event " + type + " for call " + callConnectionId + "; got " + types(callConnectionId));
  }

  List<String> types(String callConnectionId) {
    return events(callConnectionId).stream().map(e -> e.get("type").asText().replace("Microsoft.Communication.", ""))
        .toList();
  }

  /** The IncomingCall Event Grid event of a call, waiting for it. */
  JsonNode awaitIncomingCall(String correlationId) {
    return await(() -> received.stream()
        .filter(r -> "Notification".equals(r.aegEventType()))
        .map(r -> r.json().get(0))
        .filter(e -> correlationId.equals(e.at("/data/correlationId").asText()))
        .findFirst().orElse(null), "IncomingCall " + correlationId);
  }

  static <T> T await(java.util.function.Supplier<T> probe, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      sleep(10);
    }
    return fail("Timed out waiting for " + what);
  }

  static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
    await(() -> condition.getAsBoolean() ? Boolean.TRUE : null, what);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  long count(Predicate<Received> filter) {
    return received.stream().filter(filter).count();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
