package io.medloom.io.table;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CSV file with a header row, read with Jackson's CSV parser (RFC 4180 quoting, embedded line
 * breaks). Rows that cannot be trusted are kept with their problem rather than dropped, so a source
 * can turn each into a rejection: a row with missing or extra columns, or text that is not UTF-8.
 */
public record CsvTable(Path file, List<String> header, List<Row> rows) {

  /** One data row; {@code line} is its 1-based line in the file. */
  public record Row(long line, Map<String, String> values, Optional<String> problem) {
    /** The cell, trimmed; "" when absent or empty. */
    public String get(String column) {
      String v = values.get(column);
      return v == null ? "" : v.trim();
    }
  }

  public CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  public static CsvTable read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = decode(bytes);
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<String> header = null;
    List<Row> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class).readValues(text)) {
      while (it.hasNextValue()) {
        long line = it.getCurrentLocation().getLineNr();
        List<String> cells = it.nextValue();
        if (header == null) {
          header = stripBom(cells);
          continue;
        }
        if (cells.size() == 1 && cells.get(0).isBlank()) {
          continue; // blank line
        }
        rows.add(row(line, header, cells));
      }
    } catch (RuntimeException e) {
      throw new IOException("malformed CSV " + file + ": " + e.getMessage(), e);
    }
    if (header == null) {
      throw new IOException("empty CSV (no header row): " + file);
    }
    return new CsvTable(file, header, rows);
  }

  private static Row row(long line, List<String> header, List<String> cells) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(header.size(), cells.size()); i++) {
      values.put(header.get(i), cells.get(i));
    }
    Optional<String> problem = Optional.empty();
    if (cells.size() != header.size()) {
      problem =
          Optional.of(
              "CSV line "
                  + line
                  + " has "
                  + cells.size()
                  + " columns, the header has "
                  + header.size());
    } else if (values.values().stream().anyMatch(v -> v.indexOf('\uFFFD') >= 0)) {
      problem = Optional.of("CSV line " + line + " is not valid UTF-8 text");
    }
    return new Row(line, Collections.unmodifiableMap(values), problem);
  }

  /**
   * Strict UTF-8 first; on failure, decode with replacement characters so that only the rows with
   * bad bytes are refused (the check in {@link #row}), not the whole file.
   */
  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static List<String> stripBom(List<String> header) {
    List<String> h = new ArrayList<>(header);
    if (!h.isEmpty() && h.get(0).startsWith("\uFEFF")) {
      h.set(0, h.get(0).substring(1));
    }
    return h.stream().map(String::trim).toList();
  }

  /** Splits a list-valued cell: a Python-style list {@code ['a', 'b']} or a separator list. */
  public static List<String> listCell(String cell, String separator) {
    String c = cell.trim();
    if (c.isEmpty()) {
      return List.of();
    }
    if (c.startsWith("[") && c.endsWith("]")) {
      List<String> out = new ArrayList<>();
      for (String part : c.substring(1, c.length() - 1).split(",")) {
        String p = part.trim();
        if ((p.startsWith("'") && p.endsWith("'")) || (p.startsWith("\"") && p.endsWith("\""))) {
          p = p.substring(1, p.length() - 1);
        }
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
      return out;
    }
    List<String> out = new ArrayList<>();
    for (String part : c.split(java.util.regex.Pattern.quote(separator))) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }
}
