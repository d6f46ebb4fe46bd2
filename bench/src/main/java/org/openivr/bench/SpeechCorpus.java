package org.openivr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * TTS speech from Debian's espeak-ng (voices, pitch and speed varied), band-limited to 300–3400 Hz and
 * resampled by sox to the rate asked for (audio-dsp-notes §5.3). Text: the licence texts Debian ships. Cached
 * under {@code bench/target/corpus}.
 */
final class SpeechCorpus {
    private static final String[] VOICES = {"en-us", "en-us+m3", "en-us+f3", "en-gb-scotland", "en+m5", "en-us+f2",
            "en-gb-x-rp", "en+f4", "en-029", "en-gb-x-gbcwmd"};

    private final Path cache;

    SpeechCorpus(Path cache) {
        this.cache = cache;
    }

    /** Sentences of 4 to 30 words from the licence texts. */
    static List<String> sentences() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : new String[] {"GPL-3", "Apache-2.0", "MPL-2.0", "LGPL-2.1"}) {
            Path file = Path.of("/usr/share/common-licenses", name);
            if (!Files.exists(file)) {
                continue;
            }
            String text = Files.readString(file).replaceAll("\\s+", " ");
            for (String s : text.split("(?<=[.;:])\\s")) {
                String clean = s.replaceAll("[^A-Za-z0-9 ,.'-]", " ").replaceAll(" +", " ").trim();
                int words = clean.split(" ").length;
                if (words >= 4 && words <= 30) {
                    out.add(clean);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no text found under /usr/share/common-licenses");
        }
        return out;
    }

    /** Utterance {@code i} (deterministic voice, pitch, speed and sentence) at {@code rate}. */
    short[] utterance(int i, int rate, List<String> sentences) throws IOException, InterruptedException {
        Path file = cache.resolve("speech-" + rate).resolve("u" + i + ".raw");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Random r = new Random(i * 7919L);
            String voice = VOICES[i % VOICES.length];
            int pitch = 5 + r.nextInt(91);
            int speed = 130 + r.nextInt(71);
            String text = sentences.get((i * 37) % sentences.size());
            Path tmp = Files.createTempFile(file.getParent(), "u", ".tmp");
            ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                    "espeak-ng -v \"$1\" -p \"$2\" -s \"$3\" --stdout \"$4\" | sox -q -t wav - -t raw -e signed -b 16 -c 1 -r \"$5\" \"$6\" sinc 300-3400 norm -6",
                    "speech", voice, String.valueOf(pitch), String.valueOf(speed), text, String.valueOf(rate),
                    tmp.toString());
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (p.waitFor() != 0) {
                throw new IOException("espeak-ng/sox failed: " + output);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] bytes = Files.readAllBytes(file);
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    /**
     * Utterances separated by gaps of 0.3–2.5 s, with frame labels (20 ms): from the first to the last frame of
     * each utterance whose RMS is above −50 dBFS.
     */
    record Labelled(short[] pcm, boolean[] speech, List<int[]> utterances, int rate) {
        double activeRms() {
            double p = 0;
            long n = 0;
            int frame = rate / 50;
            for (int f = 0; f < speech.length; f++) {
                if (speech[f]) {
                    for (int i = f * frame; i < Math.min(pcm.length, (f + 1) * frame); i++) {
                        p += (double) pcm[i] * pcm[i];
                        n++;
                    }
                }
            }
            return Math.sqrt(p / Math.max(1, n));
        }
    }

    Labelled vadStream(int utterances, int rate, long seed) throws IOException, InterruptedException {
        List<String> sentences = sentences();
        Random r = new Random(seed);
        List<short[]> parts = new ArrayList<>();
        List<Integer> gaps = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < utterances; i++) {
            int gap = (int) ((0.3 + r.nextDouble() * 2.2) * rate);
            gap -= gap % (rate / 50);
            short[] u = utterance(i, rate, sentences);
            gaps.add(gap);
            parts.add(u);
            total += gap + u.length + (rate / 50);
        }
        int frame = rate / 50;
        total += rate; // a last second of silence
        short[] pcm = new short[total];
        boolean[] speech = new boolean[total / frame + 1];
        List<int[]> spans = new ArrayList<>();
        int at = 0;
        double floor = 32767 * Math.pow(10, -50 / 20.0);
        for (int i = 0; i < parts.size(); i++) {
            at += gaps.get(i);
            short[] u = parts.get(i);
            System.arraycopy(u, 0, pcm, at, u.length);
            int first = -1;
            int last = -1;
            for (int f = 0; f * frame < u.length; f++) {
                if (Filters.rms(u, f * frame, Math.min(u.length, (f + 1) * frame)) > floor) {
                    if (first < 0) {
                        first = f;
                    }
                    last = f;
                }
            }
            if (first >= 0) {
                int f0 = at / frame + first;
                int f1 = at / frame + last;
                for (int f = f0; f <= f1; f++) {
                    speech[f] = true;
                }
                spans.add(new int[] {f0, f1});
            }
            at += u.length;
            at += frame - (at % frame); // next utterance starts on a frame boundary
        }
        return new Labelled(pcm, speech, spans, rate);
    }

    /** Adds white Gaussian noise at this SNR relative to the active speech RMS. */
    static short[] withNoise(Labelled l, double snrDb, long seed) {
        double sigma = l.activeRms() / Math.pow(10, snrDb / 20);
        Random r = new Random(seed);
        short[] out = new short[l.pcm().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(l.pcm()[i] + sigma * r.nextGaussian())));
        }
        return out;
    }
}
