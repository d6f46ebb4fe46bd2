package org.openivr.bench;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openivr.worker.media.KeyToneDetector;
import org.openivr.worker.media.MalformedPacketException;
import org.openivr.worker.media.MediaPacket;
import org.openivr.worker.media.MediaPacketParser;
import org.openivr.worker.media.MediaSettings;
import org.openivr.worker.media.MediaStreamSession;
import org.openivr.worker.media.VoiceActivityDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-frame path of the streaming worker, one 20 ms ACS AudioData text frame per operation: parse (JSON +
 * base64 + PCM), key-tone detection, VAD, and all of it together as the WebSocket handler runs it
 * ({@link MediaStreamSession#onText}). The audio cycles through 10 s of silence, noise, key tones and speech-like
 * sound. Run: {@code bench/jmh.sh} (add {@code -prof gc} for allocation per frame).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FramePathBenchmark {
    @Param({"16000", "24000"})
    int rate;

    private List<String> frames;
    private List<short[]> pcm;
    private int next;
    private MediaPacketParser parser;
    private KeyToneDetector keys;
    private VoiceActivityDetector vad;
    private MediaStreamSession session;
    private long signals;

    @Setup(Level.Trial)
    public void setUp() {
        Scene s = new Scene(3);
        for (int i = 0; i < 10; i++) {
            s.silence(300).key(Scene.KEYPAD.charAt(i), -12, 1, 80).silence(120);
            double f0 = 100 + 10 * i;
            s.voice(400, -22, f0, f0 * 1.1, 500, 1500);
        }
        s.whiteNoise(-60);
        short[] audio = s.render(rate);
        int frame = rate / 50;
        frames = new ArrayList<>();
        pcm = new ArrayList<>();
        byte[] bytes = new byte[frame * 2];
        for (int i = 0; i + frame <= audio.length; i += frame) {
            for (int j = 0; j < frame; j++) {
                bytes[2 * j] = (byte) audio[i + j];
                bytes[2 * j + 1] = (byte) (audio[i + j] >> 8);
            }
            frames.add("{\"kind\":\"AudioData\",\"audioData\":{\"timestamp\":\"2024-11-15T19:16:12.925Z\","
                    + "\"participantRawID\":\"4:+14255550123\",\"data\":\"" + Base64.getEncoder().encodeToString(bytes)
                    + "\",\"silent\":false}}");
            short[] f = new short[frame];
            System.arraycopy(audio, i, f, 0, frame);
            pcm.add(f);
        }
        parser = new MediaPacketParser();
        keys = new KeyToneDetector(rate, (key, start, at) -> signals++);
        vad = new VoiceActivityDetector(rate);
        session = new MediaStreamSession("call-bench", MediaSettings.defaults(), (callId, signal) -> signals++);
        session.onText("{\"kind\":\"AudioMetadata\",\"audioMetadata\":{\"subscriptionId\":\"s\",\"encoding\":\"PCM\","
                + "\"sampleRate\":" + rate + ",\"channels\":1,\"length\":" + frame * 2 + "}}");
    }

    private int advance() {
        int i = next;
        next = (next + 1) % frames.size();
        return i;
    }

    @Benchmark
    public int parse() throws MalformedPacketException {
        return ((MediaPacket.AudioData) parser.parse(frames.get(advance()))).sampleCount();
    }

    @Benchmark
    public boolean keyDetection() {
        short[] f = pcm.get(advance());
        keys.process(f, 0, f.length);
        return keys.toneActive();
    }

    @Benchmark
    public double vad() {
        short[] f = pcm.get(advance());
        vad.process(f, 0, f.length, speech -> signals += speech ? 1 : 0);
        return vad.lastScore();
    }

    /** What the WebSocket thread does per frame: parse + decode + key detection + VAD + edges. */
    @Benchmark
    public long fullFrame() {
        session.onText(frames.get(advance()));
        return signals;
    }
}
