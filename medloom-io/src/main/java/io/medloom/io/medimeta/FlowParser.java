package io.medloom.io.medimeta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML flow collections ({@code {0: F, 1: M}}, {@code [1, 224, 224]}, nested) and scalar unquoting
 * for {@link MiniYaml}. A flow-map entry without a value ({@code {name, title}}) maps to "".
 */
final class FlowParser {
  private final String s;
  private final String where;
  private int i;
  private int depth;

  FlowParser(String s, String where) {
    this.s = s;
    this.where = where;
  }

  Object parse() throws IOException {
    Object v = node();
    skipSpaces();
    if (i < s.length()) {
      throw fail("text after the closing bracket: '" + s.substring(i) + "'");
    }
    return v;
  }

  private IOException fail(String what) {
    return new IOException(where + ": " + what + " in '" + shorten(s) + "'");
  }

  /** A hostile document can be a megabyte on one line: messages quote only its start. */
  static String shorten(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }

  private Object node() throws IOException {
    skipSpaces();
    if (i >= s.length()) {
      throw fail("unexpected end");
    }
    char c = s.charAt(i);
    if (c == '[' || c == '{') {
      if (++depth > MiniYaml.MAX_DEPTH) {
        throw fail("collections nested deeper than " + MiniYaml.MAX_DEPTH + " levels");
      }
      try {
        return c == '[' ? list() : map();
      } finally {
        depth--;
      }
    }
    int start = i;
    if (c == '"' || c == '\'') {
      i = endOfQuoted(s, i);
    } else {
      // A plain scalar in flow context ends at , : (before a space) ] or }.
      while (i < s.length() && ",]}".indexOf(s.charAt(i)) < 0 && !colonHere()) {
        i++;
      }
    }
    return scalar(s.substring(start, i).trim());
  }

  private List<Object> list() throws IOException {
    i++;
    List<Object> out = new ArrayList<>();
    while (!close(']')) {
      out.add(node());
      comma(']');
    }
    return out;
  }

  private Map<String, Object> map() throws IOException {
    i++;
    Map<String, Object> out = new LinkedHashMap<>();
    while (!close('}')) {
      String key = String.valueOf(node());
      skipSpaces();
      Object v = "";
      if (i < s.length() && s.charAt(i) == ':') {
        i++;
        v = node();
      }
      if (out.put(key, v) != null) {
        throw fail("duplicate key '" + key + "'");
      }
      comma('}');
    }
    return out;
  }

  private boolean colonHere() {
    return s.charAt(i) == ':' && (i + 1 == s.length() || " ,]}".indexOf(s.charAt(i + 1)) >= 0);
  }

  private boolean close(char bracket) throws IOException {
    skipSpaces();
    if (i >= s.length()) {
      throw fail("missing '" + bracket + "'");
    }
    if (s.charAt(i) == bracket) {
      i++;
      return true;
    }
    return false;
  }

  private void comma(char bracket) throws IOException {
    skipSpaces();
    if (i < s.length() && s.charAt(i) == ',') {
      i++;
    } else if (i >= s.length() || s.charAt(i) != bracket) {
      throw fail("expected ',' or '" + bracket + "' at column " + (i + 1));
    }
  }

  private void skipSpaces() {
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
  }

  private static int endOfQuoted(String s, int start) throws IOException {
    char q = s.charAt(start);
    for (int j = start + 1; j < s.length(); j++) {
      char c = s.charAt(j);
      if (q == '"' && c == '\\') {
        j++;
      } else if (c == q) {
        if (q == '\'' && j + 1 < s.length() && s.charAt(j + 1) == '\'') {
          j++; // '' is an escaped quote
        } else {
          return j + 1;
        }
      }
    }
    throw new IOException("unterminated quoted string " + shorten(s.substring(start)));
  }

  /** Unquotes a scalar; plain scalars come back trimmed and as written ("null" stays "null"). */
  static String scalar(String t) throws IOException {
    if (t.isEmpty() || (t.charAt(0) != '"' && t.charAt(0) != '\'')) {
      return t;
    }
    if (endOfQuoted(t, 0) != t.length()) {
      throw new IOException("text after the closing quote: " + t);
    }
    String body = t.substring(1, t.length() - 1);
    return t.charAt(0) == '\'' ? body.replace("''", "'") : unescape(body);
  }

  private static String unescape(String b) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int j = 0; j < b.length(); j++) {
      char c = b.charAt(j);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++j >= b.length()) {
        throw new IOException("dangling backslash in \"" + shorten(b) + "\"");
      }
      char e = b.charAt(j);
      int hex = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
      if (hex > 0) {
        // Hex digits only (parseInt would take a sign: "\x-a" is -10), and a real code point.
        String digits = j + 1 + hex <= b.length() ? b.substring(j + 1, j + 1 + hex) : "";
        int cp =
            digits.length() == hex && digits.chars().allMatch(d -> Character.digit(d, 16) >= 0)
                ? Integer.parseUnsignedInt(digits, 16)
                : -1;
        if (!Character.isValidCodePoint(cp)) {
          throw new IOException("bad \\" + e + " escape in \"" + shorten(b) + "\"");
        }
        out.appendCodePoint(cp);
        j += hex;
        continue;
      }
      out.append(
          switch (e) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case '0' -> '\0';
            case '"', '\\', '/', ' ' -> e;
            default ->
                throw new IOException("unknown escape \\" + e + " in \"" + shorten(b) + "\"");
          });
    }
    return out.toString();
  }
}
