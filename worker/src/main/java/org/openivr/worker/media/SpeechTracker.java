package org.openivr.worker.media;

/**
 * Turns per-frame voice decisions into edges: speech started (after {@code startFrames} speech frames in a row),
 * speech ended (after {@code hangoverFrames} non-speech frames in a row), and silence reaching each configured
 * length (once per silent stretch and threshold, counted from the end of speech, or from the stream's start).
 * Times are in frames of 20 ms. Not thread-safe.
 */
public final class SpeechTracker {

    /** Receives the edges; frame numbers count from 0 at the stream's first frame. */
    public interface Listener {
        void speechStarted(long onsetFrame, long detectedFrame);

        void speechEnded(long lastSpeechFrame, long detectedFrame);

        void silence(long silentFrames, long detectedFrame);
    }

    private final int startFrames;
    private final int hangoverFrames;
    private final int[] silenceThresholds; // frames, ascending
    private final Listener listener;
    private boolean speaking;
    private int run; // consecutive frames contradicting the current state
    private long frame = -1;
    private long silenceSince; // first silent frame of the current silent stretch
    private int nextSilence; // index of the next silence threshold to report
    private long lastSpeech = -1;

    public SpeechTracker(int startFrames, int hangoverFrames, int[] silenceThresholdFrames, Listener listener) {
        if (startFrames < 1 || hangoverFrames < 1) {
            throw new IllegalArgumentException("startFrames and hangoverFrames must be >= 1");
        }
        this.startFrames = startFrames;
        this.hangoverFrames = hangoverFrames;
        this.silenceThresholds = silenceThresholdFrames.clone();
        java.util.Arrays.sort(this.silenceThresholds);
        this.listener = listener;
    }

    public boolean speaking() {
        return speaking;
    }

    public void frame(boolean speech) {
        frame++;
        if (speech) {
            lastSpeech = frame;
        }
        if (!speaking) {
            run = speech ? run + 1 : 0;
            if (run >= startFrames) {
                speaking = true;
                run = 0;
                listener.speechStarted(frame - startFrames + 1, frame);
                return;
            }
            long silent = frame - silenceSince + 1;
            while (nextSilence < silenceThresholds.length && silent >= silenceThresholds[nextSilence]
                    && !(speech)) {
                listener.silence(silenceThresholds[nextSilence], frame);
                nextSilence++;
            }
        } else {
            run = speech ? 0 : run + 1;
            if (run >= hangoverFrames) {
                speaking = false;
                run = 0;
                silenceSince = lastSpeech + 1;
                nextSilence = 0;
                listener.speechEnded(lastSpeech, frame);
                long silent = frame - silenceSince + 1;
                while (nextSilence < silenceThresholds.length && silent >= silenceThresholds[nextSilence]) {
                    listener.silence(silenceThresholds[nextSilence], frame);
                    nextSilence++;
                }
            }
        }
    }
}
