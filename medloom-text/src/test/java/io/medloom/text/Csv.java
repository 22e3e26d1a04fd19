package io.medloom.text;

import java.util.ArrayList;
import java.util.List;

/** A small RFC-4180 reader for the tests (quoted fields, doubled quotes, quoted newlines). */
final class Csv {
  private Csv() {}

  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          f.append(c);
        }
        continue;
      }
      if (c == '"') {
        quoted = true;
        any = true;
      } else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || f.length() > 0) {
          row.add(f.toString());
          rows.add(row);
        }
        row = new ArrayList<>();
        f.setLength(0);
        any = false;
      } else {
        f.append(c);
        any = true;
      }
    }
    if (any || f.length() > 0) {
      row.add(f.toString());
      rows.add(row);
    }
    return rows;
  }
}
