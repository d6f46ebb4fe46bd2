package org.openivr.bench;

import java.nio.file.Path;

/** Quick VAD comparison (ours vs WebRTC) on the TTS+gap corpus: {@code VadQuick [utterances]}. */
public final class VadQuick {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        SpeechCorpus corpus = new SpeechCorpus(Path.of("bench/target/corpus"));
        SpeechCorpus.Labelled l = corpus.vadStream(n, 16000, 1);
        for (double snr : new double[] {99, 10, 5, 0}) {
            short[] pcm = snr >= 99 ? l.pcm() : SpeechCorpus.withNoise(l, snr, 5);
            System.out.printf("snr %4.0f ours  %s%n", snr, VadEval.score(VadEval.ours(pcm, 16000), l));
            for (int mode : new int[] {0, 3}) {
                System.out.printf("snr %4.0f webrtc%d %s%n", snr, mode, VadEval.score(VadEval.webrtc(pcm, 16000, mode), l));
            }
        }
    }
}
