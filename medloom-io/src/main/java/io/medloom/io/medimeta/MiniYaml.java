package io.medloom.io.medimeta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML subset MedIMeta's {@code info.yaml} files use (PyYAML's output and our exporter's):
 * block maps and lists by indentation, flow maps and lists ({@code {0: F, 1: M}}, {@code [1, 224,
 * 224]}, possibly wrapped over lines), plain, single- and double-quoted scalars, comments and block
 * scalars ({@code |}, {@code >}). Values come back as {@code Map<String,Object>} (insertion order),
 * {@code List<Object>} or {@code String}; an empty value is "". Anchors, tags and multi-document
 * streams are not supported: no MedIMeta file has them, and refusing them beats misreading them.
 *
 * <p>Hand-written rather than jackson-dataformat-yaml: the 2.21.3 artifact matching the project's
 * Jackson is not available, and this subset is small enough to read strictly with line numbers.
 */
final class MiniYaml {
  /**
   * Deepest nesting of blocks or flow brackets read. MedIMeta files nest three or four levels; the
   * limit keeps a hostile file (100k opening brackets) from overflowing the parser's stack.
   */
  static final int MAX_DEPTH = 64;

  /** Longest document read: an info.yaml is a few kilobytes. */
  static final int MAX_CHARS = 1 << 20;

  private record Line(int no, int indent, String text) {}

  private final String src;
  private final List<Line> lines = new ArrayList<>();
  private int pos;
  private int depth;

  private MiniYaml(String text, String src) throws IOException {
    this.src = src;
    if (text.length() > MAX_CHARS) {
      throw new IOException(
          src + " is larger than the " + MAX_CHARS + " characters a dataset description needs");
    }
    String[] raw = text.replace("\r\n", "\n").split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String l = raw[i];
      int indent = 0;
      while (indent < l.length() && l.charAt(indent) == ' ') {
        indent++;
      }
      if (indent < l.length() && l.charAt(indent) == '\t') {
        throw error(i + 1, "tab in indentation (YAML indents with spaces)");
      }
      String body = stripComment(l.substring(indent)).stripTrailing();
      if (body.isEmpty() || (indent == 0 && (body.equals("---") || body.equals("...")))) {
        continue;
      }
      lines.add(new Line(i + 1, indent, body));
    }
  }

  /** Parses a whole document; the top level must be a map. */
  static Map<String, Object> parse(String text, String src) throws IOException {
    MiniYaml y = new MiniYaml(text, src);
    if (y.lines.isEmpty()) {
      throw new IOException(src + " is empty");
    }
    Object top = y.block(y.lines.get(0).indent());
    if (y.pos < y.lines.size()) {
      Line l = y.lines.get(y.pos);
      throw y.error(l.no(), "unexpected indentation of '" + l.text() + "'");
    }
    if (!(top instanceof Map<?, ?>)) {
      throw new IOException(src + ": the top level must be a map of keys");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) top;
    return m;
  }

  private IOException error(int line, String what) {
    return new IOException(src + " line " + line + ": " + what);
  }

  private Object block(int indent) throws IOException {
    Line l = lines.get(pos);
    if (++depth > MAX_DEPTH) {
      throw error(l.no(), "blocks nested deeper than " + MAX_DEPTH + " levels");
    }
    try {
      return l.text().equals("-") || l.text().startsWith("- ") ? list(indent) : map(indent);
    } finally {
      depth--;
    }
  }

  private List<Object> list(int indent) throws IOException {
    List<Object> out = new ArrayList<>();
    while (pos < lines.size() && lines.get(pos).indent() == indent && isItem(lines.get(pos))) {
      Line l = lines.get(pos);
      String rest = l.text().substring(1);
      String item = rest.stripLeading();
      if (item.isEmpty()) {
        pos++;
        out.add(nested(indent, l.no()));
      } else if (keyEnd(item) > 0) {
        // "- key: v": the item is a map whose first key sits where the text after "- " starts.
        int at = indent + 1 + (rest.length() - item.length());
        lines.set(pos, new Line(l.no(), at, item));
        out.add(map(at));
      } else {
        pos++;
        out.add(value(item, indent, l.no()));
      }
    }
    return out;
  }

  private Map<String, Object> map(int indent) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    while (pos < lines.size() && lines.get(pos).indent() == indent && !isItem(lines.get(pos))) {
      Line l = lines.get(pos);
      int colon = keyEnd(l.text());
      if (colon <= 0) {
        throw error(l.no(), "expected 'key: value', got '" + l.text() + "'");
      }
      String key = scalar(l.text().substring(0, colon).trim(), l.no());
      String rest = l.text().substring(colon + 1).trim();
      pos++;
      if (out.containsKey(key)) {
        throw error(l.no(), "duplicate key '" + key + "'");
      }
      out.put(key, rest.isEmpty() ? nested(indent, l.no()) : value(rest, indent, l.no()));
    }
    return out;
  }

  /** The block under a key or "-" with nothing after it: deeper lines, a same-level list, or "". */
  private Object nested(int indent, int no) throws IOException {
    if (pos >= lines.size()) {
      return "";
    }
    Line next = lines.get(pos);
    if (next.indent() > indent || (next.indent() == indent && isItem(next))) {
      return block(next.indent());
    }
    return "";
  }

  /** An inline value; flow collections and plain scalars may continue on deeper lines. */
  private Object value(String text, int indent, int no) throws IOException {
    if (text.startsWith("|") || text.startsWith(">")) {
      return blockScalar(text.charAt(0) == '|', indent);
    }
    if (text.startsWith("&") || text.startsWith("*") || text.startsWith("!")) {
      throw error(no, "anchors, aliases and tags are not supported: '" + text + "'");
    }
    boolean flow = text.startsWith("[") || text.startsWith("{");
    StringBuilder sb = new StringBuilder(text);
    Brackets brackets = new Brackets();
    brackets.feed(text);
    while (pos < lines.size()
        && lines.get(pos).indent() > indent
        && (!flow || !brackets.balanced())) {
      Line next = lines.get(pos++);
      if (!flow && keyEnd(next.text()) > 0) {
        // PyYAML refuses this too: a deeper "key:" after a scalar is a misindented map.
        throw error(next.no(), "unexpected indentation of '" + next.text() + "'");
      }
      sb.append(' ').append(next.text());
      brackets.feed(next.text());
    }
    if (flow) {
      return new FlowParser(sb.toString(), src + " line " + no).parse();
    }
    return scalar(sb.toString(), no);
  }

  private String blockScalar(boolean literal, int indent) {
    StringBuilder sb = new StringBuilder();
    while (pos < lines.size() && lines.get(pos).indent() > indent) {
      sb.append(sb.length() == 0 ? "" : literal ? "\n" : " ").append(lines.get(pos++).text());
    }
    return sb.toString();
  }

  private String scalar(String s, int no) throws IOException {
    try {
      return FlowParser.scalar(s);
    } catch (IOException e) {
      throw error(no, e.getMessage());
    }
  }

  private static boolean isItem(Line l) {
    return l.text().equals("-") || l.text().startsWith("- ");
  }

  /** Position of the ':' ending a key (followed by a space or the end), outside quotes; or -1. */
  static int keyEnd(String s) {
    if (s.startsWith("[") || s.startsWith("{")) {
      return -1;
    }
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if ((c == '"' || c == '\'') && i == 0) {
        quote = c;
      } else if (c == ':' && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  /** Drops a " #..." comment outside quotes. */
  private static String stripComment(String s) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\' && quote == '"') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        boolean starts = i == 0 || " :[{,".indexOf(s.charAt(i - 1)) >= 0;
        quote = starts ? c : 0;
      } else if (c == '#' && (i == 0 || s.charAt(i - 1) == ' ')) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  /**
   * Bracket depth and open quote of a flow collection, fed line by line (a rescan of the whole text
   * per continuation line would make a long wrapped collection quadratic).
   */
  private static final class Brackets {
    private int depth;
    private char quote;
    private boolean escaped;

    void feed(CharSequence s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (escaped) {
            escaped = false;
          } else if (c == '\\' && quote == '"') {
            escaped = true;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[' || c == '{') {
          depth++;
        } else if (c == ']' || c == '}') {
          depth--;
        }
      }
    }

    boolean balanced() {
      return depth <= 0;
    }
  }
}
