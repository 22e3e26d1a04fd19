package io.medloom.export;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the text formats exporters write: CSV cells, YAML scalars, Python literals. */
final class Text {
  private Text() {}

  /** An RFC 4180 cell: quoted only when it has a comma, quote or line break. */
  static String csv(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  static String csvRow(List<String> cells) {
    return cells.stream().map(Text::csv).collect(Collectors.joining(",")) + "\n";
  }

  /** A double-quoted YAML scalar: always quoted, so "no", "1e3" or "null" stay strings. */
  static String yaml(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * A Python string literal as {@code repr()} writes it, so {@code ast.literal_eval} (which
   * CXR-CLIP applies to list cells) reads the text back unchanged.
   */
  static String py(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(q).toString();
  }

  /** A Python list literal of strings: {@code ['a', 'b']}. */
  static String pyList(List<String> items) {
    return items.stream().map(Text::py).collect(Collectors.joining(", ", "[", "]"));
  }
}
