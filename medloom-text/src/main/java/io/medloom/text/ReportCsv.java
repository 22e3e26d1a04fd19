package io.medloom.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file of reports with a header row (RFC 4180: quoted cells, doubled quotes, embedded line
 * breaks), read row by row for the {@code text} commands. The general table reader builds a map per
 * row through a data-binding parser; on 100,000 reports that was as costly as labeling them, so the
 * report commands read cells straight from the decoded text. Rows that cannot be trusted come with
 * their problem (wrong number of columns, bytes that are not UTF-8) so the caller can count and
 * skip them; a quote left open at the end of the file makes the whole file malformed.
 */
public final class ReportCsv {
  private final Path file;
  private final String text;
  private final List<String> header;
  private final Map<String, Integer> index;
  private final boolean replaced;
  private final int bodyStart;
  private final long startLine;

  /** One data row; {@code line} is the 1-based line where it starts. */
  public static final class Row {
    private final Map<String, Integer> index;
    private final String[] cells;
    private final int count;
    private final long line;
    private final String problem;

    Row(Map<String, Integer> index, String[] cells, int count, long line, String problem) {
      this.index = index;
      this.cells = cells;
      this.count = count;
      this.line = line;
      this.problem = problem;
    }

    /** The cell of a header column, trimmed; "" when the row has no such cell. */
    public String get(String column) {
      Integer i = index.get(column);
      return i == null || i >= count || cells[i] == null ? "" : cells[i].trim();
    }

    public long line() {
      return line;
    }

    /** Why the row cannot be used, or null. */
    public String problem() {
      return problem;
    }
  }

  /** Receives each data row in file order (index counts data rows from 0). */
  public interface RowSink {
    void row(int index, Row row) throws IOException;
  }

  private ReportCsv(Path file, String text, boolean replaced) throws IOException {
    this.file = file;
    this.text = text;
    this.replaced = replaced;
    List<String> cells = new ArrayList<>();
    int[] pos = {text.startsWith("\uFEFF") ? 1 : 0};
    long[] line = {1};
    if (pos[0] >= text.length()) {
      throw new IOException("empty CSV (no header row): " + file);
    }
    parseRow(pos, line, cells);
    List<String> h = new ArrayList<>();
    for (String c : cells) {
      h.add(c.trim());
    }
    this.header = List.copyOf(h);
    this.index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i), i);
    }
    this.bodyStart = pos[0];
    this.startLine = line[0];
  }

  /** Reads and decodes the file; bytes that are not UTF-8 only refuse the rows holding them. */
  public static ReportCsv read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (ascii(bytes)) {
      // plain ASCII is valid UTF-8: the String constructor's fast path, not a decoder loop
      return new ReportCsv(file, new String(bytes, StandardCharsets.US_ASCII), false);
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new ReportCsv(file, text, false);
    } catch (CharacterCodingException e) {
      return new ReportCsv(file, new String(bytes, StandardCharsets.UTF_8), true);
    }
  }

  private static boolean ascii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return false;
      }
    }
    return true;
  }

  public List<String> header() {
    return header;
  }

  public Path file() {
    return file;
  }

  /** Calls the sink for every data row (blank lines skipped); returns the number of rows. */
  public int forEach(RowSink sink) throws IOException {
    List<String> cells = new ArrayList<>(header.size() + 1);
    String[] arr = new String[Math.max(1, header.size())];
    int[] pos = {bodyStart};
    long[] line = {startLine};
    int n = 0;
    while (pos[0] < text.length()) {
      long at = line[0];
      cells.clear();
      parseRow(pos, line, cells);
      if (cells.size() == 1 && cells.get(0).isBlank()) {
        continue;
      }
      if (cells.size() > arr.length) {
        arr = new String[cells.size()];
      }
      Arrays.fill(arr, null);
      for (int i = 0; i < cells.size(); i++) {
        arr[i] = cells.get(i);
      }
      String problem = null;
      if (cells.size() != header.size()) {
        problem =
            "CSV line " + at + " has " + cells.size() + " columns, the header has " + header.size();
      } else if (replaced && cells.stream().anyMatch(c -> c.indexOf('\uFFFD') >= 0)) {
        problem = "CSV line " + at + " is not valid UTF-8 text";
      }
      sink.row(n++, new Row(index, arr, cells.size(), at, problem));
    }
    return n;
  }

  /** Parses one record starting at pos[0]; leaves pos[0] after its line break. */
  private void parseRow(int[] pos, long[] line, List<String> out) throws IOException {
    String s = text;
    int n = s.length();
    int i = pos[0];
    while (true) {
      if (i < n && s.charAt(i) == '"') {
        long opened = line[0];
        int start = i + 1;
        StringBuilder sb = null;
        int j = start;
        while (true) {
          int q = s.indexOf('"', j);
          if (q < 0) {
            throw new IOException(
                "malformed CSV "
                    + file
                    + ": a quote opened on line "
                    + opened
                    + " is never closed");
          }
          countLines(s, j, q, line);
          if (q + 1 < n && s.charAt(q + 1) == '"') {
            if (sb == null) {
              sb = new StringBuilder();
            }
            sb.append(s, j, q + 1);
            j = q + 2;
            continue;
          }
          String cell = sb == null ? s.substring(start, q) : sb.append(s, j, q).toString();
          i = q + 1;
          // text after the closing quote (malformed but common) joins the cell, as lenient
          // readers do
          int end = i;
          while (end < n
              && s.charAt(end) != ','
              && s.charAt(end) != '\n'
              && s.charAt(end) != '\r') {
            end++;
          }
          out.add(end > i ? cell + s.substring(i, end) : cell);
          i = end;
          break;
        }
      } else {
        int end = i;
        while (end < n) {
          char c = s.charAt(end);
          if (c == ',' || c == '\n' || c == '\r') {
            break;
          }
          end++;
        }
        out.add(s.substring(i, end));
        i = end;
      }
      if (i >= n) {
        pos[0] = n;
        return;
      }
      char c = s.charAt(i);
      if (c == ',') {
        i++;
        continue;
      }
      // line break: \n, \r\n or \r
      i += c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n' ? 2 : 1;
      line[0]++;
      pos[0] = i;
      return;
    }
  }

  private static void countLines(String s, int from, int to, long[] line) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c == '\n' || (c == '\r' && (k + 1 >= to || s.charAt(k + 1) != '\n'))) {
        line[0]++;
      }
    }
  }
}
