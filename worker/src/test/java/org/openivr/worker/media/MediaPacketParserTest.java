package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaPacketParserTest {
    private final MediaPacketParser parser = new MediaPacketParser();

    @Test
    void readsAudioMetadataAt16And24kHz() throws Exception {
        MediaPacket.AudioMetadata m = (MediaPacket.AudioMetadata) parser.parse(Frames.metadata(16000));
        assertThat(m.sampleRate()).isEqualTo(16000);
        assertThat(m.length()).isEqualTo(640);
        assertThat(m.subscriptionId()).isEqualTo("89e8cb59-b991-48b0-b154-1db84f16a077");
        assertThat(((MediaPacket.AudioMetadata) parser.parse(Frames.metadata(24000))).length()).isEqualTo(960);
    }

    @Test
    void readsAudioDataInTheDocumentedShape() throws Exception {
        short[] pcm = {0, 1, -1, 32767, -32768, 256};
        MediaPacket.AudioData a = (MediaPacket.AudioData) parser.parse(Frames.audio(pcm, 0, pcm.length, "8:acs:x", false));
        assertThat(a.sampleCount()).isEqualTo(6);
        assertThat(java.util.Arrays.copyOf(a.samples(), 6)).containsExactly(pcm);
        assertThat(a.participant()).isEqualTo("8:acs:x");
        assertThat(a.silent()).isFalse();
        assertThat(a.timestamp()).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void decodesBase64LikeTheJdkForAnyFrame() throws Exception {
        java.util.Random random = new java.util.Random(1);
        for (int n = 0; n < 500; n++) {
            short[] pcm = new short[random.nextInt(481)];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) random.nextInt();
            }
            String frame = Frames.audio(pcm, 0, pcm.length, null, false);
            if (n % 2 == 1) {
                frame = frame.replace("=", ""); // padding is optional
            }
            MediaPacket.AudioData a = (MediaPacket.AudioData) parser.parse(frame);
            assertThat(java.util.Arrays.copyOf(a.samples(), a.sampleCount())).containsExactly(pcm);
        }
    }

    @Test
    void readsTheChildObjectAloneAndTheSdkSerialization() throws Exception {
        MediaPacket.AudioData alone = (MediaPacket.AudioData) parser.parse(
                "{\"audioData\":{\"data\":\"AQACAA==\",\"participantRawId\":\"4:+1425\",\"silent\":true}}");
        assertThat(alone.sampleCount()).isEqualTo(2);
        assertThat(alone.participant()).isEqualTo("4:+1425");
        assertThat(alone.silent()).isTrue();
        MediaPacket.AudioData sdk = (MediaPacket.AudioData) parser.parse("{\"kind\":\"audioData\",\"audioData\":{\"data\":\"AQA=\","
                + "\"timestamp\":null,\"participant\":{\"rawId\":\"8:acs:y\",\"kind\":\"communicationUser\"},\"isSilent\":false},"
                + "\"stopAudio\":null}");
        assertThat(sdk.sampleCount()).isEqualTo(1);
        assertThat(sdk.participant()).isEqualTo("8:acs:y");
        MediaPacket.AudioMetadata older = (MediaPacket.AudioMetadata) parser.parse(
                "{\"audioMetadata\":{\"mediaSubscriptionId\":\"s\",\"encoding\":\"PCM\",\"sampleRate\":24000,\"channels\":1,\"length\":960}}");
        assertThat(older.subscriptionId()).isEqualTo("s");
    }

    @Test
    void readsDtmfAndTranscriptionPackets() throws Exception {
        assertThat(((MediaPacket.DtmfData) parser.parse("{\"kind\":\"DtmfData\",\"dtmfData\":{\"data\":\"3\"}}")).digit()).isEqualTo("3");
        assertThat(((MediaPacket.DtmfData) parser.parse("{\"kind\":\"DtmfData\",\"dtmfData\":{\"data\":\"pound\"}}")).digit()).isEqualTo("#");
        MediaPacket.TranscriptionData t = (MediaPacket.TranscriptionData) parser.parse("{\"kind\":\"TranscriptionData\","
                + "\"transcriptionData\":{\"text\":\"Testing transcription.\",\"format\":\"display\",\"confidence\":0.695223331451416,"
                + "\"offset\":2516998782481234400,\"duration\":2160000,\"words\":[{\"text\":\"testing\",\"offset\":2516998782481234400,"
                + "\"duration\":5200000}],\"participantRawID\":\"8:acs:z\",\"resultStatus\":\"Final\"}}");
        assertThat(t.text()).isEqualTo("Testing transcription.");
        assertThat(t.confidence()).isBetween(0.69, 0.70);
        assertThat(t.durationTicks()).isEqualTo(2160000);
        assertThat(t.finalResult()).isTrue();
        assertThat(t.participant()).isEqualTo("8:acs:z");
        MediaPacket.TranscriptionMetadata tm = (MediaPacket.TranscriptionMetadata) parser.parse("{\"kind\":\"TranscriptionMetadata\","
                + "\"transcriptionMetadata\":{\"subscriptionId\":\"863b5e75\",\"locale\":\"en-us\",\"callConnectionId\":\"c\",\"correlationId\":\"r\"}}");
        assertThat(tm.locale()).isEqualTo("en-us");
        assertThat(((MediaPacket.TranscriptionData) parser.parse("{\"kind\":\"TranscriptionData\",\"transcriptionData\":"
                + "{\"text\":\"x\",\"resultStatus\":\"intermediate\"}}")).finalResult()).isFalse();
        assertThat(parser.parse("{\"kind\":\"StopAudio\",\"audioData\":null,\"stopAudio\":{}}"))
                .isEqualTo(new MediaPacket.Other("StopAudio"));
    }

    @Test
    void aCharacterOutsideBase64AnywhereInAFrameIsRefusedWithItsPosition() {
        String data = java.util.Base64.getEncoder().encodeToString(new byte[640]);
        for (char bad : new char[] {'!', '-', '_', '\u00c1', '\u0141', ' '}) {
            for (int at : new int[] {0, 5, 7, 8, 100, 847, data.length() - 3}) {
                String frame = "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\""
                        + data.substring(0, at) + bad + data.substring(at + 1) + "\"}}";
                assertThatThrownBy(() -> parser.parse(frame)).as("%s at %d", bad, at)
                        .isInstanceOf(MalformedPacketException.class).hasMessageEndingWith("' at " + at);
            }
        }
    }

    @Test
    void refusesMalformedFramesWithAReason() {
        for (String bad : new String[] {"", "not json", "[]", "{\"kind\":\"AudioData\"}", "{}",
                "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\"!!!\"}}",
                "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\"AQAB\"}}",
                "{\"kind\":\"AudioData\",\"audioData\":{\"data\":42}}",
                "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\"AQA=\",\"silent\":\"yes\"}}",
                "{\"kind\":\"AudioMetadata\",\"audioMetadata\":{\"sampleRate\":44100}}",
                "{\"kind\":\"AudioMetadata\",\"audioMetadata\":{\"sampleRate\":16000,\"encoding\":\"opus\"}}",
                "{\"kind\":\"DtmfData\",\"dtmfData\":{\"data\":\"x\"}}",
                "{\"kind\":\"AudioMetadata\",\"audioData\":{\"data\":\"AQA=\"}}",
                "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\"" + "A".repeat(8000) + "\"}}",
                "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\"AQA=\"}} trailing",
                "{\"kind\":\"AudioData\",\"audioData\":{\"data\":\"AQA=\"}"}) {
            assertThatThrownBy(() -> parser.parse(bad)).as(bad).isInstanceOf(MalformedPacketException.class);
        }
    }
}
