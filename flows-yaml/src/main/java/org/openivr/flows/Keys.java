package org.openivr.flows;

/** Phone keys (DTMF tones): {@code 0-9}, {@code *}, {@code #} and {@code A-D}. */
final class Keys {
    static final String ALL = "0123456789*#ABCD";

    private Keys() {}

    static boolean isKey(String text) {
        return text.length() == 1 && ALL.indexOf(text.charAt(0)) >= 0;
    }

    /** Is every character of a non-empty string a key? */
    static boolean areKeys(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> ALL.indexOf(c) >= 0);
    }
}
