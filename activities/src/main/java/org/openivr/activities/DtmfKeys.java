package org.openivr.activities;

import com.azure.communication.callautomation.models.DtmfTone;

import java.util.List;
import java.util.Locale;

/** Keys as the flow writes them ({@code 0-9 * # A-D}) and ACS tone names ({@code zero..nine, asterisk, pound, a..d}). */
public final class DtmfKeys {
    private DtmfKeys() {}

    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    /** The ACS tone name of one key; a key is a single character {@code 0-9 * # A-D} (a-d accepted). */
    public static String toneName(String key) {
        if (key == null || key.length() != 1) {
            throw new IllegalArgumentException("a key is one character of 0-9 * # A-D, got '" + key + "'");
        }
        char c = key.charAt(0);
        if (c >= '0' && c <= '9') {
            return DIGITS[c - '0'];
        }
        return switch (Character.toUpperCase(c)) {
            case '*' -> "asterisk";
            case '#' -> "pound";
            case 'A', 'B', 'C', 'D' -> String.valueOf(Character.toLowerCase(c));
            default -> throw new IllegalArgumentException("a key is one character of 0-9 * # A-D, got '" + key + "'");
        };
    }

    /** The key for an ACS tone name, e.g. {@code pound -> #}. */
    public static String key(String toneName) {
        String t = toneName == null ? "" : toneName.toLowerCase(Locale.ROOT);
        for (int i = 0; i < DIGITS.length; i++) {
            if (DIGITS[i].equals(t)) {
                return String.valueOf(i);
            }
        }
        return switch (t) {
            case "asterisk" -> "*";
            case "pound" -> "#";
            case "a", "b", "c", "d" -> t.toUpperCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("not an ACS tone name: '" + toneName + "'");
        };
    }

    public static List<String> toneNames(List<String> keys) {
        return keys == null ? List.of() : keys.stream().map(DtmfKeys::toneName).toList();
    }

    /** SDK tones for keys; the SDK's values are the same wire names. */
    public static List<DtmfTone> sdkTones(List<String> keys) {
        return toneNames(keys).stream().map(DtmfTone::fromString).toList();
    }
}
