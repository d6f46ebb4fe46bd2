package org.openivr.worker.media;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;

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
                    packet = readChild(field.toLowerCase(Locale.ROOT), p);
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
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "audiodata", "audiometadata", "dtmfdata", "transcriptiondata", "transcriptionmetadata" -> true;
            default -> false;
        };
    }

    private MediaPacket readChild(String name, JsonParser p) throws IOException, MalformedPacketException {
        String subscriptionId = null, encoding = null, timestamp = null, participant = null, data = null;
        String text = null, locale = null, callConnectionId = null, correlationId = null, resultStatus = null;
        int sampleRate = 0, channels = 0, length = 0;
        double confidence = Double.NaN;
        long offset = 0, duration = 0;
        boolean silent = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName().toLowerCase(Locale.ROOT);
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
                case "data" -> data = string(p, field);
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
                int count = decode(data);
                return new MediaPacket.AudioData(timestamp, participant, samples, count, silent);
            }
            case "dtmfdata" -> {
                String digit = keypad(data);
                if (digit == null) {
                    throw new MalformedPacketException("DtmfData without a key: " + data);
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

    /** Base64 PCM16LE into {@link #samples}; returns the sample count. */
    private int decode(String data) throws MalformedPacketException {
        if (data == null) {
            return 0;
        }
        int maxBytes = data.length() / 4 * 3;
        if (maxBytes > MAX_PCM_BYTES) {
            throw new MalformedPacketException("audio frame too large: " + data.length() + " base64 characters");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("audio data is not base64: " + e.getMessage());
        }
        if ((bytes.length & 1) != 0) {
            throw new MalformedPacketException("odd number of PCM bytes: " + bytes.length);
        }
        int count = bytes.length / 2;
        if (samples.length < count) {
            samples = new short[count];
        }
        for (int i = 0, b = 0; i < count; i++, b += 2) {
            samples[i] = (short) ((bytes[b] & 0xff) | (bytes[b + 1] << 8));
        }
        return count;
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
