package io.medloom.text;

/**
 * Character tests for the scanner's hot loops: a table lookup for ASCII, the {@link Character}
 * method otherwise, so results equal {@link Character}'s for every char. (The scanner reads a
 * report as a char array; under the quick compiler these table lookups cost far less than the
 * general Unicode property calls.)
 */
final class Chars {
  private static final int LETTER = 1;
  private static final int DIGIT = 2;
  private static final int SPACE = 4;
  private static final int UPPER = 8;
  private static final byte[] CLASS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      int k = 0;
      if (Character.isLetter(c)) {
        k |= LETTER;
      }
      if (Character.isDigit(c)) {
        k |= DIGIT;
      }
      if (Character.isWhitespace(c)) {
        k |= SPACE;
      }
      if (Character.isUpperCase(c)) {
        k |= UPPER;
      }
      CLASS[c] = (byte) k;
    }
  }

  private Chars() {}

  static boolean isLetterOrDigit(char c) {
    if (c < 128) {
      int l = (c | 0x20) - 'a'; // folds A-Z onto a-z; no other ASCII char lands there
      return (l >= 0 && l < 26) || (c >= '0' && c <= '9');
    }
    return Character.isLetterOrDigit(c);
  }

  static boolean isLetter(char c) {
    return c < 128 ? (CLASS[c] & LETTER) != 0 : Character.isLetter(c);
  }

  static boolean isDigit(char c) {
    return c < 128 ? (CLASS[c] & DIGIT) != 0 : Character.isDigit(c);
  }

  static boolean isWhitespace(char c) {
    if (c > ' ') {
      return c >= 128 && Character.isWhitespace(c);
    }
    return c == ' ' || (c >= 9 && c <= 13) || c >= 28;
  }

  static boolean isUpperCase(char c) {
    return c < 128 ? (CLASS[c] & UPPER) != 0 : Character.isUpperCase(c);
  }

  static boolean isLowerCase(char c) {
    return c < 128 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
  }

  static char toLowerCase(char c) {
    if (c < 128) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    return Character.toLowerCase(c);
  }
}
