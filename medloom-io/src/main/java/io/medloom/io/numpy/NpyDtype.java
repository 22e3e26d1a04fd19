package io.medloom.io.numpy;

import java.nio.ByteOrder;

/**
 * A parsed numpy {@code descr} for a simple (non-structured) dtype: byte order, kind and item size.
 *
 * @param order '&lt;' little, '&gt;' big, '|' not applicable (1-byte and byte-string types), '='
 *     native
 * @param kind numpy kind: b bool, i signed, u unsigned, f float, c complex, S bytes, U unicode, V
 *     raw
 * @param itemSize bytes per element
 */
record NpyDtype(char order, char kind, int itemSize) {

  /** Parses "|u1", "&lt;f4", "&gt;i8", "&lt;U10"…; the message of the exception says why not. */
  static NpyDtype parse(String descr) {
    if (descr == null || descr.length() < 2) {
      throw new IllegalArgumentException("dtype descr '" + descr + "' is not a numpy type string");
    }
    char order = descr.charAt(0);
    String rest = descr.substring(1);
    if ("<>|=".indexOf(order) < 0) {
      order = '|';
      rest = descr; // numpy also accepts descr without an order character, e.g. "u1"
    }
    char kind = rest.charAt(0);
    if (kind == 'O') {
      throw new IllegalArgumentException(
          "object dtype '"
              + descr
              + "' refused: it holds pickled Python objects, which are never"
              + " loaded");
    }
    if ("biufcSUV".indexOf(kind) < 0) {
      throw new IllegalArgumentException("unsupported dtype '" + descr + "' (kind '" + kind + "')");
    }
    int n;
    try {
      n = Integer.parseInt(rest.substring(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("dtype '" + descr + "' has no valid item size");
    }
    // A unicode 'U' item counts characters of 4 bytes (UCS-4); every other kind counts bytes.
    long size = kind == 'U' ? 4L * n : n;
    boolean ok =
        switch (kind) {
          case 'b' -> n == 1;
          case 'i', 'u' -> n == 1 || n == 2 || n == 4 || n == 8;
          case 'f' -> n == 2 || n == 4 || n == 8;
          case 'c' -> n == 8 || n == 16;
          default -> n >= 0 && size < Integer.MAX_VALUE;
        };
    if (!ok) {
      throw new IllegalArgumentException("unsupported item size in dtype '" + descr + "'");
    }
    return new NpyDtype(order, kind, (int) size);
  }

  ByteOrder byteOrder() {
    return order == '>'
        ? ByteOrder.BIG_ENDIAN
        : order == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
  }

  boolean isInteger() {
    return kind == 'b' || kind == 'i' || kind == 'u';
  }

  boolean isNumeric() {
    return isInteger() || kind == 'f';
  }
}
