package io.medloom.io.numpy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header dict of a .npy file, a Python literal such as {@code {'descr': '<f4', 'fortran_order':
 * False, 'shape': (3, 4), }}. Only the literal forms numpy writes are accepted (strings,
 * True/False, tuples/lists of ints); nothing is ever evaluated.
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {

  static NpyHeader parse(String text, String src) throws IOException {
    Parser p = new Parser(text, src);
    Object parsed = p.value();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the dict");
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IOException(src + ": npy header is not a dict: " + quote(text));
    }
    if (!map.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
      throw new IOException(
          src
              + ": npy header keys are "
              + map.keySet()
              + ", expected exactly descr, fortran_order, shape");
    }
    Object descr = map.get("descr");
    if (descr instanceof List) {
      throw new IOException(src + ": structured dtype " + descr + " is not supported");
    }
    if (!(descr instanceof String)) {
      throw new IOException(src + ": npy header 'descr' is not a string: " + descr);
    }
    Object fortran = map.get("fortran_order");
    if (!(fortran instanceof Boolean)) {
      throw new IOException(src + ": npy header 'fortran_order' is not True/False: " + fortran);
    }
    Object shapeObj = map.get("shape");
    if (!(shapeObj instanceof List<?> dims)) {
      throw new IOException(src + ": npy header 'shape' is not a tuple: " + shapeObj);
    }
    int[] shape = new int[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      Object d = dims.get(i);
      if (!(d instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
        throw new IOException(src + ": npy shape " + shapeObj + " has invalid dimension " + d);
      }
      shape[i] = (int) (long) v;
    }
    return new NpyHeader((String) descr, (Boolean) fortran, shape);
  }

  static String quote(String s) {
    String t = s.length() > 200 ? s.substring(0, 200) + "…" : s;
    return "\"" + t.replace("\n", "\\n") + "\"";
  }

  /** Recursive descent over the few Python literal forms numpy writes. */
  private static final class Parser {
    final String s;
    final String src;
    int pos;
    int depth;

    Parser(String s, String src) {
      this.s = s;
      this.src = src;
    }

    IOException error(String why) {
      return new IOException(
          src
              + ": npy header dict does not parse ("
              + why
              + " at character "
              + pos
              + "): "
              + quote(s));
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    Object value() throws IOException {
      if (++depth > 16) {
        throw error("nesting too deep");
      }
      skipSpace();
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      Object v;
      if (c == '{') {
        v = dict();
      } else if (c == '(' || c == '[') {
        v = sequence(c == '(' ? ')' : ']');
      } else if (c == '\'' || c == '"') {
        v = string(c);
      } else if (s.startsWith("True", pos)) {
        pos += 4;
        v = Boolean.TRUE;
      } else if (s.startsWith("False", pos)) {
        pos += 5;
        v = Boolean.FALSE;
      } else if (c == '-' || Character.isDigit(c)) {
        v = integer();
      } else {
        throw error("unexpected '" + c + "'");
      }
      depth--;
      return v;
    }

    Map<String, Object> dict() throws IOException {
      pos++; // {
      Map<String, Object> m = new LinkedHashMap<>();
      while (true) {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == '}') {
          pos++;
          return m;
        }
        Object key = value();
        if (!(key instanceof String k)) {
          throw error("dict key is not a string");
        }
        skipSpace();
        expect(':');
        if (m.put(k, value()) != null) {
          throw error("duplicate key '" + k + "'");
        }
        if (!separator('}')) {
          pos++;
          return m;
        }
      }
    }

    List<Object> sequence(char close) throws IOException {
      pos++;
      List<Object> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (pos < s.length() && s.charAt(pos) == close) {
          pos++;
          return items;
        }
        items.add(value());
        if (!separator(close)) {
          pos++;
          return items;
        }
      }
    }

    /** After an item: true if a comma followed (more may come), false if at the closing char. */
    boolean separator(char close) throws IOException {
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
        return true;
      }
      if (pos < s.length() && s.charAt(pos) == close) {
        return false;
      }
      throw error("expected ',' or '" + close + "'");
    }

    void expect(char c) throws IOException {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    String string(char q) throws IOException {
      int start = ++pos;
      while (pos < s.length() && s.charAt(pos) != q) {
        if (s.charAt(pos) == '\\') {
          throw error("escape sequences are not supported in header strings");
        }
        pos++;
      }
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      return s.substring(start, pos++);
    }

    Long integer() throws IOException {
      int start = pos;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      String digits = s.substring(start, pos);
      if (pos < s.length() && s.charAt(pos) == 'L') {
        pos++; // Python 2 long suffix, written by old numpy
      }
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw error("bad integer '" + digits + "'");
      }
    }
  }
}
