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
 * recognition, it ends after its last key. Silence just lets time pass; the recognize's own timers
 * decide what that silence means. Runs on the simulation thread only.
 *
 * <p>Speaking waits its turn, like a person, checked every {@link #TURN_POLL} (simulated):
 * <ul>
 *   <li>{@link CallerStep.Say} speaks when it is the caller's turn: the caller's audio reaches the app
 *       ({@link CallControls#callerAudioReachesApp}); nothing plays to the caller (no play, no PlayTo, no recognize
 *       whose prompt still plays; a recognize that only listens is quiet); every callback event of the call has
 *       reached the app; the media stream has carried the caller's last words (it falls behind on a busy machine);
 *       and a prompt has played to its end since then, or since the caller last pressed a key (at the start of the
 *       call: the app speaks first). A prompt cut short does not count: the app cancelled it because it heard the
 *       caller, and its answer is still to come. That must hold for a whole {@link #REACTION} of simulated time, and at least
 *       {@link #APP_TURNAROUND} of wall-clock time, before the caller speaks. A caller whose words or keys the app
 *       does not answer with a prompt speaks anyway once the line has been quiet for {@link #UNANSWERED}
 *       (simulated) and {@link #UNANSWERED_WALL} (wall clock). On a call answered without media-streaming options
 *       the app can never hear the caller, so only quiet, delivered events and the pause count.</li>
 *   <li>{@link CallerStep.Interrupt} speaks once one prompt has played for {@link #REACTION} while the caller's
 *       audio reaches the app: over that prompt, to barge in.</li>
 * </ul>
 * Why more than "nothing plays": the emulator's time is scaled, the app's is not. Between the caller's words and
 * the app's answer, and between a prompt's end and what the app does next, the app needs real time (an event
 * delivered, a workflow task, a request back). A caller who spoke into that gap would answer nobody: their words
 * would reach the node before the one they were meant for. Waiting for the app's prompt and for the delivery of
 * every event closes most of that gap whatever the machine's load; the wall-clock floor covers the last workflow
 * task, while staying well inside usual menu and listen timeouts at the demo's speed.
 */
final class CallerScript {

  private static final Logger log = LoggerFactory.getLogger(CallerScript.class);
  static final Duration KEY_GAP = Duration.ofMillis(150);
  /** How often a caller waiting to speak checks whose turn it is (simulated). */
  static final Duration TURN_POLL = Duration.ofMillis(100);
  /** How long the caller lets quiet (or a prompt it will talk over) last before speaking (simulated). */
  static final Duration REACTION = Duration.ofSeconds(1);
  /** The least wall-clock time the caller waits in quiet before speaking: the app's turnaround between prompts. */
  static final Duration APP_TURNAROUND = Duration.ofMillis(500);
  /** How long a caller waits for the app to answer with a prompt before speaking anyway (simulated). */
  static final Duration UNANSWERED = Duration.ofSeconds(5);
  /** ... and at least this long on the wall clock: the app's answer takes real time, more on a busy machine. */
  static final Duration UNANSWERED_WALL = Duration.ofSeconds(5);

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
  /** What the current Say or Interrupt step will say, or {@code null} when the step is neither. */
  private String words;
  /** Whether the current speaking step talks over a prompt ({@link CallerStep.Interrupt}). */
  private boolean overPrompt;
  /** Since when (simulated ns, and wall-clock ns) the condition of the current speaking step holds; -1: it does not. */
  private long holdsSince = -1;
  private long holdsSinceWall;
  /** The prompt an Interrupt step is listening to. */
  private MediaOperation heardPrompt;
  /** How many prompts had played to their end when the caller's last words or key reached the app. */
  private int promptsAtLastSound;
  /** Whether the caller has spoken or pressed a key yet (before that, the app speaks first). */
  private boolean soundedYet;
  /** When (simulated) the caller's last words end; the caller waits until the stream has carried them. */
  private long lastWordsEnd = -1;

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
    words = null;
    holdsSince = -1;
    heardPrompt = null;
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
      waitForTurn(say.text(), false);
    } else if (step instanceof CallerStep.Interrupt interrupt) {
      waitForTurn(interrupt.text(), true);
    } else if (step instanceof CallerStep.Noise noise) {
      call.audio.callerNoise(noise.dbfs());
      timer = call.sim.after(Duration.ZERO, this::advance);
    } else if (step instanceof CallerStep.HangUp) {
      stopped = true;
      call.callerHangsUp();
    }
  }

  private void waitForTurn(String text, boolean overAPrompt) {
    words = text;
    overPrompt = overAPrompt;
    checkTurn();
  }

  private void checkTurn() {
    if (stopped || words == null) {
      return;
    }
    if (overPrompt ? promptPlayedLongEnough() : quietLongEnough()) {
      speak();
    } else {
      timer = call.sim.after(TURN_POLL, this::checkTurn);
    }
  }

  private boolean quietLongEnough() {
    if (lastWordsEnd >= 0) {
      if (!call.controls.streamedThrough(lastWordsEnd)) {
        holdsSince = -1;
        return false;
      }
      // Only now can the app hear them: a prompt that ended before (a menu asking again) is no answer to them.
      lastWordsEnd = -1;
      promptsAtLastSound = call.promptsPlayedOut();
    }
    boolean quiet = call.controls.callerAudioReachesApp() && call.playingPrompt() == null && call.eventsDelivered();
    if (!quiet) {
      holdsSince = -1;
      return false;
    }
    if (holdsSince < 0) {
      holdsSince = call.audio.now();
      holdsSinceWall = System.nanoTime();
      return false;
    }
    long quietFor = call.audio.now() - holdsSince;
    long quietForWall = System.nanoTime() - holdsSinceWall;
    if (call.promptsPlayedOut() > promptsAtLastSound || !call.controls.mayStream()) {
      return quietFor >= REACTION.toNanos() && quietForWall >= APP_TURNAROUND.toNanos();
    }
    return soundedYet && quietFor >= UNANSWERED.toNanos() && quietForWall >= UNANSWERED_WALL.toNanos();
  }

  private boolean promptPlayedLongEnough() {
    MediaOperation prompt = call.controls.callerAudioReachesApp() ? call.playingPrompt() : null;
    if (prompt == null || prompt != heardPrompt) {
      heardPrompt = prompt;
      holdsSince = prompt == null ? -1 : call.audio.now();
      return false;
    }
    return call.audio.now() - holdsSince >= REACTION.toNanos();
  }

  private void speak() {
    String text = words;
    Duration length = PlaySource.speakingTime(text);
    log.debug("{} caller {} \"{}\"", call.callConnectionId(), overPrompt ? "speaks over the prompt:" : "says", text);
    words = null;
    promptsAtLastSound = call.promptsPlayedOut();
    soundedYet = true;
    lastWordsEnd = call.audio.now() + length.toNanos();
    call.audio.callerSpeech(length, text);
    timer = call.sim.after(length, this::advance);
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
    promptsAtLastSound = call.promptsPlayedOut();
    soundedYet = true;
    lastWordsEnd = -1; // the key is the caller's latest sound now; the app's answer is counted from it
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
