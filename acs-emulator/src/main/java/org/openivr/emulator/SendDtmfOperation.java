package org.openivr.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * {@code :sendDtmfTones} once accepted: it holds the call's participant sub-leg while the tones play
 * ({@link #TONE_TIME} each, scaled), then SendDtmfTonesCompleted. Runs on the simulation thread.
 */
final class SendDtmfOperation {

  /** How long one sent tone takes, gap included. */
  static final Duration TONE_TIME = Duration.ofMillis(150);

  private final EmulatedCall call;
  private final List<String> tones;
  private final String apiVersion;
  private final String operationContext;
  private final URI operationCallbackUri;
  private ScheduledFuture<?> timer;
  private boolean finished;

  SendDtmfOperation(EmulatedCall call, List<String> tones, String apiVersion, String operationContext,
      URI operationCallbackUri) {
    this.call = call;
    this.tones = List.copyOf(tones);
    this.apiVersion = apiVersion;
    this.operationContext = operationContext;
    this.operationCallbackUri = operationCallbackUri;
  }

  void start() {
    timer = call.sim.after(TONE_TIME.multipliedBy(tones.size()), this::complete);
  }

  private void complete() {
    if (finished) {
      return;
    }
    finished = true;
    call.controls.subLegEnded(this);
    call.emit("SendDtmfTonesCompleted", operationCallbackUri, apiVersion, operationContext, CallControls.COMPLETED, null);
  }

  /** The call ended: stop without an event. */
  void abort() {
    finished = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  @Override
  public String toString() {
    return "SendDtmf " + tones;
  }
}
