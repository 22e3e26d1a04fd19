package io.medloom.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.image.BitMask;
import io.medloom.core.image.CocoRle;
import io.medloom.core.model.Box;
import io.medloom.core.model.Counts;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.pipeline.DeidentifyStage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a dataset against its contract (DESIGN §3): checksums, schema, counts that reconcile,
 * image sizes, regions inside their image with masks that decode to their box, labels within their
 * task's classes, patient-disjoint splits, and no identifier in clear. Returns every problem found,
 * not just the first, so one run tells the whole story.
 */
public final class DatasetVerifier {
  private static final int MAX_REPORTED_PER_CHECK = 20;

  private static final Pattern KEY =
      Pattern.compile("[0-9a-f]{" + DeidentifyStage.KEY_HEX_LENGTH + "}");

  /** The outcome: the problems (empty when the dataset is sound) and how many rows were checked. */
  public record Report(List<String> problems, long rows, Counts counts, long qaAnswers) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final List<String> problems = new ArrayList<>();
  private final Map<String, Integer> perCheck = new HashMap<>();

  private final IdentifierScan rawIdentifiers;
  private final DuplicateFinder duplicates;
  private final java.util.concurrent.atomic.AtomicLong qaAnswers =
      new java.util.concurrent.atomic.AtomicLong();

  private DatasetVerifier(java.util.Set<String> rawIdentifiers, DuplicateFinder duplicates) {
    this.rawIdentifiers = new IdentifierScan(rawIdentifiers);
    this.duplicates = duplicates;
  }

  public static Report verify(Path root) throws IOException {
    return verify(root, java.util.Set.of());
  }

  /**
   * Verifies, and also searches every string of every row, of {@code rejects.jsonl} and of {@code
   * dataset.json} for the given identifiers in clear (the raw identifiers of the source the dataset
   * was built from), inside longer strings too; see {@link IdentifierScan} for the rules.
   */
  public static Report verify(Path root, java.util.Set<String> rawIdentifiers) throws IOException {
    return new DatasetVerifier(rawIdentifiers, DuplicateFinder.LOCAL).run(root, Optional.empty());
  }

  /** Shorter ids ("5", "17") would match ordinary numbers everywhere, so they are not searched. */
  public static final int MIN_IDENTIFIER_LENGTH = IdentifierScan.MIN_LENGTH;

  /**
   * Verifies a dataset a build has written but not yet marked finished: every check of {@link
   * #verify(Path)}, with the shard checksums the build recorded (file name → SHA-256) standing in
   * for {@code _SUCCESS}, which the build writes only when this passes.
   */
  public static Report verifyBeforeFinish(Path root, Map<String, String> shardSums)
      throws IOException {
    return verifyBeforeFinish(root, shardSums, DuplicateFinder.LOCAL);
  }

  /** As {@link #verifyBeforeFinish(Path, Map)}, re-running the duplicate pass with the engine's. */
  public static Report verifyBeforeFinish(
      Path root, Map<String, String> shardSums, DuplicateFinder duplicates) throws IOException {
    Map<String, String> listed = new java.util.LinkedHashMap<>();
    shardSums.forEach((name, sum) -> listed.put(DatasetLayout.SAMPLES + "/" + name, sum));
    return new DatasetVerifier(java.util.Set.of(), duplicates).run(root, Optional.of(listed));
  }

  /** Checks the dataset at root against {@code _SUCCESS}, or against the given checksums. */
  private Report run(Path root, Optional<Map<String, String>> sums) throws IOException {
    DatasetLayout layout = new DatasetLayout(root);
    try (DatasetReader reader =
        sums.isPresent() ? DatasetReader.openBeforeFinish(root) : DatasetReader.open(root)) {
      DatasetInfo info = reader.info();
      checkFiles(layout, sums.isPresent() ? sums.get() : successSums(layout));
      long rows = checkTables(reader, info, layout);
      if (!rawIdentifiers.isEmpty()) {
        RawIdentifierCheck.files(layout, rawIdentifiers, this::problem);
      }
      return new Report(List.copyOf(problems), rows, info.counts(), qaAnswers.get());
    } catch (SQLException e) {
      problem("read", "cannot query the samples: " + e.getMessage());
      return new Report(List.copyOf(problems), 0, Counts.ZERO, 0);
    }
  }

  /** The checksums {@code _SUCCESS} lists (file → SHA-256); empty when it lists none. */
  private static Map<String, String> successSums(DatasetLayout layout) throws IOException {
    JsonNode sums = Json.MAPPER.readTree(layout.success().toFile()).path("sha256");
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (sums.isObject()) {
      sums.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private void checkFiles(DatasetLayout layout, Map<String, String> sums) throws IOException {
    if (sums.isEmpty()) {
      problem("checksum", "_SUCCESS lists no checksums");
      return;
    }
    List<String> listed = new ArrayList<>(sums.keySet());
    sums.forEach(
        (name, sum) -> {
          Path p = layout.root().resolve(name);
          try {
            if (!Files.exists(p)) {
              problem("checksum", name + " is listed in _SUCCESS but missing");
            } else if (!AtomicFiles.sha256(p).equals(sum)) {
              problem("checksum", name + " does not match its checksum in _SUCCESS");
            }
          } catch (IOException ex) {
            problem("checksum", "cannot read " + name + ": " + ex.getMessage());
          }
        });
    try (Stream<Path> files = Files.list(layout.samples())) {
      files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .map(p -> DatasetLayout.SAMPLES + "/" + p.getFileName())
          .filter(name -> !listed.contains(name))
          .forEach(name -> problem("checksum", name + " is not listed in _SUCCESS"));
    }
  }

  private long checkTables(DatasetReader reader, DatasetInfo info, DatasetLayout layout)
      throws SQLException, IOException {
    List<String> columns = new ArrayList<>();
    reader.query(
        "SELECT column_name FROM (DESCRIBE samples)",
        rs -> {
          while (rs.next()) {
            columns.add(rs.getString(1));
          }
        });
    if (!columns.equals(ParquetSchema.COLUMNS)) {
      problem("schema", "columns are " + columns + ", expected " + ParquetSchema.COLUMNS);
      return 0;
    }
    long rows = reader.count("SELECT count(*) FROM samples");
    Counts c = info.counts();
    if (rows != c.written()) {
      problem(
          "counts",
          "dataset.json says " + c.written() + " samples written, the shards hold " + rows);
    }
    long rejectLines;
    try (Stream<String> lines = Files.lines(layout.rejects())) {
      rejectLines = lines.filter(l -> !l.isBlank()).count();
    }
    if (rejectLines != c.rejected()) {
      problem(
          "counts",
          "dataset.json says " + c.rejected() + " rejected, rejects.jsonl has " + rejectLines);
    }
    Counts fromSources =
        info.sources().stream()
            .map(DatasetInfo.SourceRecord::counts)
            .reduce(Counts.ZERO, Counts::plus);
    if (!fromSources.equals(c)) {
      problem("counts", "source counts " + fromSources + " do not add up to the total " + c);
    }
    Map<String, Long> splits = new TreeMap<>();
    reader.query(
        "SELECT split, count(*) FROM samples GROUP BY split",
        rs -> {
          while (rs.next()) {
            splits.put(rs.getString(1), rs.getLong(2));
          }
        });
    if (!splits.equals(info.splitCounts())) {
      problem(
          "counts",
          "split counts in dataset.json " + info.splitCounts() + " but rows say " + splits);
    }
    reader.query(
        "SELECT id, count(*) FROM samples GROUP BY id HAVING count(*) > 1 LIMIT 20",
        rs -> {
          while (rs.next()) {
            problem("ids", "id " + rs.getString(1) + " appears " + rs.getLong(2) + " times");
          }
        });
    reader.query(
        "SELECT patient_key, string_agg(DISTINCT split, ',') FROM samples GROUP BY patient_key"
            + " HAVING count(DISTINCT split) > 1 LIMIT 20",
        rs -> {
          while (rs.next()) {
            problem(
                "splits",
                "patient " + rs.getString(1) + " is in several splits: " + rs.getString(2));
          }
        });
    checkRows(reader, info);
    // Duplicates (exact or near) must never sit in different splits: that would leak test images
    // into training.
    io.medloom.store.Duplicates.Report dup = duplicates.find(reader.layout().samples());
    dup.movedPatients()
        .forEach(
            (patient, split) ->
                problem(
                    "duplicates",
                    "patient "
                        + patient
                        + " shares duplicate images with a patient in split "
                        + split
                        + " but is in another split"));
    return rows;
  }

  private void checkRows(DatasetReader reader, DatasetInfo info) throws SQLException {
    Map<String, Task> tasks = new HashMap<>();
    info.tasks().forEach(t -> tasks.put(t.name(), t));
    List<Pattern> identifiers = info.identifierPatterns().stream().map(Pattern::compile).toList();
    int size = info.inputSize().get(1);
    int maxChannels = info.inputSize().get(0);
    QaCheck qa = new QaCheck(tasks);
    reader.forEach(
        Optional.empty(),
        s -> {
          String id = s.id();
          if (s.png() == null) {
            checkTextOnly(id, s);
          } else if (s.width() != size || s.height() != size) {
            problem(
                "image",
                id
                    + ": image is "
                    + s.width()
                    + "x"
                    + s.height()
                    + ", expected "
                    + size
                    + "x"
                    + size);
          }
          if (s.png() != null) {
            if (s.channels() < 1 || s.channels() > maxChannels) {
              problem(
                  "image",
                  id + ": " + s.channels() + " channels, dataset input has " + maxChannels);
            }
            checkPng(id, s);
          }
          if (!KEY.matcher(s.patientKey()).matches() || !KEY.matcher(s.studyKey()).matches()) {
            problem(
                "privacy",
                id + ": patient/study key is not a keyed hash: '" + s.patientKey() + "'");
          }
          if (!rawIdentifiers.isEmpty()) {
            RawIdentifierCheck.row(s, rawIdentifiers, this::problem);
          }
          for (Pattern p : identifiers) {
            for (String text : List.of(s.originalPath(), s.textsJson(), s.roisJson(), s.source())) {
              if (p.matcher(text).find()) {
                problem("privacy", id + ": an identifier in clear matches /" + p + "/");
              }
            }
          }
          try {
            JsonNode labels = Json.MAPPER.readTree(s.labelsJson());
            checkLabels(id, labels, tasks);
            JsonNode rois = Json.MAPPER.readTree(s.roisJson());
            checkRois(id, rois, s.width(), s.height());
            JsonNode texts = Json.MAPPER.readTree(s.textsJson());
            JsonNode triplets = Json.MAPPER.readTree(s.tripletsJson());
            checkRegionTexts(s, rois, texts, triplets);
            qaAnswers.addAndGet(qa.check(s, rois, texts, labels, triplets, this::problem));
          } catch (IOException e) {
            problem("schema", id + ": unreadable nested column: " + e.getMessage());
          }
        });
  }

  /** A row without an image must be a text-only sample: no size, no regions, some text. */
  private void checkTextOnly(String id, StoredSample s) {
    if (s.width() != 0 || s.height() != 0 || !"[]".equals(s.roisJson())) {
      problem("image", id + ": row has no image but has a size or regions");
    }
    if ("[]".equals(s.textsJson())) {
      problem("image", id + ": row has neither an image nor any text");
    }
  }

  private void checkPng(String id, StoredSample s) {
    byte[] png = s.png();
    if (png == null || png.length < 33 || (png[0] & 0xff) != 0x89 || png[1] != 'P') {
      problem("image", id + ": image bytes are not a PNG");
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(png);
    int w = b.getInt(16);
    int h = b.getInt(20);
    int colorType = png[25];
    int ch = colorType == 0 ? 1 : colorType == 2 ? 3 : -1;
    if (w != s.width() || h != s.height() || ch != s.channels()) {
      problem(
          "image",
          id
              + ": PNG header says "
              + w
              + "x"
              + h
              + "x"
              + ch
              + ", columns say "
              + s.width()
              + "x"
              + s.height()
              + "x"
              + s.channels());
    }
  }

  private void checkLabels(String id, JsonNode labels, Map<String, Task> tasks) {
    for (JsonNode l : labels) {
      String name = l.path("task").asText();
      Task t = tasks.get(name);
      if (t == null) {
        problem("labels", id + ": label for unknown task '" + name + "'");
        continue;
      }
      if (t.target() == TaskTarget.REGRESSION) {
        continue;
      }
      for (JsonNode i : l.path("indices")) {
        if (!t.classes().containsKey(i.asInt())) {
          problem("labels", id + ": task '" + name + "' has no class " + i.asInt());
        }
      }
      if (t.target() != TaskTarget.MULTILABEL
          && !t.classes().containsKey(l.path("index").asInt(-1))) {
        problem(
            "labels",
            id + ": task '" + name + "' label index " + l.path("index") + " is not a class");
      }
    }
  }

  private void checkRois(String id, JsonNode rois, int width, int height) {
    for (JsonNode r : rois) {
      JsonNode bx = r.path("box");
      Box box;
      try {
        box = new Box(bx.get(0).asInt(), bx.get(1).asInt(), bx.get(2).asInt(), bx.get(3).asInt());
      } catch (RuntimeException e) {
        problem("rois", id + ": roi " + r.path("id").asText() + " has an invalid box " + bx);
        continue;
      }
      if (!box.fitsIn(width, height)) {
        problem(
            "rois", id + ": roi " + r.path("id").asText() + " box " + bx + " outside the image");
        continue;
      }
      JsonNode rle = r.path("mask_rle");
      if (rle.isTextual()) {
        try {
          BitMask m = CocoRle.decode(rle.asText(), width, height);
          Optional<Box> bounds = m.bounds();
          if (bounds.isEmpty() || !bounds.get().equals(box)) {
            problem(
                "rois",
                id
                    + ": roi "
                    + r.path("id").asText()
                    + " mask bounds "
                    + bounds.orElse(null)
                    + " differ from its box "
                    + bx);
          }
        } catch (IllegalArgumentException e) {
          problem(
              "rois",
              id + ": roi " + r.path("id").asText() + " RLE does not decode: " + e.getMessage());
        }
      }
    }
  }

  /**
   * A generated region description must agree with its region's pixels (side, zone, apex /
   * costophrenic and grid words against the location recomputed from the stored mask) and with its
   * sample's report. An expert's correction (origin annotator) is the reference, not checked.
   */
  private void checkRegionTexts(StoredSample s, JsonNode rois, JsonNode texts, JsonNode triplets) {
    String id = s.id();
    Map<String, JsonNode> byId = new HashMap<>();
    rois.forEach(r -> byId.put(r.path("id").asText(), r));
    java.util.Set<String> ruledOut = RegionTextCheck.ruledOut(triplets);
    StoredLocations places = new StoredLocations(s, rois);
    for (JsonNode t : texts) {
      if (!"desc.roi".equals(t.path("kind").asText())) {
        continue;
      }
      String roiId = t.path("roi_id").asText("");
      JsonNode roi = byId.get(roiId);
      if (roi == null) {
        problem(
            "texts",
            id + ": desc.roi names region '" + roiId + "', which the sample does not have");
        continue;
      }
      String origin = t.path("origin").asText();
      if (!origin.startsWith("composer") && !origin.startsWith("llm:")) {
        continue;
      }
      Optional<io.medloom.core.image.RegionLocation.Location> where;
      try {
        where = places.of(roiId);
      } catch (RuntimeException e) {
        problem("texts", id + ": cannot locate region " + roiId + ": " + e.getMessage());
        continue;
      }
      if (where.isEmpty()) {
        problem("texts", id + ": desc.roi describes region " + roiId + ", which has no pixels");
        continue;
      }
      for (String p :
          RegionTextCheck.problems(
              t.path("text").asText(), roi.path("label").asText(), where.get(), ruledOut)) {
        problem("texts", id + ": desc.roi of " + roiId + " " + p);
      }
    }
  }

  private synchronized void problem(String check, String message) {
    int n = perCheck.merge(check, 1, Integer::sum);
    if (n <= MAX_REPORTED_PER_CHECK) {
      problems.add(check + ": " + message);
    } else if (n == MAX_REPORTED_PER_CHECK + 1) {
      problems.add(check + ": (further problems of this kind not listed)");
    }
  }
}
