package org.openivr.worker.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a WebSocket peer sends, the media packet parser reads it or rejects it with a
 * {@link MalformedPacketException} that says why; nothing else escapes, so no frame can end a stream.
 * The seed corpus is the committed frames in {@code media-packet-seeds/} (both AudioData shapes,
 * metadata at 16 and 24 kHz, DTMF, transcription), mutated.
 */
class MediaPacketFuzzTest {
    private static final List<String> SEED_FILES = List.of("audio-metadata-16k.json", "audio-metadata-24k.json",
            "audio-data-unmixed.json", "audio-data-mixed-silent.json", "audio-data-sdk-shape.json", "dtmf-data.json",
            "transcription-metadata.json", "transcription-data.json");
    private static final List<String> SEEDS = SEED_FILES.stream().map(MediaPacketFuzzTest::seed).toList();

    private final MediaPacketParser parser = new MediaPacketParser();

    private static String seed(String file) {
        try (InputStream in = MediaPacketFuzzTest.class.getResourceAsStream("/media-packet-seeds/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing seed " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Example
    void everySeedIsAValidPacket() throws Exception {
        for (String seed : SEEDS) {
            assertThat(parser.parse(seed)).as(seed).isNotInstanceOf(MediaPacket.Other.class);
        }
    }

    @Provide
    Arbitrary<String> mutatedFrames() {
        return Arbitraries.of(SEEDS).flatMap(seed -> Arbitraries.integers().between(0, seed.length() - 1).list()
                .ofMinSize(1).ofMaxSize(6).flatMap(points -> Arbitraries.strings().ofMaxLength(4)
                        .withChars("{}[]\":,0123456789-.eEnulltrfas\\/+= AQ\u00e9\u0000\ud83d")
                        .list().ofSize(points.size())
                        .map(inserts -> mutate(seed, points, inserts))));
    }

    @Provide
    Arbitrary<List<String>> frameSequences() {
        return mutatedFrames().list().ofMinSize(1).ofMaxSize(40);
    }

    private static String mutate(String seed, List<Integer> points, List<String> inserts) {
        StringBuilder text = new StringBuilder(seed);
        for (int i = 0; i < points.size(); i++) {
            int at = Math.min(points.get(i), text.length());
            int cut = Math.min(text.length(), at + inserts.get(i).length() % 4);
            text.replace(at, cut, inserts.get(i));
        }
        return text.toString();
    }

    @Property(tries = 2000, seed = "20261123")
    void mutatedFramesAreReadOrRejectedWithAReason(@ForAll("mutatedFrames") String frame) {
        assertReadOrRejected(frame);
    }

    @Property(tries = 1000, seed = "20261123")
    void arbitraryTextIsReadOrRejectedWithAReason(@ForAll @Size(max = 400) String frame) {
        assertReadOrRejected(frame);
    }

    @Property(tries = 200, seed = "20261123")
    void aStreamSurvivesMalformedFramesAndCountsEachOne(@ForAll("frameSequences") List<String> frames) {
        CollectingSink sink = new CollectingSink();
        MediaStreamSession session = new MediaStreamSession("call-fuzz", MediaSettings.defaults(), sink);
        List<String> stream = new ArrayList<>();
        stream.add(SEEDS.get(0));
        stream.addAll(frames);
        long rejected = stream.stream().filter(this::rejects).count();

        assertThatCode(() -> stream.forEach(session::onText)).doesNotThrowAnyException();
        assertThatCode(session::close).doesNotThrowAnyException();
        // Exactly the rejected frames: a frame that parses never fails later in the session.
        assertThat(session.malformed()).isEqualTo(rejected);
        assertThat(sink.calls).allMatch("call-fuzz"::equals);
    }

    private boolean rejects(String frame) {
        try {
            parser.parse(frame);
            return false;
        } catch (MalformedPacketException e) {
            return true;
        }
    }

    private void assertReadOrRejected(String frame) {
        try {
            assertThat(parser.parse(frame)).isNotNull();
        } catch (MalformedPacketException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }
}
