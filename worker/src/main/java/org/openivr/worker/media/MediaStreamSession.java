package org.openivr.worker.media;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.openivr.workflows.AudioSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ACS media (or transcription) stream of one call: parses each text frame, runs key-tone detection and voice
 * activity detection per participant (one state per {@code participantRawID}; mixed audio is participant
 * {@code ""}), and hands edges to an {@link AudioSignalSink}. {@link #onText} never throws: a malformed frame is
 * counted, logged at debug and skipped. Not thread-safe; a WebSocket session delivers its messages one at a time.
 */
public final class MediaStreamSession {
    private static final Logger log = LoggerFactory.getLogger(MediaStreamSession.class);
    static final int DEFAULT_RATE = 16000;
    /** How long after a key tone voice decisions are ignored (longer than the VAD's own hangover). */
    static final int KEY_GATE_MILLIS = 200;

    private final String callId;
    private final String streamId;
    private final MediaSettings settings;
    private final AudioSignalSink sink;
    private final boolean announce;
    private final MediaPacketParser parser = new MediaPacketParser();
    private final Map<String, ParticipantAudio> participants = new HashMap<>();
    private ParticipantAudio last;
    private int sampleRate;
    private int frameBytes;
    private long sequence;
    // Counters.
    private long frames;
    private long audioFrames;
    private long malformed;
    private long beforeMetadata;
    private long tooManyParticipants;
    private long signals;
    private String lastMalformed;

    public MediaStreamSession(String callId, MediaSettings settings, AudioSignalSink sink) {
        this(callId, settings, sink, true);
    }

    /** {@code announce = false}: no info lines for the stream's start and end (the warm-up's streams are no calls). */
    MediaStreamSession(String callId, MediaSettings settings, AudioSignalSink sink, boolean announce) {
        this.callId = callId;
        this.streamId = UUID.randomUUID().toString().substring(0, 8);
        this.settings = settings;
        this.sink = sink;
        this.announce = announce;
    }

    public String callId() {
        return callId;
    }

    /** One text frame from ACS. */
    public void onText(String text) {
        frames++;
        MediaPacket packet;
        try {
            packet = parser.parse(text);
        } catch (MalformedPacketException e) {
            malformed(e.getMessage());
            return;
        }
        try {
            handle(packet);
        } catch (RuntimeException e) { // a bug must not close the stream or lose the call's other audio
            malformed("could not process " + packet.getClass().getSimpleName() + ": " + e);
        }
    }

    /** A binary frame: ACS sends text frames only. */
    public void onBinary(int length) {
        frames++;
        malformed("binary frame of " + length + " bytes (ACS sends JSON text frames)");
    }

    private void malformed(String why) {
        malformed++;
        lastMalformed = why;
        if (malformed == 1 || Long.bitCount(malformed) == 1) { // 1, 2, 4, 8 ...: visible, never a flood
            log.warn("{} media stream {}: malformed frame skipped ({} so far): {}", callId, streamId, malformed, why);
        } else {
            log.debug("{} media stream {}: malformed frame skipped: {}", callId, streamId, why);
        }
    }

    private void handle(MediaPacket packet) {
        if (packet instanceof MediaPacket.AudioData a) {
            audio(a);
        } else if (packet instanceof MediaPacket.AudioMetadata m) {
            if (sampleRate != 0 && sampleRate != m.sampleRate()) {
                log.warn("{} media stream {}: sample rate changed {} -> {}; detectors restart", callId, streamId,
                        sampleRate, m.sampleRate());
                participants.values().forEach(ParticipantAudio::finish);
                participants.clear();
                last = null;
            }
            sampleRate = m.sampleRate();
            frameBytes = m.length() > 0 ? m.length() : sampleRate / 50 * 2;
            if (announce) {
                log.info("{} media stream {}: {} Hz, {} bytes per packet, subscription {}", callId, streamId,
                        sampleRate, frameBytes, m.subscriptionId());
            }
        } else if (packet instanceof MediaPacket.DtmfData d) {
            emit(participant(d.participant()), AudioSignal.Kind.KEY, d.digit(), AudioSignal.ACS, null, 0, 0, -1);
        } else if (packet instanceof MediaPacket.TranscriptionData t) {
            if (t.finalResult() && !t.text().isBlank()) {
                emit(participant(t.participant()), AudioSignal.Kind.PHRASE, null, AudioSignal.TRANSCRIPTION, t.text(),
                        Double.isNaN(t.confidence()) ? 0 : t.confidence(), 0, -1);
            }
        } else if (packet instanceof MediaPacket.TranscriptionMetadata t) {
            log.info("{} transcription stream {}: locale {}", callId, streamId, t.locale());
        } else if (packet instanceof MediaPacket.Other o) {
            log.debug("{} media stream {}: {} packet ignored", callId, streamId, o.kind());
        }
    }

    private void audio(MediaPacket.AudioData a) {
        audioFrames++;
        if (sampleRate == 0) {
            beforeMetadata++;
            if (beforeMetadata == 1) {
                log.warn("{} media stream {}: audio before AudioMetadata; assuming {} Hz", callId, streamId, DEFAULT_RATE);
            }
            sampleRate = DEFAULT_RATE;
            frameBytes = DEFAULT_RATE / 50 * 2;
        }
        String who = participant(a.participant());
        // Consecutive frames mostly come from the same participant: an equals on the last one spares hashing the
        // id the parser made anew for this frame.
        ParticipantAudio p = last != null && last.id.equals(who) ? last : participants.get(who);
        if (p == null) {
            if (participants.size() >= settings.maxParticipants()) {
                tooManyParticipants++;
                if (tooManyParticipants == 1) {
                    log.warn("{} media stream {}: more than {} participants; audio of {} skipped", callId, streamId,
                            settings.maxParticipants(), who);
                }
                return;
            }
            p = new ParticipantAudio(who);
            participants.put(who, p);
        }
        last = p;
        if (a.sampleCount() == 0 && a.silent()) {
            p.silence(frameBytes / 2);
        } else {
            p.process(a.samples(), a.sampleCount());
        }
    }

    private static String participant(String raw) {
        return raw == null ? "" : raw;
    }

    /** The stream closed: keys still sounding end, and the counters are logged. */
    public void close() {
        participants.values().forEach(ParticipantAudio::finish);
        if (!announce) {
            return;
        }
        log.info("{} media stream {} closed: {} frames ({} audio, {} malformed, {} before metadata, {} skipped for "
                        + "participants), {} signals{}", callId, streamId, frames, audioFrames, malformed, beforeMetadata,
                tooManyParticipants, signals, lastMalformed == null ? "" : "; last malformed: " + lastMalformed);
    }

    public long frames() {
        return frames;
    }

    public long malformed() {
        return malformed;
    }

    public long signals() {
        return signals;
    }

    private void emit(String participant, AudioSignal.Kind kind, String key, String source, String text,
                      double confidence, long silenceMillis, long audioMillis) {
        ParticipantAudio p = participants.get(participant);
        long now = p == null ? 0 : p.millis();
        emit(participant, kind, key, source, text, confidence, silenceMillis, audioMillis < 0 ? now : audioMillis, now);
    }

    private void emit(String participant, AudioSignal.Kind kind, String key, String source, String text,
                      double confidence, long silenceMillis, long audioMillis, long detectedMillis) {
        signals++;
        AudioSignal signal = new AudioSignal(callId + "/" + streamId + "/" + (++sequence), kind, participant,
                audioMillis, detectedMillis, key, source, text, confidence, silenceMillis);
        sink.send(callId, signal);
    }

    /** Detectors and edge state for one participant. */
    private final class ParticipantAudio implements KeyToneDetector.Listener, SpeechTracker.Listener {
        final String id;
        final int rate = sampleRate;
        final KeyToneDetector keys = new KeyToneDetector(sampleRate, this);
        final VoiceActivityDetector vad = new VoiceActivityDetector(sampleRate);
        final SpeechTracker speech = new SpeechTracker(settings.speechStartFrames(),
                Math.max(1, settings.speechEndMillis() / 20), settings.silenceFrames(), this);
        private short[] zeros = new short[0];
        private long keyGateUntil = -1;
        private long samples;

        ParticipantAudio(String id) {
            this.id = id;
        }

        long millis() {
            return samples * 1000 / rate;
        }

        void process(short[] pcm, int count) {
            samples += count;
            keys.process(pcm, 0, count);
            // A key tone is not speech: frames decided while one sounds (or is being confirmed), and for the VAD's own
            // hangover after it, count as silence.
            if (keys.toneActive()) {
                keyGateUntil = samples + (long) rate * KEY_GATE_MILLIS / 1000;
            }
            vad.process(pcm, 0, count, voiced -> speech.frame(voiced && samples > keyGateUntil));
        }

        void silence(int count) {
            if (zeros.length < count) {
                zeros = new short[count];
            }
            process(zeros, count);
        }

        void finish() {
            keys.finish();
        }

        private long ms(long sample) {
            return sample * 1000 / rate;
        }

        @Override
        public void keyStarted(char key, long startSample, long detectedAtSample) {
            emit(id, AudioSignal.Kind.KEY, String.valueOf(key), AudioSignal.IN_BAND, null, 0, 0, ms(startSample),
                    ms(detectedAtSample));
        }

        @Override
        public void speechStarted(long onsetFrame, long detectedFrame) {
            emit(id, AudioSignal.Kind.SPEECH_STARTED, null, AudioSignal.VAD, null, 0, 0, onsetFrame * 20,
                    (detectedFrame + 1) * 20);
        }

        @Override
        public void speechEnded(long lastSpeechFrame, long detectedFrame) {
            emit(id, AudioSignal.Kind.SPEECH_ENDED, null, AudioSignal.VAD, null, 0, settings.speechEndMillis(),
                    (lastSpeechFrame + 1) * 20, (detectedFrame + 1) * 20);
        }

        @Override
        public void silence(long silentFrames, long detectedFrame) {
            long end = (detectedFrame + 1) * 20;
            emit(id, AudioSignal.Kind.SILENCE, null, AudioSignal.VAD, null, 0, silentFrames * 20,
                    end - silentFrames * 20, end);
        }
    }
}
