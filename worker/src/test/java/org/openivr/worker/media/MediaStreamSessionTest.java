package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.AudioSignal;

class MediaStreamSessionTest {

    private static void play(MediaStreamSession session, List<String> frames) {
        frames.forEach(session::onText);
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 24000})
    void keysSpeechAndSilenceBecomeEdgesOnly(int rate) {
        CollectingSink sink = new CollectingSink();
        MediaStreamSession session = new MediaStreamSession("call-1", new MediaSettings(3, 600, new int[] {1000}, 8), sink);
        Synth s = new Synth(rate, 3);
        s.silence(1500).key('5', -12, -2, 80).silence(400).key('#', -12, 0, 80).silence(700);
        for (int i = 0; i < 6; i++) {
            s.voice(250, -22, 120 + 10 * i, 140 + 10 * i, 500, 1500).silence(60);
        }
        s.silence(1500);
        session.onText(Frames.metadata(rate));
        play(session, Frames.audio(s.pcm(), rate, null));
        session.close();

        assertThat(sink.of(AudioSignal.Kind.KEY)).extracting(AudioSignal::key).containsExactly("5", "#");
        assertThat(sink.of(AudioSignal.Kind.KEY)).allSatisfy(k -> {
            assertThat(k.source()).isEqualTo(AudioSignal.IN_BAND);
            assertThat(k.detectedMillis() - k.audioMillis()).isBetween(20L, 45L);
        });
        assertThat(sink.of(AudioSignal.Kind.KEY).get(0).audioMillis()).isBetween(1490L, 1510L);
        assertThat(sink.of(AudioSignal.Kind.SPEECH_STARTED)).hasSize(1);
        assertThat(sink.of(AudioSignal.Kind.SPEECH_ENDED)).hasSize(1);
        assertThat(sink.of(AudioSignal.Kind.SILENCE)).extracting(AudioSignal::silenceMillis).contains(1000L);
        assertThat(sink.signals).extracting(AudioSignal::id).doesNotHaveDuplicates();
        assertThat(sink.calls).containsOnly("call-1");
        // Edges only: a handful of signals for 5 s of audio (250 frames).
        assertThat(sink.signals.size()).isLessThan(10);
    }

    @Test
    void keyTonesAreNotSpeech() {
        CollectingSink sink = new CollectingSink();
        MediaStreamSession session = new MediaStreamSession("call-6", MediaSettings.defaults(), sink);
        int rate = 16000;
        Synth s = new Synth(rate, 6);
        s.silence(300);
        for (char key : "0123456789*#".toCharArray()) {
            s.key(key, -8, 2, 100).silence(150);
        }
        s.silence(800);
        session.onText(Frames.metadata(rate));
        play(session, Frames.audio(s.pcm(), rate, "4:+1"));
        assertThat(sink.of(AudioSignal.Kind.KEY)).hasSize(12);
        assertThat(sink.of(AudioSignal.Kind.SPEECH_STARTED)).isEmpty();
    }

    @Test
    void eachParticipantHasItsOwnDetectors() {
        CollectingSink sink = new CollectingSink();
        MediaStreamSession session = new MediaStreamSession("call-2", MediaSettings.defaults(), sink);
        int rate = 16000;
        Synth a = new Synth(rate, 1);
        a.silence(200).key('1', -10, 0, 100).silence(300);
        Synth b = new Synth(rate, 2);
        b.silence(260).key('9', -10, 0, 100).silence(240);
        List<String> fa = Frames.audio(a.pcm(), rate, "8:acs:alice");
        List<String> fb = Frames.audio(b.pcm(), rate, "8:acs:bob");
        List<String> interleaved = new ArrayList<>();
        for (int i = 0; i < Math.min(fa.size(), fb.size()); i++) {
            interleaved.add(fa.get(i));
            interleaved.add(fb.get(i));
        }
        session.onText(Frames.metadata(rate));
        play(session, interleaved);
        assertThat(sink.of(AudioSignal.Kind.KEY)).extracting(AudioSignal::participant, AudioSignal::key)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("8:acs:alice", "1"),
                        org.assertj.core.groups.Tuple.tuple("8:acs:bob", "9"));
    }

    @Test
    void malformedFramesAreCountedAndSkippedAndTheStreamGoesOn() {
        CollectingSink sink = new CollectingSink();
        MediaStreamSession session = new MediaStreamSession("call-3", MediaSettings.defaults(), sink);
        int rate = 16000;
        Synth s = new Synth(rate, 4);
        s.silence(100).key('7', -10, 0, 100).silence(200);
        List<String> frames = new ArrayList<>(Frames.audio(s.pcm(), rate, null));
        frames.add(3, "garbage");
        frames.add(5, "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\"%%%\"}}");
        frames.add(0, Frames.metadata(rate));
        play(session, frames);
        session.onBinary(12);
        assertThat(session.malformed()).isEqualTo(3);
        assertThat(sink.of(AudioSignal.Kind.KEY)).extracting(AudioSignal::key).containsExactly("7");
    }

    @Test
    void dtmfPacketsAndFinalTranscriptsAreSignalled() {
        CollectingSink sink = new CollectingSink();
        MediaStreamSession session = new MediaStreamSession("call-4", MediaSettings.defaults(), sink);
        session.onText("{\"kind\":\"DtmfData\",\"dtmfData\":{\"data\":\"4\",\"participantRawID\":\"4:+1\"}}");
        session.onText("{\"kind\":\"TranscriptionData\",\"transcriptionData\":{\"text\":\"billing\",\"confidence\":0.9,"
                + "\"resultStatus\":\"Intermediate\"}}");
        session.onText("{\"kind\":\"TranscriptionData\",\"transcriptionData\":{\"text\":\"billing please\",\"confidence\":0.9,"
                + "\"participantRawID\":\"4:+1\",\"resultStatus\":\"Final\"}}");
        assertThat(sink.signals).extracting(AudioSignal::kind, AudioSignal::key, AudioSignal::source, AudioSignal::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AudioSignal.Kind.KEY, "4", AudioSignal.ACS, null),
                        org.assertj.core.groups.Tuple.tuple(AudioSignal.Kind.PHRASE, null, AudioSignal.TRANSCRIPTION,
                                "billing please"));
    }

    @Test
    void silentFramesWithoutDataStillMoveTime() {
        CollectingSink sink = new CollectingSink();
        MediaStreamSession session = new MediaStreamSession("call-5", new MediaSettings(3, 600, new int[] {1000}, 8), sink);
        session.onText(Frames.metadata(16000));
        for (int i = 0; i < 60; i++) {
            session.onText("{\"kind\":\"AudioData\",\"audioData\":{\"silent\":true}}");
        }
        assertThat(sink.of(AudioSignal.Kind.SILENCE)).extracting(AudioSignal::silenceMillis).containsExactly(1000L);
        assertThat(session.malformed()).isZero();
    }
}
