package org.openivr.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openivr.worker.media.KeyToneDetector;

/** The key decoders the harness compares, each fed 20 ms chunks of one rendering of a scene. */
final class KeyDecoders {
    private KeyDecoders() {}

    /** A key as a decoder reported it: when its tone began (if known) and when it was reported (seconds). */
    record Hit(char key, double start, double reported) {}

    interface Decoder {
        String name();

        int rate();

        List<Hit> decode(short[] pcm) throws IOException, InterruptedException;
    }

    static Decoder ours(int rate) {
        return new Decoder() {
            @Override
            public String name() {
                return "ours @" + rate / 1000 + " kHz";
            }

            @Override
            public int rate() {
                return rate;
            }

            @Override
            public List<Hit> decode(short[] pcm) {
                List<Hit> hits = new ArrayList<>();
                KeyToneDetector detector = new KeyToneDetector(rate, (key, start, detected) ->
                        hits.add(new Hit(key, start / (double) rate, detected / (double) rate)));
                int frame = rate / 50;
                for (int i = 0; i < pcm.length; i += frame) {
                    detector.process(pcm, i, Math.min(frame, pcm.length - i));
                }
                detector.finish();
                return hits;
            }
        };
    }

    /** spandsp's dtmf_rx (Debian libspandsp 0.0.6) at 8 kHz through {@code spandsp_oracle}. */
    static Decoder spandsp(Path oracle, Path work) {
        return new Decoder() {
            @Override
            public String name() {
                return "spandsp @8 kHz";
            }

            @Override
            public int rate() {
                return 8000;
            }

            @Override
            public List<Hit> decode(short[] pcm) throws IOException, InterruptedException {
                Path raw = Files.createTempFile(work, "scene", ".raw");
                try {
                    ByteBuffer buffer = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                    buffer.asShortBuffer().put(pcm);
                    Files.write(raw, buffer.array());
                    Process p = new ProcessBuilder(oracle.toString(), raw.toString()).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    if (p.waitFor() != 0) {
                        throw new IOException("spandsp_oracle failed: " + out);
                    }
                    List<Hit> hits = new ArrayList<>();
                    for (String line : out.split("\n")) {
                        if (line.length() >= 3) {
                            char key = line.charAt(0);
                            long at = Long.parseLong(line.substring(2).trim());
                            hits.add(new Hit(key == 'a' || key == 'b' || key == 'c' || key == 'd'
                                    ? Character.toUpperCase(key) : key, Double.NaN, at / 8000.0));
                        }
                    }
                    return hits;
                } finally {
                    Files.deleteIfExists(raw);
                }
            }
        };
    }
}
