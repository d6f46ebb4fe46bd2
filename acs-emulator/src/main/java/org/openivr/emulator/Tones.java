package org.openivr.emulator;

/** Keypad characters to the DTMF tone names ACS uses on the wire (acs-wire 6.2). */
final class Tones {

  private Tones() {}

  /** The wire name of a keypad character, or {@code null} if it is not a key. */
  static String toneOf(char key) {
    return switch (Character.toLowerCase(key)) {
      case '0' -> "zero";
      case '1' -> "one";
      case '2' -> "two";
      case '3' -> "three";
      case '4' -> "four";
      case '5' -> "five";
      case '6' -> "six";
      case '7' -> "seven";
      case '8' -> "eight";
      case '9' -> "nine";
      case '*' -> "asterisk";
      case '#' -> "pound";
      case 'a' -> "a";
      case 'b' -> "b";
      case 'c' -> "c";
      case 'd' -> "d";
      default -> null;
    };
  }

  static boolean isTone(String name) {
    return name != null && "0123456789*#abcd".chars().anyMatch(c -> toneOf((char) c).equals(name));
  }
}
