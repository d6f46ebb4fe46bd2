package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechTrackerTest {

    private final List<String> edges = new ArrayList<>();
    private final SpeechTracker tracker = new SpeechTracker(3, 5, new int[] {10, 4}, new SpeechTracker.Listener() {
        @Override
        public void speechStarted(long onsetFrame, long detectedFrame) {
            edges.add("start " + onsetFrame + "@" + detectedFrame);
        }

        @Override
        public void speechEnded(long lastSpeechFrame, long detectedFrame) {
            edges.add("end " + lastSpeechFrame + "@" + detectedFrame);
        }

        @Override
        public void silence(long silentFrames, long detectedFrame) {
            edges.add("silence " + silentFrames + "@" + detectedFrame);
        }
    });

    private void frames(String pattern) {
        for (char c : pattern.toCharArray()) {
            tracker.frame(c == 'S');
        }
    }

    @Test
    void edgesOnlyWithConfirmationHangoverAndSilenceThresholds() {
        // 0-5 silent, blips of 1 and 2 frames, then speech from frame 11 with a 3-frame gap, then silence.
        frames("......S.SS.SSSSS...SSSS..............");
        assertThat(edges).containsExactly(
                "silence 4@3",              // from the stream's start
                "silence 10@10",            // blips shorter than the confirmation do not break a silence
                "start 11@13",              // 3 frames confirm; the onset is dated back
                "end 22@27",                // 5 frames of hangover; the 3-frame gap did not end it
                "silence 4@27",             // counted from the last speech frame
                "silence 10@32");
        assertThat(tracker.speaking()).isFalse();
    }
}
