package org.openivr.workflows.recording;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Names derived from an ACS recording id. A recording id is opaque (base64 of a JSON object, so it may hold
 * {@code + / =}); {@link #key} turns it into a name that is safe as a workflow id, a directory name and a blob
 * name prefix, and that two different recording ids never share.
 */
public final class RecordingIds {
    public static final String WORKFLOW_ID_PREFIX = "recording-";
    /** Longer keys are cut and completed with a hash of the whole id. */
    static final int MAX_KEY_LENGTH = 200;

    private RecordingIds() {}

    /** {@code recording-} + {@link #key(String)}: the id of the one workflow that handles this recording's files. */
    public static String workflowId(String recordingId) {
        return WORKFLOW_ID_PREFIX + key(recordingId);
    }

    /**
     * The recording id with {@code A-Z a-z 0-9 -} kept and every other UTF-8 byte written {@code _XX} (upper-case
     * hex), so {@code eyJ+a/b=} becomes {@code eyJ_2Ba_2Fb_3D}. The mapping is reversible, hence collision-free; a
     * result longer than 200 characters is cut to 135 and followed by {@code ~} and 64 hex digits of the id's
     * SHA-256.
     */
    public static String key(String recordingId) {
        Objects.requireNonNull(recordingId, "recordingId");
        if (recordingId.isBlank()) {
            throw new IllegalArgumentException("recordingId is blank");
        }
        StringBuilder key = new StringBuilder(recordingId.length() + 16);
        for (byte b : recordingId.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                key.append((char) c);
            } else {
                key.append('_').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        if (key.length() <= MAX_KEY_LENGTH) {
            return key.toString();
        }
        return key.substring(0, MAX_KEY_LENGTH - 65) + "~" + sha256Hex(recordingId);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
