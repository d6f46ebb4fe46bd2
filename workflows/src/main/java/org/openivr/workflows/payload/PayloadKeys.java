package org.openivr.workflows.payload;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys payloads are encrypted and decrypted with: the first encrypts, every one decrypts (so a key can be
 * rotated by putting the new one first and keeping the old one until no open call or kept history needs it).
 * Written {@code id=base64,id=base64}, the form of {@code ivr.temporal.payload-keys}.
 */
public record PayloadKeys(List<PayloadKey> keys) {

    public PayloadKeys {
        keys = List.copyOf(keys);
        Set<String> ids = new HashSet<>();
        for (PayloadKey key : keys) {
            if (!ids.add(key.id())) {
                throw new InvalidPayloadKeys("payload key id '" + key.id() + "' is given twice");
            }
        }
    }

    /** No key: plain payloads pass, encrypted ones cannot be read, nothing can be written. */
    public static PayloadKeys none() {
        return new PayloadKeys(List.of());
    }

    /**
     * Parses {@code id=base64[,id=base64...]}; base64 may be standard or URL-safe, padded or not, and must decode
     * to 32 bytes. Blank text yields {@link #none()}.
     *
     * @throws InvalidPayloadKeys naming the entry at fault (by position and id, never by its key)
     */
    public static PayloadKeys parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        List<PayloadKey> keys = new ArrayList<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new InvalidPayloadKeys("payload key #" + (i + 1) + " must be written id=base64-key");
            }
            String id = entry.substring(0, equals).trim();
            String encoded = entry.substring(equals + 1).trim();
            if (!PayloadKey.isId(id)) {
                throw new InvalidPayloadKeys("payload key #" + (i + 1) + " must be written id=base64-key, the id 1 to 32"
                        + " letters, digits, '.', '_' or '-'");
            }
            byte[] key;
            try {
                key = decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new InvalidPayloadKeys("payload key '" + id + "' is not valid base64");
            }
            if (key.length != PayloadKey.KEY_BYTES) {
                throw new InvalidPayloadKeys("payload key '" + id + "' decodes to " + key.length + " bytes; AES-256 needs "
                        + PayloadKey.KEY_BYTES + " (make one with `openssl rand -base64 32`)");
            }
            keys.add(PayloadKey.of(id, key));
        }
        return new PayloadKeys(keys);
    }

    /** A fresh random key under {@code id}. */
    public static PayloadKeys generate(String id, SecureRandom random) {
        byte[] key = new byte[PayloadKey.KEY_BYTES];
        random.nextBytes(key);
        return new PayloadKeys(List.of(PayloadKey.of(id, key)));
    }

    private static byte[] decode(String encoded) {
        String standard = encoded.replace('-', '+').replace('_', '/');
        return Base64.getDecoder().decode(standard);
    }

    /** The key new payloads are encrypted with. */
    public Optional<PayloadKey> encrypting() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
    }

    public Optional<PayloadKey> find(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return keys.stream().map(PayloadKey::id).toList();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The {@link #parse} form, keys included: for the file that keeps a local platform's key. */
    public String format() {
        return String.join(",", keys.stream()
                .map(k -> k.id() + "=" + Base64.getEncoder().encodeToString(k.key().getEncoded())).toList());
    }

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "PayloadKeys" + ids();
    }
}
