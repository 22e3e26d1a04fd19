package io.medloom.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.privacy.PathKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where {@code verify --identifiers-from} looks for raw identifiers: every string a row stores
 * (original path, source, view, body part, and the string values inside labels, regions, texts and
 * triplets), every line of {@code rejects.jsonl}, and the descriptive strings of {@code
 * dataset.json} (name, summary, source locations and options). Keys and encodings are left out:
 * keyed paths and 128-bit keys are hashes, and a mask's RLE is not text, so neither can hold an
 * identifier but both could match digits by chance.
 */
final class RawIdentifierCheck {
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern KEYED_PATH =
      Pattern.compile(Pattern.quote(PathKeys.PREFIX) + "[0-9a-f]{32}");

  /** dataset.json fields that are provenance stamps, not descriptions. */
  private static final Set<String> STAMPS =
      Set.of("created_at", "config_hash", "medloom_version", "identifier_patterns");

  private RawIdentifierCheck() {}

  /** Reports each identifier found in the row, with the column it was found in. */
  static void row(StoredSample s, IdentifierScan scan, BiConsumer<String, String> problem) {
    Map<String, List<String>> byColumn = new TreeMap<>();
    byColumn.put("original_path", List.of(KEYED_PATH.matcher(s.originalPath()).replaceAll("")));
    byColumn.put("source", List.of(s.source()));
    byColumn.put("view", List.of(s.view()));
    byColumn.put("body_part", List.of(s.bodyPart()));
    byColumn.put("labels", strings(s.labelsJson()));
    byColumn.put("rois", strings(s.roisJson()));
    byColumn.put("texts", strings(s.textsJson()));
    byColumn.put("triplets", strings(s.tripletsJson()));
    byColumn.forEach(
        (column, texts) -> {
          for (String text : texts) {
            for (String id : scan.find(text)) {
              problem.accept(
                  "privacy",
                  s.id() + ": the raw identifier '" + id + "' appears in clear in " + column);
            }
          }
        });
  }

  /** Reports each identifier found in rejects.jsonl (by line) and in dataset.json. */
  static void files(DatasetLayout layout, IdentifierScan scan, BiConsumer<String, String> problem)
      throws IOException {
    if (Files.exists(layout.rejects())) {
      try (Stream<String> lines = Files.lines(layout.rejects())) {
        int[] n = {0};
        lines.forEach(
            line -> {
              n[0]++;
              for (String text : strings(line)) {
                for (String id : scan.find(KEYED_PATH.matcher(text).replaceAll(""))) {
                  problem.accept(
                      "privacy",
                      DatasetLayout.REJECTS
                          + " line "
                          + n[0]
                          + ": the raw identifier '"
                          + id
                          + "' appears in clear");
                }
              }
            });
      }
    }
    Path info = layout.info();
    if (Files.exists(info)) {
      List<String> texts = new ArrayList<>();
      collect(Json.MAPPER.readTree(info.toFile()), STAMPS, texts);
      for (String text : texts) {
        for (String id : scan.find(text)) {
          problem.accept(
              "privacy", DatasetLayout.INFO + ": the raw identifier '" + id + "' appears in clear");
        }
      }
    }
  }

  /** The string values of a JSON document; unparseable text is searched as it is. */
  private static List<String> strings(String json) {
    List<String> out = new ArrayList<>();
    if (json == null || json.isEmpty()) {
      return out;
    }
    try {
      collect(Json.MAPPER.readTree(json), Set.of("mask_rle"), out);
    } catch (IOException e) {
      out.add(json);
    }
    return out;
  }

  private static void collect(JsonNode n, Set<String> skip, List<String> out) {
    if (n == null) {
      return;
    }
    if (n.isTextual()) {
      String t = n.asText();
      if (!KEY.matcher(t).matches()) {
        out.add(t);
      }
    } else if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e -> {
                if (!skip.contains(e.getKey())) {
                  collect(e.getValue(), skip, out);
                }
              });
    } else if (n.isArray()) {
      n.forEach(c -> collect(c, skip, out));
    }
  }
}
