package org.openivr.workflows.payload;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * The data converter every Temporal client and worker of the platform uses: Temporal's default JSON conversion,
 * then {@link EncryptingPayloadCodec}. Failure messages and stack traces stay readable (they carry no input a
 * caller typed); everything that carries data is encrypted.
 */
public record PayloadEncryption(PayloadKeys keys) {

    /** The configuration property (and its environment variable) that holds the keys. */
    public static final String PROPERTY = "ivr.temporal.payload-keys";
    public static final String ENVIRONMENT = "IVR_PAYLOAD_KEYS";

    public EncryptingPayloadCodec codec() {
        return new EncryptingPayloadCodec(keys);
    }

    public DataConverter dataConverter() {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec()));
    }

    /**
     * For a process that writes to Temporal (the API, the worker): parses the configured keys and insists on at
     * least one, so a misconfigured process stops at start-up instead of writing calls in clear or unreadably.
     */
    public static PayloadEncryption required(String configured) {
        PayloadKeys keys;
        try {
            keys = PayloadKeys.parse(configured);
        } catch (InvalidPayloadKeys e) {
            throw new InvalidPayloadKeys(PROPERTY + ": " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new InvalidPayloadKeys(PROPERTY + " (or " + ENVIRONMENT + ") is not set: Temporal payloads carry what"
                    + " callers type and are encrypted with it. Give id=base64 32-byte key, e.g. k1=$(openssl rand -base64 32);"
                    + " every API and worker process needs the same keys");
        }
        PayloadEncryption encryption = new PayloadEncryption(keys);
        encryption.warmUp();
        return encryption;
    }

    /**
     * One round trip at start-up: loads the JDK's cipher provider and seeds the random source here rather than in
     * a call's first workflow task, where a slow first use counts against the SDK's deadlock detector.
     */
    private void warmUp() {
        EncryptingPayloadCodec codec = codec();
        Payload probe = Payload.newBuilder().setData(ByteString.copyFromUtf8("probe")).build();
        if (!codec.decode(codec.encode(List.of(probe))).equals(List.of(probe))) {
            throw new IllegalStateException("payload encryption does not round-trip on this JVM");
        }
    }
}
