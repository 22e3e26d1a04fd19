package io.medloom.store;

import io.medloom.core.image.CocoRle;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.util.List;
import java.util.Map;

/**
 * The four nested columns of a row as the JSON text the Parquet writer casts to their typed schema
 * ({@link ParquetSchema}), written directly: the same characters Jackson's default {@code
 * ObjectMapper} writes for the same values (tests compare them), without building a map per element
 * or Jackson's serializers, which a build otherwise runs (and compiles) for every sample.
 */
final class RowJson {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private RowJson() {}

  static String labels(List<Label> labels) {
    if (labels.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder(64 * labels.size()).append('[');
    for (Label l : labels) {
      sb.append(sb.length() > 1 ? ",{" : "{");
      field(sb, "task", true);
      string(sb, l.task());
      field(sb, "index", false);
      if (l.index() >= 0) {
        sb.append(l.index());
      } else {
        sb.append("null");
      }
      field(sb, "indices", false).append('[');
      for (int i = 0; i < l.indices().size(); i++) {
        sb.append(i > 0 ? "," : "").append(l.indices().get(i));
      }
      sb.append(']');
      field(sb, "name", false);
      string(sb, l.name());
      field(sb, "value", false);
      if (Double.isNaN(l.value())) {
        sb.append("null");
      } else {
        number(sb, l.value());
      }
      sb.append('}');
    }
    return sb.append(']').toString();
  }

  static String rois(List<Roi> rois) {
    if (rois.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder(256 * rois.size()).append('[');
    for (Roi r : rois) {
      sb.append(sb.length() > 1 ? ",{" : "{");
      field(sb, "id", true);
      string(sb, r.id());
      field(sb, "label", false);
      string(sb, r.label());
      field(sb, "box", false)
          .append('[')
          .append(r.box().x0())
          .append(',')
          .append(r.box().y0())
          .append(',')
          .append(r.box().x1())
          .append(',')
          .append(r.box().y1())
          .append(']');
      field(sb, "mask_rle", false);
      if (r.mask().isPresent()) {
        string(sb, CocoRle.encode(r.mask().get()));
      } else {
        sb.append("null");
      }
      field(sb, "area_fraction", false);
      number(sb, r.areaFraction());
      field(sb, "origin", false);
      string(sb, r.origin());
      field(sb, "confidence", false);
      number(sb, r.confidence());
      field(sb, "attributes", false).append('{');
      boolean first = true;
      for (Map.Entry<String, String> e : r.attributes().entrySet()) {
        sb.append(first ? "" : ",");
        first = false;
        string(sb, e.getKey());
        sb.append(':');
        string(sb, e.getValue());
      }
      sb.append("}}");
    }
    return sb.append(']').toString();
  }

  static String texts(List<Text> texts) {
    if (texts.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder(128 * texts.size()).append('[');
    for (Text t : texts) {
      sb.append(sb.length() > 1 ? ",{" : "{");
      field(sb, "kind", true);
      string(sb, t.kind());
      field(sb, "text", false);
      string(sb, t.text());
      field(sb, "origin", false);
      string(sb, t.origin());
      field(sb, "roi_id", false);
      if (t.roiId().isPresent()) {
        string(sb, t.roiId().get());
      } else {
        sb.append("null");
      }
      sb.append('}');
    }
    return sb.append(']').toString();
  }

  static String triplets(List<Triplet> triplets) {
    if (triplets.isEmpty()) {
      return "[]";
    }
    StringBuilder sb = new StringBuilder(128 * triplets.size()).append('[');
    for (Triplet t : triplets) {
      sb.append(sb.length() > 1 ? ",{" : "{");
      field(sb, "anatomy", true);
      string(sb, t.anatomy());
      field(sb, "finding", false);
      string(sb, t.finding());
      field(sb, "existence", false);
      string(sb, t.existence());
      field(sb, "sentence", false);
      string(sb, t.sentence());
      sb.append('}');
    }
    return sb.append(']').toString();
  }

  /** Appends {@code "name":}, after a comma unless it is the first field; returns sb. */
  private static StringBuilder field(StringBuilder sb, String name, boolean first) {
    return sb.append(first ? "\"" : ",\"").append(name).append("\":");
  }

  /**
   * A JSON string as Jackson writes it: quote and backslash escaped, the control characters below
   * 0x20 as their short escapes or {@code \\u00XX} (upper-case hex), everything else as is.
   */
  private static void string(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    sb.append(s, from, s.length()).append('"');
  }

  /** A double as Jackson writes it: Double.toString, and the non-finite values quoted. */
  private static void number(StringBuilder sb, double d) {
    if (Double.isFinite(d)) {
      sb.append(d);
    } else {
      sb.append('"').append(d).append('"');
    }
  }
}
