package org.openivr.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What can be heard on one call, as a timeline in simulated time, so that recordings can be rendered from it
 * ({@link RecordingAudio}). The emulator has no real media; the sounds are synthesized stand-ins:
 * <ul>
 *   <li>a file prompt: a 440 Hz tone for as long as the file plays (1 s), on the IVR side;</li>
 *   <li>a text or SSML prompt: a speech-like buzz (180 Hz and two harmonics, pulsing 4 times a second) for its
 *       speaking time, on the IVR side;</li>
 *   <li>a key the caller presses: the key's DTMF tone pair for 100 ms, on the caller's side;</li>
 *   <li>what the caller says ({@link CallerStep.Say}): the speech-like buzz at 120 Hz, on the caller's side;</li>
 *   <li>tones the IVR sends ({@link #ivrTones}): DTMF pairs of 100 ms, 50 ms apart, on the IVR side.</li>
 * </ul>
 * A prompt is heard for its full length even if it is cut short. Simulation thread only.
 */
final class CallAudio {

  /** Who a sound comes from: the scripted caller, or the IVR (the app's prompts, from the dialled number). */
  enum Party { CALLER, IVR }

  enum Sound { TONE_440, SPEECH, DTMF }

  /**
   * One sound.
   *
   * @param start  simulated nanoseconds since the call began
   * @param length simulated nanoseconds
   * @param tone   the DTMF tone name for {@link Sound#DTMF}, else {@code null}
   */
  record Segment(Party party, Sound sound, long start, long length, String tone) {
    long end() {
      return start + length;
    }
  }

  static final Duration KEY_TONE = Duration.ofMillis(100);
  static final Duration SENT_TONE_GAP = Duration.ofMillis(50);

  private final long origin = System.nanoTime();
  /** Wall-clock time the call began; {@link #instant} maps simulated time onto it. */
  private final java.time.Instant began = java.time.Instant.now();
  private final double timeScale;
  private final List<Segment> segments = new ArrayList<>();
  private final List<Runnable> endListeners = new ArrayList<>();
  /** Told of every sound as it is added (the media stream, {@link MediaStreamClient}); any thread may read them. */
  private final List<SoundListener> soundListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Background noise on the caller's line, dBFS RMS; {@code null} for none ({@link CallerStep.Noise}). */
  private volatile Double callerNoiseDbfs;

  /** Hears sounds as they are added; {@code text} is what the caller said, for {@link Sound#SPEECH} of the caller. */
  interface SoundListener {
    void heard(Segment segment, String text);
  }
  private boolean ended;

  CallAudio(Simulation sim) {
    this.timeScale = sim.scaled(Duration.ofSeconds(1)).toNanos() / 1e9;
  }

  /** Simulated nanoseconds since the call began. */
  long now() {
    return Math.round((System.nanoTime() - origin) / timeScale);
  }

  /** The wall-clock instant at which a simulated time was reached (time scale applied). */
  java.time.Instant instant(long simulatedNanos) {
    return began.plusNanos(Math.round(simulatedNanos * timeScale));
  }

  /** The IVR plays these sources one after the other, starting now. */
  void prompt(List<PlaySource> sources) {
    long at = now();
    for (PlaySource source : sources) {
      long length = source.duration().toNanos();
      add(new Segment(Party.IVR, source.kind().equals("file") ? Sound.TONE_440 : Sound.SPEECH, at, length, null));
      at += length;
    }
  }

  /** The caller presses a key (its wire tone name, e.g. {@code five}). */
  void callerTone(String tone) {
    add(new Segment(Party.CALLER, Sound.DTMF, now(), KEY_TONE.toNanos(), tone));
  }

  /** The caller speaks for this long, starting now. */
  void callerSpeech(Duration simulated) {
    callerSpeech(simulated, null);
  }

  /** The caller says {@code text}, for this long, starting now. */
  void callerSpeech(Duration simulated, String text) {
    add(new Segment(Party.CALLER, Sound.SPEECH, now(), simulated.toNanos(), null), text);
  }

  void listen(SoundListener listener) {
    soundListeners.add(listener);
  }

  void unlisten(SoundListener listener) {
    soundListeners.remove(listener);
  }

  void callerNoise(Double dbfs) {
    callerNoiseDbfs = dbfs;
  }

  Double callerNoise() {
    return callerNoiseDbfs;
  }

  /** The IVR sends DTMF tones (wire names), starting now. */
  void ivrTones(List<String> tones) {
    long at = now();
    for (String tone : tones) {
      add(new Segment(Party.IVR, Sound.DTMF, at, KEY_TONE.toNanos(), tone));
      at += KEY_TONE.plus(SENT_TONE_GAP).toNanos();
    }
  }

  private void add(Segment segment) {
    add(segment, null);
  }

  private void add(Segment segment, String text) {
    if (!ended) {
      segments.add(segment);
      soundListeners.forEach(listener -> listener.heard(segment, text));
    }
  }

  /** Everything heard so far. */
  List<Segment> snapshot() {
    return List.copyOf(segments);
  }

  /** Runs {@code listener} when the call ends (at once if it has). */
  void onEnd(Runnable listener) {
    if (ended) {
      listener.run();
    } else {
      endListeners.add(listener);
    }
  }

  /** The call ended: nothing more is heard, and the end listeners run. */
  void ended() {
    if (ended) {
      return;
    }
    ended = true;
    List<Runnable> listeners = List.copyOf(endListeners);
    endListeners.clear();
    listeners.forEach(Runnable::run);
  }
}
