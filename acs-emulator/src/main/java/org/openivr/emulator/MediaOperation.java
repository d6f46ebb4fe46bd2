package org.openivr.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * A play or recognize on the call's main leg. Operations queue per call and run one at a time
 * (acs-wire 6.1); each ends with exactly one event (completed, failed or canceled), unless the call
 * ends first. Runs on the simulation thread only.
 */
abstract sealed class MediaOperation permits PlayOperation, RecognizeOperation {

  final EmulatedCall call;
  final String apiVersion;
  final String operationContext;
  final URI operationCallbackUri;
  final boolean interruptCallMediaOperation;
  private boolean finished;
  private ScheduledFuture<?> timer;

  MediaOperation(EmulatedCall call, String apiVersion, JsonNode request) {
    this.call = call;
    this.apiVersion = apiVersion;
    this.operationContext = Json.text(request, "operationContext");
    this.operationCallbackUri = optionalUri(Json.text(request, "operationCallbackUri"), "operationCallbackUri");
    this.interruptCallMediaOperation = request.path("interruptCallMediaOperation").asBoolean(false);
  }

  /** {@code Play} or {@code Recognize}: the prefix of this operation's events. */
  abstract String eventPrefix();

  /** Called once, when the operation reaches the head of the call's queue. */
  abstract void start();

  final boolean finished() {
    return finished;
  }

  /** Ends the operation with its event, and lets the call start the next one. */
  final void finish(String event, ResultInformation result, Consumer<ObjectNode> extra) {
    if (finished) {
      return;
    }
    finished = true;
    stopTimer();
    call.emit(event, operationCallbackUri, apiVersion, operationContext, result, extra);
    call.mediaEnded(this);
  }

  /** Cancelled by the app: the canceled event, and nothing else (the call clears its queue itself). */
  final void cancel() {
    if (finished) {
      return;
    }
    finished = true;
    stopTimer();
    call.emit(eventPrefix() + "Canceled", operationCallbackUri, apiVersion, operationContext, ResultInformation.CANCELED,
        null);
  }

  /** The call ended: stop without an event. */
  final void abort() {
    finished = true;
    stopTimer();
  }

  /** Replaces this operation's single pending timer. */
  final void schedule(Duration simulated, Runnable task) {
    stopTimer();
    timer = call.sim.after(simulated, () -> {
      if (!finished) {
        task.run();
      }
    });
  }

  final void stopTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  static URI optionalUri(String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      URI uri = URI.create(value);
      if (!uri.isAbsolute() || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
        throw AcsException.badRequest(field + " must be an absolute http(s) URI: " + value);
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw AcsException.badRequest(field + " is not a valid URI: " + value);
    }
  }
}
