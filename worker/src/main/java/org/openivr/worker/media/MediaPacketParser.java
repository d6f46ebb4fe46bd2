package org.openivr.worker.media;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads ACS media-streaming and transcription text frames (acs-wire §5.2, §5.4) with a streaming JSON
 * parser: no tree, and the audio is decoded by the JDK's base64 decoder into a reused sample buffer.
 *
 * <p>Accepted shapes:
 * <ul>
 *   <li>the documented one: {@code {"kind":"AudioData","audioData":{...}}}, the child object named after
 *       {@code kind} in camelCase; {@code kind} matched case-insensitively;</li>
 *   <li>the child object alone, without {@code kind} (what the older Java SDK parser keyed on);</li>
 *   <li>the SDK's own serialization with extra null siblings ({@code "stopAudio":null}) and its field
 *       spellings: {@code isSilent} for {@code silent}, {@code participant} (a raw id string or an object with
 *       {@code rawId}) for {@code participantRawID} (any case of {@code ID}), {@code mediaSubscriptionId} for
 *       {@code subscriptionId}.</li>
 * </ul>
 * Anything else is a {@link MalformedPacketException}; nothing else is thrown.
 *
 * <p>Not thread-safe: one parser per WebSocket session. The {@link MediaPacket.AudioData#samples()} array
 * is reused by the next {@link #parse} call.
 */
public final class MediaPacketParser {
    private static final JsonFactory JSON = new JsonFactory();
    /** Larger frames than this (bytes of PCM) are refused: 100 ms at 24 kHz is far beyond any real packet. */
    static final int MAX_PCM_BYTES = 4800;

    private short[] samples = new short[480];
    /**
     * The documented spellings of the names in lower case. The JSON parser hands out one shared instance per distinct
     * name, so a lookup here is mostly an identity hit; lower-casing every name anew was a new String and its hash per
     * field per frame. Other spellings are lower-cased as they come.
     */
    private static final Map<String, String> LOWER = Stream.of("audioData", "AudioData", "audioMetadata",
                    "AudioMetadata", "dtmfData", "DtmfData", "transcriptionData", "TranscriptionData",
                    "transcriptionMetadata", "TranscriptionMetadata", "subscriptionId", "mediaSubscriptionId",
                    "encoding", "sampleRate", "channels", "length", "timestamp", "participantRawID", "participant",
                    "data", "silent", "isSilent", "text", "confidence", "offset", "duration", "resultStatus", "locale",
                    "callConnectionId", "correlationId")
            .collect(Collectors.toUnmodifiableMap(name -> name, name -> name.toLowerCase(Locale.ROOT)));

    public MediaPacket parse(String text) throws MalformedPacketException {
        if (text == null || text.isEmpty()) {
            throw new MalformedPacketException("empty frame");
        }
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedPacketException("not a JSON object");
            }
            String kind = null;
            MediaPacket packet = null;
            String childName = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("kind")) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new MalformedPacketException("kind is not a string");
                    }
                    kind = p.getText();
                } else if (value == JsonToken.START_OBJECT && packet == null && isKnownChild(field)) {
                    childName = field;
                    packet = readChild(lower(field), p);
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new MalformedPacketException("trailing content after the packet");
            }
            if (packet == null) {
                if (kind == null) {
                    throw new MalformedPacketException("no kind and no packet object");
                }
                if (isKnownChild(kind)) {
                    throw new MalformedPacketException(kind + " without its " + camel(kind) + " object");
                }
                return new MediaPacket.Other(kind);
            }
            if (kind != null && !kind.equalsIgnoreCase(childName)) {
                throw new MalformedPacketException("kind " + kind + " does not match object " + childName);
            }
            return packet;
        } catch (IOException e) {
            throw new MalformedPacketException("invalid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static boolean isKnownChild(String name) {
        return switch (lower(name)) {
            case "audiodata", "audiometadata", "dtmfdata", "transcriptiondata", "transcriptionmetadata" -> true;
            default -> false;
        };
    }

    private static String lower(String name) {
        String l = LOWER.get(name);
        return l != null ? l : name.toLowerCase(Locale.ROOT);
    }

    private MediaPacket readChild(String name, JsonParser p) throws IOException, MalformedPacketException {
        String subscriptionId = null, encoding = null, timestamp = null, participant = null, dtmf = null;
        String text = null, locale = null, callConnectionId = null, correlationId = null, resultStatus = null;
        int sampleRate = 0, channels = 0, length = 0;
        double confidence = Double.NaN;
        long offset = 0, duration = 0;
        boolean silent = false;
        int sampleCount = 0;
        boolean hasData = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = lower(p.currentName());
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (field) {
                case "subscriptionid", "mediasubscriptionid" -> subscriptionId = string(p, field);
                case "encoding" -> encoding = string(p, field);
                case "samplerate" -> sampleRate = integer(p, field);
                case "channels" -> channels = integer(p, field);
                case "length" -> length = integer(p, field);
                case "timestamp" -> timestamp = p.getValueAsString();
                case "participantrawid" -> participant = string(p, field);
                case "participant" -> participant = value == JsonToken.START_OBJECT ? rawId(p) : string(p, field);
                case "data" -> {
                    if (name.equals("dtmfdata")) {
                        dtmf = string(p, field);
                        continue;
                    }
                    if (value != JsonToken.VALUE_STRING) {
                        throw new MalformedPacketException("data is not a string");
                    }
                    // Decoded straight from the parser's character buffer: no String, no byte[] per frame.
                    sampleCount = decode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    hasData = true;
                }
                case "silent", "issilent" -> {
                    if (!value.isBoolean()) {
                        throw new MalformedPacketException(field + " is not a boolean");
                    }
                    silent = p.getBooleanValue();
                }
                case "text" -> text = string(p, field);
                case "confidence" -> confidence = value.isNumeric() ? p.getDoubleValue() : Double.NaN;
                case "offset" -> offset = value.isNumeric() ? p.getLongValue() : 0;
                case "duration" -> duration = value.isNumeric() ? p.getLongValue() : 0;
                case "resultstatus" -> resultStatus = string(p, field);
                case "locale" -> locale = string(p, field);
                case "callconnectionid" -> callConnectionId = string(p, field);
                case "correlationid" -> correlationId = string(p, field);
                default -> p.skipChildren();
            }
        }
        switch (name) {
            case "audiometadata" -> {
                if (sampleRate != 16000 && sampleRate != 24000) {
                    throw new MalformedPacketException("unsupported sampleRate " + sampleRate);
                }
                if (channels != 0 && channels != 1) {
                    throw new MalformedPacketException("unsupported channels " + channels);
                }
                if (encoding != null && !encoding.equalsIgnoreCase("pcm")) {
                    throw new MalformedPacketException("unsupported encoding " + encoding);
                }
                return new MediaPacket.AudioMetadata(subscriptionId, encoding, sampleRate, channels == 0 ? 1 : channels,
                        length);
            }
            case "audiodata" -> {
                return new MediaPacket.AudioData(timestamp, participant, samples, hasData ? sampleCount : 0, silent);
            }
            case "dtmfdata" -> {
                String digit = keypad(dtmf);
                if (digit == null) {
                    throw new MalformedPacketException("DtmfData without a key: " + dtmf);
                }
                return new MediaPacket.DtmfData(digit, timestamp, participant);
            }
            case "transcriptionmetadata" -> {
                return new MediaPacket.TranscriptionMetadata(subscriptionId, locale, callConnectionId, correlationId);
            }
            case "transcriptiondata" -> {
                if (text == null) {
                    throw new MalformedPacketException("TranscriptionData without text");
                }
                return new MediaPacket.TranscriptionData(text, confidence, offset, duration, participant,
                        resultStatus == null || resultStatus.equalsIgnoreCase("final"));
            }
            default -> throw new MalformedPacketException("unknown packet " + name);
        }
    }

    private static final byte[] BASE64 = new byte[128];

    static {
        java.util.Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
    }

    /** Base64 (RFC 4648, padding optional) of PCM16LE into {@link #samples}; returns the sample count. */
    private int decode(char[] text, int offset, int length) throws MalformedPacketException {
        int end = offset + length;
        while (end > offset && text[end - 1] == '=') {
            end--;
        }
        int chars = end - offset;
        if (offset + length - end > 2 || chars % 4 == 1) {
            throw new MalformedPacketException("audio data is not base64 (length " + length + ")");
        }
        int bytes = chars / 4 * 3 + Math.max(0, chars % 4 - 1);
        if (bytes > MAX_PCM_BYTES) {
            throw new MalformedPacketException("audio frame too large: " + bytes + " bytes");
        }
        if ((bytes & 1) != 0) {
            throw new MalformedPacketException("odd number of PCM bytes: " + bytes);
        }
        if (samples.length < bytes / 2) {
            samples = new short[bytes / 2];
        }
        short[] out = samples;
        int n = 0;
        int i = offset;
        // Eight characters are six bytes, three whole samples: the bulk of a frame goes this way, with one validity
        // check per group. A group with a bad character is left to the loop below, which says where it is.
        byte[] table = BASE64;
        for (int groupsEnd = offset + chars / 8 * 8; i < groupsEnd; i += 8) {
            char c0 = text[i], c1 = text[i + 1], c2 = text[i + 2], c3 = text[i + 3];
            char c4 = text[i + 4], c5 = text[i + 5], c6 = text[i + 6], c7 = text[i + 7];
            int v0 = table[c0 & 0x7f], v1 = table[c1 & 0x7f], v2 = table[c2 & 0x7f], v3 = table[c3 & 0x7f];
            int v4 = table[c4 & 0x7f], v5 = table[c5 & 0x7f], v6 = table[c6 & 0x7f], v7 = table[c7 & 0x7f];
            if (((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) & ~0x7f) != 0 || (v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7) < 0) {
                break;
            }
            int first = v0 << 18 | v1 << 12 | v2 << 6 | v3;  // bytes 0, 1, 2
            int second = v4 << 18 | v5 << 12 | v6 << 6 | v7; // bytes 3, 4, 5
            out[n++] = (short) ((first >> 16) | (first & 0xff00));
            out[n++] = (short) ((first & 0xff) | (second >> 8 & 0xff00));
            out[n++] = (short) ((second >> 8 & 0xff) | (second << 8));
        }
        int bits = 0;
        int pending = 0;
        int low = -1; // the low byte of a sample whose high byte is still to come
        for (; i < end; i++) {
            char c = text[i];
            int v = c < 128 ? BASE64[c] : -1;
            if (v < 0) {
                throw new MalformedPacketException("audio data is not base64: '" + c + "' at " + (i - offset));
            }
            pending = (pending << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                int b = (pending >> bits) & 0xff;
                if (low < 0) {
                    low = b;
                } else {
                    out[n++] = (short) (low | (b << 8));
                    low = -1;
                }
            }
        }
        return n;
    }

    private static String rawId(JsonParser p) throws IOException {
        String raw = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equalsIgnoreCase("rawId") && value == JsonToken.VALUE_STRING) {
                raw = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return raw;
    }

    private static String string(JsonParser p, String field) throws IOException, MalformedPacketException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedPacketException(field + " is not a string");
        }
        return p.getText();
    }

    private static int integer(JsonParser p, String field) throws IOException, MalformedPacketException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedPacketException(field + " is not an integer");
        }
        return p.getIntValue();
    }

    /** {@code "3"}, {@code "three"}, {@code "pound"}, {@code "asterisk"}, {@code "A"} ... as a keypad character. */
    static String keypad(String tone) {
        if (tone == null) {
            return null;
        }
        String t = tone.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "0", "zero" -> "0";
            case "1", "one" -> "1";
            case "2", "two" -> "2";
            case "3", "three" -> "3";
            case "4", "four" -> "4";
            case "5", "five" -> "5";
            case "6", "six" -> "6";
            case "7", "seven" -> "7";
            case "8", "eight" -> "8";
            case "9", "nine" -> "9";
            case "*", "asterisk", "star" -> "*";
            case "#", "pound", "hash" -> "#";
            case "a", "b", "c", "d" -> t.toUpperCase(Locale.ROOT);
            default -> null;
        };
    }

    private static String camel(String kind) {
        return Character.toLowerCase(kind.charAt(0)) + kind.substring(1);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
