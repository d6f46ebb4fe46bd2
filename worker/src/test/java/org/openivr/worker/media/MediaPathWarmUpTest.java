package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openivr.workflows.AudioSignal;

class MediaPathWarmUpTest {

    @Test
    void theWarmUpRunsEveryDetectorOverAudioTheyRecognise() {
        // One programme per stream: 16 kHz mixed, 16 kHz per participant, 24 kHz mixed.
        MediaPathWarmUp.Result result = MediaPathWarmUp.run(MediaSettings.defaults(), 3 * MediaPathWarmUp.PROGRAMME_FRAMES);

        assertThat(result.frames()).isEqualTo(1500);
        // Every one of the sixteen keys, in each of the three streams: the key-tone path ran to its end.
        assertThat(result.signals(AudioSignal.Kind.KEY)).isEqualTo(48);
        // The speech-like sound started and ended speech (at least once per stream), and the quiet second was silence.
        assertThat(result.signals(AudioSignal.Kind.SPEECH_STARTED)).isGreaterThanOrEqualTo(3);
        assertThat(result.signals(AudioSignal.Kind.SPEECH_ENDED)).isEqualTo(result.signals(AudioSignal.Kind.SPEECH_STARTED));
        assertThat(result.signals(AudioSignal.Kind.SILENCE)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void stopsAtTheFramesAskedForAndZeroMeansNone() {
        assertThat(MediaPathWarmUp.run(MediaSettings.defaults(), 700).frames()).isEqualTo(700);
        MediaPathWarmUp.Result none = MediaPathWarmUp.run(MediaSettings.defaults(), 0);
        assertThat(none.frames()).isZero();
        assertThat(none.signals()).isEmpty();
    }
}
