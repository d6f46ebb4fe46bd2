package org.openivr.emulator;

// ACS has no local emulator, and Event Grid has none for webhooks either; this reproduces the
// subscription validation handshake and the IncomingCall delivery of acs-wire 4.1-4.3.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers Event Grid events (Event Grid schema) to the app's webhook, validating it first. */
final class EventGridPublisher {

  private static final Logger log = LoggerFactory.getLogger(EventGridPublisher.class);
  static final String TOPIC = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/acs-emulator"
      + "/providers/Microsoft.Communication/communicationServices/acs-emulator";
  private static final String SUBSCRIPTION_NAME = "ACS-EMULATOR-INCOMING-CALLS";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_ATTEMPTS = 2;

  /** Posts the held-back duplicates (blocking sends, so not on the common pool). */
  private static final Executor LATE_DUPLICATES = Executors.newCachedThreadPool(runnable -> {
    Thread t = new Thread(runnable, "acs-emulator-eventgrid-duplicates");
    t.setDaemon(true);
    return t;
  });

  private final HttpClient http;
  private final Supplier<Faults> faults;
  private final URI validationUrlBase;
  private final Set<URI> validated = ConcurrentHashMap.newKeySet();

  EventGridPublisher(HttpClient http, Supplier<Faults> faults, URI emulatorEndpoint) {
    this.http = http;
    this.faults = faults;
    this.validationUrlBase = emulatorEndpoint.resolve("/emulator/eventgrid/validate");
  }

  /** Runs the SubscriptionValidation handshake once per webhook (acs-wire 4.2). */
  void ensureValidated(URI webhook) {
    if (validated.contains(webhook)) {
      return;
    }
    synchronized (this) {
      if (validated.contains(webhook)) {
        return;
      }
      String code = UUID.randomUUID().toString();
      String eventId = UUID.randomUUID().toString();
      ObjectNode event = Json.object();
      event.put("id", eventId);
      event.put("topic", TOPIC);
      event.put("subject", "");
      ObjectNode data = event.putObject("data");
      data.put("validationCode", code);
      data.put("validationUrl", validationUrlBase + "?id=" + eventId + "&code=" + code);
      event.put("eventType", "Microsoft.EventGrid.SubscriptionValidationEvent");
      event.put("eventTime", Json.eventGridTime(Instant.now()));
      event.put("metadataVersion", "1");
      event.put("dataVersion", "2");
      HttpResponse<String> response;
      try {
        response = http.send(request(webhook, "SubscriptionValidation", event, 0), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException("Event Grid subscription validation of " + webhook + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted during Event Grid subscription validation of " + webhook, e);
      }
      String expected = "{\"validationResponse\":\"" + code + "\"}";
      if (response.statusCode() != 200 || !code.equals(validationResponse(response.body()))) {
        throw new IllegalStateException("Event Grid subscription validation of " + webhook + " failed: expected 200 with "
            + expected + " but got " + response.statusCode() + " " + abbreviate(response.body()));
      }
      validated.add(webhook);
      log.info("Event Grid webhook {} validated", webhook);
    }
  }

  private static String validationResponse(String body) {
    try {
      JsonNode node = Json.read(body);
      return Json.text(node, "validationResponse");
    } catch (IOException e) {
      return null;
    }
  }

  /** Posts {@code Microsoft.Communication.IncomingCall} (acs-wire 4.3); throws if it is not accepted. */
  void publishIncomingCall(URI webhook, EmulatedCall call) {
    String from = "4:" + call.caller.fromPhone();
    String to = "4:" + call.caller.toPhone();
    ObjectNode event = Json.object();
    event.put("id", UUID.randomUUID().toString());
    event.put("topic", TOPIC);
    event.put("subject", "/caller/" + from + "/recipient/" + to);
    ObjectNode data = event.putObject("data");
    data.set("to", Json.phoneIdentifier(call.caller.toPhone()));
    data.set("from", Json.phoneIdentifier(call.caller.fromPhone()));
    data.put("serverCallId", call.serverCallId);
    data.put("callerDisplayName", "");
    data.put("incomingCallContext", call.incomingCallContext);
    data.put("correlationId", call.correlationId);
    if (!call.caller.sipHeaders().isEmpty()) {
      ObjectNode headers = data.putObject("customContext").putObject("sipHeaders");
      call.caller.sipHeaders().forEach(headers::put);
    }
    event.put("eventType", "Microsoft.Communication.IncomingCall");
    event.put("dataVersion", "1.0");
    event.put("metadataVersion", "1");
    event.put("eventTime", Json.eventGridTime(Instant.now()));
    deliverWithFaults(webhook, event, faults.get());
  }

  /**
   * Posts any Event Grid-schema event (e.g. {@code RecordingFileStatusUpdated}) after the validation
   * handshake; throws if it is not accepted.
   */
  void publish(URI webhook, ObjectNode event) {
    ensureValidated(webhook);
    deliverWithFaults(webhook, event, faults.get());
  }

  /**
   * Delivers once in place (throwing if that fails); with {@link Faults#duplicateEvents()} once more, right after or,
   * with {@link Faults#shuffles()}, later on a thread of its own so the duplicate may come after the call's first
   * callbacks.
   */
  private void deliverWithFaults(URI webhook, ObjectNode event, Faults current) {
    deliver(webhook, event, current);
    if (!current.duplicateEvents()) {
      return;
    }
    if (!current.shuffles()) {
      deliver(webhook, event, current);
      return;
    }
    Duration holdBack = current.randomHoldBack();
    CompletableFuture.runAsync(() -> {
      try {
        deliver(webhook, event, Faults.none());
      } catch (RuntimeException e) {
        log.warn("call {} duplicate {} not delivered: {}", event.path("data").path("correlationId").asText("-"),
            event.path("eventType").asText(), e.getMessage());
      }
    }, CompletableFuture.delayedExecutor(holdBack.toNanos(), TimeUnit.NANOSECONDS, LATE_DUPLICATES));
  }

  private void deliver(URI webhook, ObjectNode event, Faults current) {
    String eventType = event.get("eventType").asText();
    String failure = null;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      sleep(current.randomDelay());
      try {
        HttpResponse<String> response =
            http.send(request(webhook, "Notification", event, attempt), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          log.info("call {} {} delivered to {}",
              event.path("data").path("correlationId").asText(event.path("subject").asText()), eventType, webhook);
          return;
        }
        failure = "HTTP " + status + " " + abbreviate(response.body());
        if (status < 500) {
          break;
        }
      } catch (IOException e) {
        failure = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while delivering " + eventType + " to " + webhook, e);
      }
    }
    throw new IllegalStateException("Delivering " + eventType + " to the Event Grid webhook " + webhook + " failed: "
        + failure);
  }

  private HttpRequest request(URI webhook, String aegEventType, ObjectNode event, int deliveryCount) {
    ArrayNode batch = Json.MAPPER.createArrayNode();
    batch.add(event);
    return HttpRequest.newBuilder(webhook)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header("aeg-event-type", aegEventType)
        .header("aeg-subscription-name", SUBSCRIPTION_NAME)
        .header("aeg-delivery-count", Integer.toString(deliveryCount))
        .header("aeg-data-version", event.path("dataVersion").asText())
        .header("aeg-metadata-version", "1")
        .header("aeg-output-event-id", event.path("id").asText())
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(batch)))
        .build();
  }


  private static void sleep(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static String abbreviate(String body) {
    if (body == null || body.isEmpty()) {
      return "(empty body)";
    }
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
