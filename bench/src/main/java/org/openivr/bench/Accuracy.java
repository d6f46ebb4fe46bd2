package org.openivr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The accuracy harness: generates the corpus (audio-dsp-notes §5), runs our key-tone detector at 16 and 24 kHz and
 * spandsp's at 8 kHz on the same scenes, our VAD and WebRTC's on the same speech, and prints one table per area.
 * Run by {@code bench/accuracy.sh}; {@code --quick} uses a smaller corpus, {@code --vad-only} skips the key tones.
 */
public final class Accuracy {
    private final List<KeyDecoders.Decoder> decoders = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final boolean quick;
    private final Path work;

    private Accuracy(Path oracle, Path work, boolean quick) {
        this.quick = quick;
        this.work = work;
        decoders.add(KeyDecoders.ours(16000));
        decoders.add(KeyDecoders.ours(24000));
        decoders.add(KeyDecoders.spandsp(oracle, work));
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Path target = Path.of("bench/target");
        Path oracle = target.resolve("spandsp_oracle");
        if (!Files.isExecutable(oracle)) {
            throw new IllegalStateException(oracle + " is missing: run bench/accuracy.sh, which builds it");
        }
        Path work = Files.createDirectories(target.resolve("corpus"));
        System.out.printf(Locale.ROOT, "openivr accuracy harness, %s%s; %s; JDK %s%n", LocalDate.now(),
                quick ? " (quick corpus)" : "", Machine.describe(), System.getProperty("java.version"));
        Accuracy a = new Accuracy(oracle, work, quick);
        if (!Arrays.asList(args).contains("--vad-only")) { // --vad-only: after a change to the VAD alone
            a.keys();
            a.printKeys();
        }
        a.vad(new SpeechCorpus(work));
    }

    // ---- key tones ---------------------------------------------------------------------------------------------

    private record Outcome(List<KeyDecoders.Hit> hits, Scene scene) {}

    private List<Outcome> run(long seed, Consumer<Scene> build) throws IOException, InterruptedException {
        Scene scene = new Scene(seed);
        build.accept(scene);
        scene.silence(200);
        List<Outcome> out = new ArrayList<>();
        for (KeyDecoders.Decoder d : decoders) {
            out.add(new Outcome(d.decode(scene.render(d.rate())), scene));
        }
        return out;
    }

    /** Matches hits to expected keys (same key, reported within the tone or 80 ms after it). */
    private static int[] match(Outcome o, String group, List<Double> latencies) {
        List<Scene.Expected> expected = o.scene().expected;
        boolean[] used = new boolean[o.hits().size()];
        int matched = 0;
        int total = 0;
        for (Scene.Expected e : expected) {
            if (group != null && !e.group().startsWith(group)) {
                continue;
            }
            total++;
            for (int i = 0; i < o.hits().size(); i++) {
                KeyDecoders.Hit h = o.hits().get(i);
                if (!used[i] && h.key() == e.key() && h.reported() >= e.start() && h.reported() <= e.start() + e.length() + 0.08) {
                    used[i] = true;
                    matched++;
                    if (latencies != null) {
                        latencies.add((h.reported() - e.start()) * 1000);
                    }
                    break;
                }
            }
        }
        int extra = 0;
        if (group == null) {
            for (boolean u : used) {
                extra += u ? 0 : 1;
            }
        }
        return new int[] {matched, total, extra};
    }

    private void row(String test, String goal, List<String> cells) {
        String[] r = new String[2 + cells.size()];
        r[0] = test;
        r[1] = goal;
        for (int i = 0; i < cells.size(); i++) {
            r[2 + i] = cells.get(i);
        }
        rows.add(r);
    }

    private static String pct(int n, int of) {
        return of == 0 ? "-" : String.format(Locale.ROOT, "%.2f %% (%d/%d)", 100.0 * n / of, n, of);
    }

    private static char randomKey(Scene s) {
        return Scene.KEYPAD.charAt(s.random.nextInt(16));
    }

    private void keys() throws IOException, InterruptedException {
        int reps = quick ? 1 : 5;
        // Accept grid: 16 keys × level × twist × deviation (row or column), 40 ms on / 40 ms off.
        double[] levels = {-3, -8, -13, -18, -23, -28};
        double[] twists = {-8, -4, 0, 4};
        double[] deviations = {-0.015, 0, 0.015};
        List<Outcome> grid = run(1, s -> {
            for (int rep = 0; rep < reps; rep++) {
                for (double level : levels) {
                    for (double twist : twists) {
                        for (double dev : deviations) {
                            for (int onRow = 0; onRow < 2; onRow++) {
                                s.group("L" + level + " T" + twist + " D" + dev + (onRow == 1 ? " row" : " col"));
                                s.silence(40 + s.random.nextDouble() * 5);
                                for (char key : Scene.KEYPAD.toCharArray()) {
                                    double low = twist > 0 ? level - twist : level;
                                    s.key(key, low, twist, 40, onRow == 1 ? 1 + dev : 1, onRow == 1 ? 1 : 1 + dev).silence(40);
                                }
                            }
                        }
                    }
                }
            }
        });
        List<List<Double>> latency = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Outcome o : grid) {
            List<Double> l = new ArrayList<>();
            int[] m = match(o, null, l);
            latency.add(l);
            all.add(pct(m[0], m[1]) + (m[2] > 0 ? ", " + m[2] + " extra" : ""));
        }
        row("accept: all 16 keys, −3…−28 dBFS, twist −8…+4 dB, ±1.5 %, 40/40 ms", "100 %", all);
        for (String[] g : new String[][] {{"T-8.0", "twist −8 dB (high tone weaker)"}, {"T4.0", "twist +4 dB"}}) {
            row("  of which " + g[1], "100 %", grid.stream().map(o -> {
                int[] m = matchGroup(o, g[0]);
                return pct(m[0], m[1]);
            }).toList());
        }
        row("  of which deviation ±1.5 %", "100 %", grid.stream().map(o -> {
            int[] a = matchGroup(o, "D-0.015");
            int[] b = matchGroup(o, "D0.015");
            return pct(a[0] + b[0], a[1] + b[1]);
        }).toList());
        row("  of which level −28 dBFS", "100 %", grid.stream().map(o -> pct(matchPrefix(o, "L-28.0")[0], matchPrefix(o, "L-28.0")[1])).toList());
        row("key reported after tone onset, p50 / p99", "p99 ≤ 45 ms", latency.stream().map(l -> {
            double[] v = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return String.format(Locale.ROOT, "%.0f / %.0f ms", VadEval.percentile(v, 50), VadEval.percentile(v, 99));
        }).toList());

        // Frequency reject.
        for (double dev : new double[] {0.035, 0.045}) {
            List<Outcome> r = run((long) (dev * 1e4), s -> {
                for (int i = 0; i < 10 * reps; i++) {
                    for (char key : Scene.KEYPAD.toCharArray()) {
                        for (int side = 0; side < 4; side++) {
                            double d = side % 2 == 0 ? dev : -dev;
                            s.silence(50).key(key, -10, 0, 60, side < 2 ? 1 + d : 1, side < 2 ? 1 : 1 + d);
                        }
                    }
                }
            });
            row(String.format(Locale.ROOT, "reject: either tone ±%.1f %% off", dev * 100), "0 keys",
                    r.stream().map(o -> o.hits().size() + " of " + o.scene().expected.size()).toList());
        }
        // Duration.
        for (double ms : new double[] {20, 23, 26, 30, 34, 40}) {
            List<Outcome> r = run((long) ms, s -> {
                for (int i = 0; i < 160 * reps / (quick ? 1 : 2); i++) {
                    s.silence(60 + s.random.nextDouble() * 10).key(randomKey(s), -10, 0, ms);
                }
            });
            boolean reject = ms <= 23;
            row((reject ? "reject: " : "accept: ") + "tone of " + (int) ms + " ms", reject ? "0 keys" : ms >= 40 ? "100 %" : "(may)",
                    r.stream().map(o -> reject ? o.hits().size() + " of " + o.scene().expected.size()
                            : pct(match(o, null, null)[0], o.scene().expected.size())).toList());
        }
        // Level.
        for (double level : new double[] {-45, -48, -52, -58, -62}) {
            List<Outcome> r = run((long) -level, s -> {
                for (int i = 0; i < 80 * reps; i++) {
                    s.silence(50).key(randomKey(s), level, 0, 60);
                }
            });
            boolean reject = level <= -58;
            row((reject ? "reject: " : "floor: ") + (int) level + " dBFS per tone", reject ? "0 keys" : "(may)",
                    r.stream().map(o -> reject ? o.hits().size() + " of " + o.scene().expected.size()
                            : pct(match(o, null, null)[0], o.scene().expected.size())).toList());
        }
        // Timing: 40 ms pause between the same key; 10 ms dropout inside one.
        List<Outcome> pause = run(40, s -> {
            for (int i = 0; i < 160 * reps; i++) {
                char key = randomKey(s);
                s.silence(60 + s.random.nextDouble() * 10).key(key, -12, 0, 50).silence(40).key(key, -12, 0, 50);
            }
        });
        row("same key, 50 ms + 40 ms pause + 50 ms: counted twice", "100 %",
                pause.stream().map(o -> pct(match(o, null, null)[0], o.scene().expected.size())).toList());
        List<Outcome> dropout = run(10, s -> {
            for (int i = 0; i < 160 * reps; i++) {
                char key = randomKey(s);
                s.group("k").silence(70 + s.random.nextDouble() * 10).key(key, -12, 0, 30 + s.random.nextDouble() * 20)
                        .silence(10).group("second").key(key, -12, 0, 30 + s.random.nextDouble() * 20);
            }
        });
        row("one key with a 10 ms dropout: split in two", "≤ 1 %", dropout.stream().map(o -> {
            int presses = o.scene().expected.size() / 2;
            return pct(Math.max(0, o.hits().size() - presses), presses) + ", " + (presses - Math.min(presses, o.hits().size())) + " missed";
        }).toList());
        List<Outcome> fast = run(93, s -> {
            for (int i = 0; i < 320 * reps; i++) {
                s.key(randomKey(s), -15, -2, 50).silence(43);
            }
        });
        row("10 keys/s (50 ms on, 43 ms off)", "100 %", fast.stream().map(o -> {
            int[] m = match(o, null, null);
            return pct(m[0], m[1]) + (m[2] > 0 ? ", " + m[2] + " extra" : "");
        }).toList());
        // Noise: per-tone power vs 300–3400 Hz Gaussian noise.
        for (double snr : new double[] {15, 12, 9, 6}) {
            List<Outcome> r = run((long) snr + 500, s -> {
                for (int i = 0; i < (quick ? 300 : 1000); i++) {
                    s.silence(45 + s.random.nextDouble() * 10).key(randomKey(s), -20, 0, 50);
                }
                s.bandNoise(-20 - 3 - snr);
            });
            row("noise: per-tone SNR " + (int) snr + " dB (300–3400 Hz)", snr >= 15 ? "≥ 99.9 %" : "(report)", r.stream().map(o -> {
                int[] m = match(o, null, null);
                return pct(m[0], m[1]) + ", " + m[2] + " false";
            }).toList());
        }
        // Talk-off: adversarial harmonic "sung vowels" (audio-dsp-notes §5.4) and TTS speech.
        double minutes = quick ? 5 : 30;
        List<Outcome> harmonic = run(2024, s -> {
            while (s.duration() < minutes * 60) {
                double f0 = 80 + s.random.nextDouble() * 270;
                s.voice(50 + s.random.nextDouble() * 550, -20 + s.random.nextDouble() * 10, f0,
                        f0 * (0.8 + 0.4 * s.random.nextDouble()), 300 + s.random.nextDouble() * 700,
                        900 + s.random.nextDouble() * 1600);
                s.silence(s.random.nextDouble() * 40);
            }
        });
        row(String.format(Locale.ROOT, "talk-off: adversarial harmonic vowels, %.0f min", minutes), "≤ spandsp",
                harmonic.stream().map(o -> o.hits().size() + " false").toList());
        SpeechCorpus speech = new SpeechCorpus(work);
        int utterances = quick ? 40 : 300;
        List<String> tts = new ArrayList<>();
        double ttsMinutes = 0;
        for (KeyDecoders.Decoder d : decoders) {
            SpeechCorpus.Labelled l = speech.vadStream(utterances, d.rate(), 77);
            ttsMinutes = l.pcm().length / (double) d.rate() / 60;
            tts.add(d.decode(l.pcm()).size() + " false");
        }
        row(String.format(Locale.ROOT, "talk-off: espeak-ng speech, %.1f min", ttsMinutes), "0", tts);
    }

    private static int[] matchGroup(Outcome o, String tag) {
        return matchWhere(o, e -> Arrays.asList(e.group().split(" ")).contains(tag));
    }

    private static int[] matchPrefix(Outcome o, String prefix) {
        return matchWhere(o, e -> e.group().startsWith(prefix + " "));
    }

    private static int[] matchWhere(Outcome o, java.util.function.Predicate<Scene.Expected> which) {
        Scene scene = o.scene();
        List<Scene.Expected> chosen = scene.expected.stream().filter(which).toList();
        int matched = 0;
        boolean[] used = new boolean[o.hits().size()];
        for (Scene.Expected e : chosen) {
            for (int i = 0; i < o.hits().size(); i++) {
                KeyDecoders.Hit h = o.hits().get(i);
                if (!used[i] && h.key() == e.key() && h.reported() >= e.start() && h.reported() <= e.start() + e.length() + 0.08) {
                    used[i] = true;
                    matched++;
                    break;
                }
            }
        }
        return new int[] {matched, chosen.size()};
    }

    private void printKeys() {
        List<String> header = new ArrayList<>(List.of("test", "goal"));
        decoders.forEach(d -> header.add(d.name()));
        print("Key tones (same scenes rendered at each decoder's rate)", header, rows);
        rows.clear();
    }

    static void print(String title, List<String> header, List<String[]> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        System.out.println();
        System.out.println("## " + title);
        System.out.println();
        StringBuilder line = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < width.length; i++) {
            line.append(' ').append(pad(header.get(i), width[i])).append(" |");
            rule.append(i < 2 ? "-" : "-").append("-".repeat(width[i])).append(i < 2 ? "-|" : ":|");
        }
        System.out.println(line);
        System.out.println(rule);
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder("|");
            for (int i = 0; i < width.length; i++) {
                b.append(' ').append(pad(r[i], width[i])).append(" |");
            }
            System.out.println(b);
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    // ---- voice activity --------------------------------------------------------------------------------------

    private void vad(SpeechCorpus corpus) throws Exception {
        int utterances = quick ? 40 : 188;
        SpeechCorpus.Labelled l16 = corpus.vadStream(utterances, 16000, 1);
        SpeechCorpus.Labelled l24 = corpus.vadStream(utterances, 24000, 1);
        double minutes = l16.pcm().length / 16000.0 / 60;
        Map<String, List<String>> cells = new LinkedHashMap<>();
        List<String> header = new ArrayList<>(List.of("test", "goal", "ours @16 kHz", "ours @24 kHz"));
        for (int mode = 0; mode < 4; mode++) {
            header.add("WebRTC mode " + mode + " @16 kHz");
        }
        List<String[]> out = new ArrayList<>();
        for (double snr : new double[] {99, 10, 5, 0}) {
            short[] p16 = snr >= 99 ? l16.pcm() : SpeechCorpus.withNoise(l16, snr, 5);
            short[] p24 = snr >= 99 ? l24.pcm() : SpeechCorpus.withNoise(l24, snr, 5);
            List<VadEval.Score> scores = new ArrayList<>();
            scores.add(VadEval.score(VadEval.ours(p16, 16000), l16));
            scores.add(VadEval.score(VadEval.ours(p24, 24000), l24));
            for (int mode = 0; mode < 4; mode++) {
                scores.add(VadEval.score(VadEval.webrtc(p16, 16000, mode), l16));
            }
            String cond = snr >= 99 ? "clean" : (int) snr + " dB SNR (white)";
            out.add(cells(cond + ": frame F1 (P/R)", snr >= 5 ? "≥ 0.95" : "(report)", scores,
                    s -> String.format(Locale.ROOT, "%.3f (%.2f/%.2f)", s.f1(), s.precision(), s.recall())));
            out.add(cells(cond + ": missed utterances", "0", scores, s -> s.missed() + " of " + s.utterances()));
            out.add(cells(cond + ": false starts per min of non-speech", "≤ 0.2", scores,
                    s -> String.format(Locale.ROOT, "%.2f", s.falseStartsPerMin())));
            out.add(cells(cond + ": speech start after onset p50 / p95", "≤ 100 / 200 ms", scores,
                    s -> String.format(Locale.ROOT, "%.0f / %.0f ms", s.onsetP50Ms(), s.onsetP95Ms())));
        }
        print(String.format(Locale.ROOT, "Voice activity (espeak-ng TTS + gaps, %d utterances, %.1f min; start after 3 "
                + "frames, end after 200 ms)", utterances, minutes), header, out);
    }

    private static String[] cells(String test, String goal, List<VadEval.Score> scores,
                                  java.util.function.Function<VadEval.Score, String> f) {
        String[] r = new String[2 + scores.size()];
        r[0] = test;
        r[1] = goal;
        for (int i = 0; i < scores.size(); i++) {
            r[2 + i] = f.apply(scores.get(i));
        }
        return r;
    }
}
