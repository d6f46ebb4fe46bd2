package org.openivr.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link ScriptedCaller}'s steps once the call is connected. A {@link CallerStep.Press}
 * waits until someone listens to the caller's keys: a listening recognize, or continuous DTMF
 * recognition. It then presses its keys one by one; each key goes to the listening recognize (if
 * any) and is reported by continuous recognition (if on). Pressed into a recognize, the step ends
 * when that recognize ends (keys left over then are dropped); pressed only for continuous
 * recognition, it ends after its last key. Silence and speech just let time pass; the recognize's
 * own timers decide what that silence means. Runs on the simulation thread only.
 */
final class CallerScript {

  private static final Logger log = LoggerFactory.getLogger(CallerScript.class);
  static final Duration KEY_GAP = Duration.ofMillis(150);

  private final EmulatedCall call;
  private final List<CallerStep> steps;
  private int nextStep;
  private boolean stopped;
  private ScheduledFuture<?> timer;
  /** Keys of the current Press step, or {@code null} when the step is not a Press. */
  private String keys;
  private int nextKey;
  /** The recognize the current Press step presses into, once it found one. */
  private RecognizeOperation target;
  /** Whether the current Press step's key timer runs (into a recognize, or for continuous recognition only). */
  private boolean pressing;

  CallerScript(EmulatedCall call, List<CallerStep> steps) {
    this.call = call;
    this.steps = steps;
  }

  void start() {
    advance();
  }

  void stop() {
    stopped = true;
    cancelTimer();
  }

  /** A recognize started listening: a waiting Press step begins pressing, a pressing one presses into it. */
  void recognizeListening(RecognizeOperation recognize) {
    if (!stopped && keys != null && target == null) {
      if (pressing) {
        target = recognize; // the next keys go into it; the step now ends with it
      } else {
        pressInto(recognize);
      }
    }
  }

  /** Continuous DTMF recognition of the caller began: a waiting Press step begins pressing. */
  void continuousDtmfStarted() {
    if (!stopped && keys != null && !pressing) {
      startPressing();
    }
  }

  /** A recognize ended: the Press step pressing into it is over. */
  void recognizeEnded(RecognizeOperation recognize) {
    if (!stopped && target == recognize) {
      cancelTimer();
      advance();
    }
  }

  private void advance() {
    keys = null;
    target = null;
    pressing = false;
    if (stopped) {
      return;
    }
    if (nextStep >= steps.size()) {
      if (nextStep++ == steps.size()) {
        log.debug("{} caller script done; the caller stays silent", call.callConnectionId());
      }
      return;
    }
    CallerStep step = steps.get(nextStep++);
    log.debug("{} caller step {}: {}", call.callConnectionId(), nextStep, step);
    if (step instanceof CallerStep.Press press) {
      keys = press.keys();
      nextKey = 0;
      RecognizeOperation listening = call.listeningRecognize();
      if (listening != null) {
        pressInto(listening);
      } else if (call.controls.listensToCaller()) {
        startPressing();
      }
    } else if (step instanceof CallerStep.Silence silence) {
      timer = call.sim.after(silence.duration(), this::advance);
    } else if (step instanceof CallerStep.Say say) {
      call.audio.callerSpeech(PlaySource.speakingTime(say.text()), say.text());
      timer = call.sim.after(PlaySource.speakingTime(say.text()), this::advance);
    } else if (step instanceof CallerStep.Noise noise) {
      call.audio.callerNoise(noise.dbfs());
      timer = call.sim.after(Duration.ZERO, this::advance);
    } else if (step instanceof CallerStep.HangUp) {
      stopped = true;
      call.callerHangsUp();
    }
  }

  private void pressInto(RecognizeOperation recognize) {
    target = recognize;
    startPressing();
  }

  private void startPressing() {
    pressing = true;
    // Pressed from a fresh task, never from inside the recognize's own state change.
    timer = call.sim.after(Duration.ZERO, this::pressNextKey);
  }

  private void pressNextKey() {
    RecognizeOperation recognize = target;
    if (stopped || keys == null) {
      return;
    }
    if (recognize == null && !call.controls.listensToCaller()) {
      pressing = false; // continuous recognition stopped mid-step: wait for someone to listen again
      return;
    }
    String tone = Tones.toneOf(keys.charAt(nextKey++));
    log.debug("{} caller presses {}", call.callConnectionId(), tone);
    call.controls.callerPressed(tone);
    call.audio.callerTone(tone);
    if (recognize != null) {
      recognize.key(tone);
      if (target != recognize) {
        return; // that key ended the recognize; the script already moved on
      }
    }
    if (nextKey < keys.length()) {
      timer = call.sim.after(KEY_GAP, this::pressNextKey);
    } else if (recognize == null) {
      timer = call.sim.after(KEY_GAP, this::advance); // heard only by continuous recognition: the step is done
    }
    // else: all keys pressed; the step ends when the recognize does (inter-digit timeout).
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
