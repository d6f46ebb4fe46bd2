package org.openivr.workflows.payload;

import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key for Temporal payloads and the id written next to every payload it encrypts, so that the key
 * that decrypts it can be found again after a rotation.
 *
 * @param id  letters, digits, {@code . _ -}; at most 32 characters; it is stored in clear in the history
 * @param key 32 bytes
 */
public record PayloadKey(String id, SecretKey key) {
    // Shorter than any base64 AES-256 key (43+ characters), so a key pasted without its id is never taken for an
    // id and echoed in an error message.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    static final int KEY_BYTES = 32;

    public PayloadKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        if (!isId(id)) {
            throw new InvalidPayloadKeys("a payload key id must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
        if (key.getEncoded() == null || key.getEncoded().length != KEY_BYTES) {
            throw new InvalidPayloadKeys("payload key '" + id + "' must be " + KEY_BYTES + " bytes (AES-256)");
        }
    }

    static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    public static PayloadKey of(String id, byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new InvalidPayloadKeys("payload key '" + id + "' must be " + KEY_BYTES + " bytes (AES-256), not "
                    + (key == null ? 0 : key.length));
        }
        return new PayloadKey(id, new SecretKeySpec(key, "AES"));
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "PayloadKey[" + id + "]";
    }
}
