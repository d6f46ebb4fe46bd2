package org.openivr.workflows.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openivr.workflows.CallEvent;
import org.openivr.workflows.CallEventKind;

class EncryptingPayloadCodecTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CallEvent CARD = new CallEvent("e1", CallEventKind.RECOGNIZE_COMPLETED,
            "Microsoft.Communication.RecognizeCompleted", "conn-1", "3/card", 200, 8514, "stop tone",
            List.of("4", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"));

    private final PayloadKeys keys = PayloadKeys.generate("k1", RANDOM);
    private final DataConverter converter = new PayloadEncryption(keys).dataConverter();

    @Test
    void aSignalWithTypedKeysIsEncryptedAndReadsBackTheSame() {
        Payload payload = converter.toPayload(CARD).orElseThrow();

        assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
        assertThat(payload.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
        String bytes = payload.toByteString().toString(StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain("\"4\",\"1\",\"1\"").doesNotContain("RECOGNIZE_COMPLETED").doesNotContain("3/card");
        assertThat(converter.fromPayload(payload, CallEvent.class, CallEvent.class)).isEqualTo(CARD);
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime() {
        assertThat(converter.toPayload(CARD).orElseThrow().getData())
                .isNotEqualTo(converter.toPayload(CARD).orElseThrow().getData());
    }

    @Test
    void aModifiedCiphertextFailsClearly() {
        Payload payload = converter.toPayload(CARD).orElseThrow();
        byte[] data = payload.getData().toByteArray();
        data[data.length / 2] ^= 0x01;
        Payload tampered = payload.toBuilder().setData(ByteString.copyFrom(data)).build();

        assertThatThrownBy(() -> converter.fromPayload(tampered, CallEvent.class, CallEvent.class))
                .hasRootCauseInstanceOf(javax.crypto.AEADBadTagException.class)
                .satisfies(e -> assertThat(causeChainMessages(e)).contains("failed authentication").contains("'k1'"));
    }

    @Test
    void aPayloadRelabelledWithAnotherConfiguredKeysIdFails() {
        PayloadKeys two = new PayloadKeys(List.of(keys.keys().get(0), PayloadKeys.generate("k2", RANDOM).keys().get(0)));
        Payload payload = converter.toPayload(CARD).orElseThrow();
        Payload relabelled = payload.toBuilder().putMetadata("encryption-key-id", ByteString.copyFromUtf8("k2")).build();

        assertThatThrownBy(() -> new EncryptingPayloadCodec(two).decode(List.of(relabelled)))
                .isInstanceOf(PayloadCodecException.class).hasMessageContaining("failed authentication");
    }

    @Test
    void anUnknownKeyIdIsNamedInTheError() {
        Payload payload = converter.toPayload(CARD).orElseThrow();
        EncryptingPayloadCodec other = new EncryptingPayloadCodec(PayloadKeys.generate("k9", RANDOM));

        assertThatThrownBy(() -> other.decode(List.of(payload))).isInstanceOf(PayloadCodecException.class)
                .hasMessageContaining("encrypted with key 'k1'").hasMessageContaining("[k9]")
                .hasMessageContaining("ivr.temporal.payload-keys");
    }

    @Test
    void aTruncatedPayloadFailsClearly() {
        Payload payload = converter.toPayload(CARD).orElseThrow();
        Payload truncated = payload.toBuilder().setData(payload.getData().substring(0, 10)).build();

        assertThatThrownBy(() -> new EncryptingPayloadCodec(keys).decode(List.of(truncated)))
                .isInstanceOf(PayloadCodecException.class).hasMessageContaining("truncated");
    }

    @Test
    void plainPayloadsWrittenWithoutEncryptionStillRead() {
        Optional<Payloads> plain = DefaultDataConverter.newDefaultInstance().toPayloads(CARD, "second");

        assertThat(converter.fromPayloads(0, plain, CallEvent.class, CallEvent.class)).isEqualTo(CARD);
        assertThat(converter.fromPayloads(1, plain, String.class, String.class)).isEqualTo("second");
        // and with no key at all, as `ivr inspect` reads a history written before encryption
        Payload one = plain.orElseThrow().getPayloads(0);
        assertThat(new EncryptingPayloadCodec(PayloadKeys.none()).decode(List.of(one))).containsExactly(one);
    }

    @Test
    void afterARotationOldPayloadsReadAndNewOnesUseTheNewKey() {
        Payload old = converter.toPayload(CARD).orElseThrow();
        PayloadKeys rotated = new PayloadKeys(List.of(PayloadKeys.generate("k2", RANDOM).keys().get(0), keys.keys().get(0)));
        DataConverter after = new PayloadEncryption(rotated).dataConverter();

        assertThat(after.fromPayload(old, CallEvent.class, CallEvent.class)).isEqualTo(CARD);
        assertThat(after.toPayload(CARD).orElseThrow().getMetadataMap().get("encryption-key-id").toStringUtf8())
                .isEqualTo("k2");
    }

    @Test
    void withoutAKeyNothingIsWrittenInClear() {
        EncryptingPayloadCodec none = new EncryptingPayloadCodec(PayloadKeys.none());
        Payload plain = DefaultDataConverter.newDefaultInstance().toPayload(CARD).orElseThrow();

        assertThatThrownBy(() -> none.encode(List.of(plain))).isInstanceOf(PayloadCodecException.class)
                .hasMessageContaining("ivr.temporal.payload-keys");
    }

    private static String causeChainMessages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}
