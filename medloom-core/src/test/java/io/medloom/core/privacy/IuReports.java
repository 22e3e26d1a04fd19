package io.medloom.core.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IU X-ray reports' findings + impression, read from {@code indiana_reports.csv} (RFC 4180), in
 * uid order. The reports carry no PHI beyond the source's own "XXXX" marks, so every word they lose
 * to the scrubber is a clinical word lost.
 */
final class IuReports {
  record Report(int uid, String text) {}

  private IuReports() {}

  static List<Report> read(Path csv) throws IOException {
    List<List<String>> rows = parse(Files.readString(csv, StandardCharsets.UTF_8));
    List<String> header = rows.get(0);
    int uid = header.indexOf("uid");
    int findings = header.indexOf("findings");
    int impression = header.indexOf("impression");
    List<Report> out = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.size() > impression) {
        out.add(
            new Report(
                Integer.parseInt(row.get(uid)),
                (row.get(findings) + " " + row.get(impression)).strip()));
      }
    }
    out.sort((a, b) -> Integer.compare(a.uid(), b.uid()));
    return out;
  }

  private static List<List<String>> parse(String s) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }
}
