package org.openivr.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever arrives at the webhooks, the parsers either read it or reject it with a {@link BadPayload}
 * (a 400 that names the problem): no other exception ever crosses their boundary, so no input can
 * make the API answer 5xx or touch a call. Seeds: real ACS and Event Grid payloads, mutated.
 */
class ParserFuzzTest {
    private static final List<String> SEEDS = List.of(
            """
            [{"id":"e1","source":"calling/callConnections/c1","type":"Microsoft.Communication.RecognizeCompleted",
              "data":{"operationContext":"4/main","callConnectionId":"c1",
                "resultInformation":{"code":200,"subCode":8514,"message":"ok"},
                "recognitionType":"dtmf","dtmfResult":{"tones":["one","pound"]}}}]""",
            """
            [{"id":"t1","type":"Microsoft.Communication.ContinuousDtmfRecognitionToneReceived",
              "data":{"sequenceId":3,"tone":"pound","operationContext":"2/keys"}}]""",
            """
            [{"id":"i1","eventType":"Microsoft.Communication.IncomingCall","data":{
              "to":{"kind":"phoneNumber","rawId":"4:+18005550100","phoneNumber":{"value":"+18005550100"}},
              "from":{"kind":"phoneNumber","rawId":"4:+14255550123","phoneNumber":{"value":"+14255550123"}},
              "serverCallId":"s","incomingCallContext":"ctx","correlationId":"c-1",
              "customContext":{"sipHeaders":{"X-MS-Custom-A":"b"}}}}]""",
            """
            [{"id":"v","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":{"validationCode":"abc"}}]""",
            """
            [{"id":"r","eventType":"Microsoft.Communication.RecordingFileStatusUpdated",
              "subject":"/recording/call/c/serverCallId/s/recordingId/r1",
              "data":{"recordingStorageInfo":{"recordingChunks":[{"documentId":"d","index":0,"endReason":"SessionEnded",
                "contentLocation":"https://x/v1/objects/d/content/audio","metadataLocation":"https://x/v1/objects/d/content/acsmetadata",
                "deleteLocation":"https://x/v1/objects/d"}]},"recordingStartTime":"2025-01-01T00:00:00Z",
                "recordingDurationMs":1000,"recordingContentType":"Audio","recordingChannelType":"Mixed",
                "recordingFormatType":"Wav","sessionEndReason":"CallEnded"}}]""");

    @Provide
    Arbitrary<String> mutatedPayloads() {
        return Arbitraries.of(SEEDS).flatMap(seed -> Arbitraries.integers().between(0, seed.length() - 1).list()
                .ofMinSize(1).ofMaxSize(6).flatMap(points -> Arbitraries.strings().ofMaxLength(3)
                        .withChars("{}[]\":,0123456789-.enulltrfas\\ \u00e9\u0000").list().ofSize(points.size())
                        .map(inserts -> mutate(seed, points, inserts))));
    }

    private static String mutate(String seed, List<Integer> points, List<String> inserts) {
        StringBuilder text = new StringBuilder(seed);
        for (int i = 0; i < points.size(); i++) {
            int at = Math.min(points.get(i), text.length());
            int cut = Math.min(text.length(), at + inserts.get(i).length() % 3);
            text.replace(at, cut, inserts.get(i));
        }
        return text.toString();
    }

    @Property(tries = 1500, seed = "20261123")
    void mutatedPayloadsNeverEscapeAsAnythingButBadPayload(@ForAll("mutatedPayloads") String body) {
        assertOnlyBadPayload(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 800, seed = "20261123")
    void arbitraryBytesNeverEscapeAsAnythingButBadPayload(@ForAll @Size(max = 300) byte[] body) {
        assertOnlyBadPayload(body);
    }

    private static void assertOnlyBadPayload(byte[] body) {
        for (Runnable parser : List.<Runnable>of(() -> CallbackParser.parse(body), () -> EventGridParser.parse(body))) {
            try {
                parser.run();
            } catch (BadPayload expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
