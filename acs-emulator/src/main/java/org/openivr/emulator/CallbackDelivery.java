package org.openivr.emulator;

// ACS has no local emulator; this reproduces how it posts mid-call events to the app (acs-wire
// 3.1): one CloudEvent per POST, at least once, in order per call unless a shuffle fault says otherwise.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts callback events. Each call has its own {@link Queue}: its events go out one after the other
 * in the order they happened, while calls do not wait for each other; with {@link Faults#shuffles()} each
 * post (and its duplicate) is instead held back on its own for a random time, so a call's events overtake one
 * another. A post that fails with a connection error or a 5xx is retried with backoff; a 4xx is logged and dropped.
 */
final class CallbackDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CallbackDelivery.class);
  private static final int MAX_ATTEMPTS = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final Supplier<Faults> faults;
  private final ScheduledExecutorService timer;
  private final Supplier<String> bearerToken;

  /** {@code bearerToken} gives the JWT each POST carries as {@code Authorization: Bearer} (acs-wire 7.2). */
  CallbackDelivery(HttpClient http, Supplier<Faults> faults, Supplier<String> bearerToken) {
    this.http = http;
    this.faults = faults;
    this.bearerToken = bearerToken;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "acs-emulator-delivery");
      t.setDaemon(true);
      return t;
    });
  }

  /** The emulator's current signed token (also what the media WebSocket presents, {@link MediaStreamClient}). */
  String bearerToken() {
    return bearerToken == null ? null : bearerToken.get();
  }

  /** The ordered event stream of one call. */
  final class Queue {
    private final String callLabel;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    private Queue(String callLabel) {
      this.callLabel = callLabel;
    }

    /** Queues one event: {@code body} is the JSON array holding it. */
    synchronized void post(URI target, String eventType, String body) {
      Faults current = faults.get();
      Duration late = current.lateEvents().get(eventType);
      if (late != null) {
        log.info("{} {} held back {} ms (late event fault)", callLabel, eventType, late.toMillis());
        CompletableFuture<Void> held = delayed(late).thenCompose(v -> deliver(callLabel, target, eventType, body))
            .exceptionally(e -> {
              log.warn("{} delivering {} to {} failed: {}", callLabel, eventType, target, e.toString());
              return null;
            });
        tail = CompletableFuture.allOf(tail, held);
        return;
      }
      if (current.shuffles()) {
        CompletableFuture<Void> shuffled = shuffled(callLabel, target, eventType, body, current);
        if (current.duplicateEvents()) {
          shuffled = shuffled.thenCombine(shuffled(callLabel, target, eventType, body, current), (a, b) -> null);
        }
        tail = CompletableFuture.allOf(tail, shuffled);
        return;
      }
      tail = tail.thenCompose(ignored -> deliver(callLabel, target, eventType, body))
          .exceptionally(e -> {
            log.warn("{} delivering {} to {} failed: {}", callLabel, eventType, target, e.toString());
            return null;
          });
    }

    /** Completes when everything queued so far was delivered or given up on. */
    synchronized CompletableFuture<Void> drained() {
      return tail;
    }
  }

  Queue newQueue(String callLabel) {
    return new Queue(callLabel);
  }

  private CompletableFuture<Void> deliver(String callLabel, URI target, String eventType, String body) {
    Faults current = faults.get();
    CompletableFuture<Void> first = delayed(current.randomDelay()).thenCompose(v -> attempt(callLabel, target, eventType, body, 1));
    if (!current.duplicateEvents()) {
      return first;
    }
    return first.thenCompose(v -> delayed(current.randomDelay()))
        .thenCompose(v -> attempt(callLabel, target, eventType, body, 1));
  }

  /** One post held back for {@link Faults#randomHoldBack()}, not waiting for the call's earlier events. */
  private CompletableFuture<Void> shuffled(String callLabel, URI target, String eventType, String body, Faults current) {
    Duration holdBack = current.randomHoldBack();
    log.debug("{} {} held back {} ms (shuffle fault)", callLabel, eventType, holdBack.toMillis());
    return delayed(holdBack).thenCompose(v -> attempt(callLabel, target, eventType, body, 1))
        .exceptionally(e -> {
          log.warn("{} delivering {} to {} failed: {}", callLabel, eventType, target, e.toString());
          return null;
        });
  }

  private CompletableFuture<Void> attempt(String callLabel, URI target, String eventType, String body, int attempt) {
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(POST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("User-Agent", "acs-emulator")
        .header("Authorization", "Bearer " + bearerToken.get())
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, error) -> {
          if (error == null && response.statusCode() / 100 == 2) {
            log.debug("{} delivered {} to {} ({})", callLabel, eventType, target, response.statusCode());
            return CompletableFuture.<Void>completedFuture(null);
          }
          boolean retryable = error != null || response.statusCode() >= 500;
          String outcome = error != null ? error.toString() : "HTTP " + response.statusCode();
          if (!retryable) {
            log.warn("{} callback {} to {} refused with {}; not retried", callLabel, eventType, target, outcome);
            return CompletableFuture.<Void>completedFuture(null);
          }
          if (attempt >= MAX_ATTEMPTS) {
            log.warn("{} callback {} to {} failed {} times ({}); giving up", callLabel, eventType, target, attempt, outcome);
            return CompletableFuture.<Void>completedFuture(null);
          }
          Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
          log.info("{} callback {} to {} failed ({}); retry {} in {} ms", callLabel, eventType, target, outcome, attempt,
              backoff.toMillis());
          return delayed(backoff).thenCompose(v -> attempt(callLabel, target, eventType, body, attempt + 1));
        })
        .thenCompose(next -> next);
  }


  private CompletableFuture<Void> delayed(Duration delay) {
    if (delay.isZero()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    timer.schedule(() -> done.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
    return done;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
