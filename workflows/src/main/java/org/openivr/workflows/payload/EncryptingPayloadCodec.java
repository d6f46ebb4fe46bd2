package org.openivr.workflows.payload;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every Temporal payload (workflow and activity inputs and results, signals, queries, memo, the input
 * a call continues as new with) with AES-256-GCM from the JDK, so what callers type, sensitive keys included,
 * is never in clear in Temporal's history or database. The whole original payload (its metadata and data) is
 * encrypted; the result carries {@code encoding: binary/encrypted} and the id of the key, which is also
 * authenticated with the data so that relabelling a payload with another key's id fails like a modified one.
 * Decoding passes payloads without that encoding through unchanged: histories written before encryption was on
 * (such as the replay tests' saved calls) still read and replay.
 */
public final class EncryptingPayloadCodec implements PayloadCodec {
    public static final String ENCODING = "binary/encrypted";
    public static final String KEY_ID = "encryption-key-id";
    private static final String ENCODING_KEY = "encoding";
    private static final ByteString ENCODING_VALUE = ByteString.copyFromUtf8(ENCODING);
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final PayloadKeys keys;
    private final SecureRandom random = new SecureRandom();

    public EncryptingPayloadCodec(PayloadKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        PayloadKey key = keys.encrypting().orElseThrow(() -> new PayloadCodecException(
                "no payload key to encrypt with: set ivr.temporal.payload-keys (id=base64 32-byte key)"));
        return payloads.stream().map(p -> encrypt(p, key)).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    /** Whether a payload is one this codec wrote. */
    public static boolean isEncrypted(Payload payload) {
        return ENCODING_VALUE.equals(payload.getMetadataOrDefault(ENCODING_KEY, ByteString.EMPTY));
    }

    private Payload encrypt(Payload payload, PayloadKey key) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            sealed = cipher.doFinal(payload.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException("cannot encrypt a payload with key '" + key.id() + "': " + e.getMessage(), e);
        }
        return Payload.newBuilder()
                .putMetadata(ENCODING_KEY, ENCODING_VALUE)
                .putMetadata(KEY_ID, ByteString.copyFromUtf8(key.id()))
                .setData(ByteString.copyFrom(nonce).concat(ByteString.copyFrom(sealed)))
                .build();
    }

    private Payload decrypt(Payload payload) {
        if (!isEncrypted(payload)) {
            return payload;
        }
        ByteString idBytes = payload.getMetadataOrDefault(KEY_ID, null);
        if (idBytes == null) {
            throw new PayloadCodecException("encrypted payload has no " + KEY_ID + ": it was not written by this codec");
        }
        String id = idBytes.toStringUtf8();
        PayloadKey key = keys.find(id).orElseThrow(() -> new PayloadCodecException("payload was encrypted with key '"
                + id + "', which is not among the configured payload keys " + keys.ids()
                + ": add it to ivr.temporal.payload-keys (IVR_PAYLOAD_KEYS)"));
        ByteString data = payload.getData();
        if (data.size() < NONCE_BYTES + TAG_BITS / 8) {
            throw new PayloadCodecException("encrypted payload (key '" + id + "') is truncated: " + data.size() + " bytes");
        }
        byte[] plain;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, data.substring(0, NONCE_BYTES).toByteArray());
            plain = cipher.doFinal(data.substring(NONCE_BYTES).toByteArray());
        } catch (AEADBadTagException e) {
            throw new PayloadCodecException("encrypted payload (key '" + id + "') failed authentication: it was modified,"
                    + " or the key configured under that id is not the one it was encrypted with", e);
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException("cannot decrypt a payload with key '" + id + "': " + e.getMessage(), e);
        }
        try {
            return Payload.parseFrom(plain);
        } catch (InvalidProtocolBufferException e) {
            throw new PayloadCodecException("decrypted payload (key '" + id + "') is not a Temporal payload", e);
        }
    }

    private static Cipher cipher(int mode, PayloadKey key, byte[] nonce) throws GeneralSecurityException {
        // A Cipher is stateful and not thread-safe: one per payload.
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(key.id().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
