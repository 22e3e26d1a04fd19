package io.medloom.io.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.model.Box;
import io.medloom.core.model.Roi;
import io.medloom.core.source.SourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bounding boxes from a COCO file ({@code images}, {@code categories}, {@code annotations} with
 * {@code bbox = [x, y, width, height]} in pixels of the image as the file lists it), as regions
 * with {@code origin=box}: the label is the category's name in lower case (e.g. {@code Right Lung}
 * → {@code right lung}), the box is scaled from the listed image size to the decoded raster's, and
 * the attributes name the file and the annotation id. Images are matched by their {@code
 * file_name}: the source's relative path, else its file name (when only one listed image has it).
 * Segmentation polygons are not read: this is for annotations that are boxes.
 */
public final class CocoBoxes {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One listed image: its listed size and its boxes. */
  private record Listed(int width, int height, List<Entry> boxes) {}

  private record Entry(long id, String label, double x, double y, double w, double h) {}

  private final String fileName;
  private final Map<String, Listed> byPath;
  private final Map<String, List<Listed>> byName;

  private CocoBoxes(String fileName, Map<String, Listed> byPath) {
    this.fileName = fileName;
    this.byPath = byPath;
    this.byName = new HashMap<>();
    byPath.forEach((p, l) -> byName.computeIfAbsent(baseName(p), k -> new ArrayList<>()).add(l));
  }

  /**
   * The boxes of the source option {@code boxes} (a path, relative to the source's folder unless
   * absolute), or empty when the option is not given.
   */
  public static Optional<CocoBoxes> fromOption(SourceSpec spec, Path root) throws IOException {
    String opt = spec.option("boxes", "");
    if (opt.isBlank()) {
      return Optional.empty();
    }
    Path p = Path.of(opt);
    return Optional.of(read(p.isAbsolute() ? p : root.resolve(p)));
  }

  /** Reads a COCO file; a missing file or a malformed entry is an error naming both. */
  public static CocoBoxes read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("boxes file " + file + " does not exist");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("boxes file " + file + " is not JSON: " + e.getMessage(), e);
    }
    for (String key : List.of("images", "categories", "annotations")) {
      if (!root.path(key).isArray()) {
        throw new IOException("boxes file " + file + " has no COCO '" + key + "' list");
      }
    }
    Map<Long, String> categories = new HashMap<>();
    for (JsonNode c : root.path("categories")) {
      categories.put(c.path("id").asLong(), c.path("name").asText().toLowerCase(Locale.ROOT));
    }
    Map<Long, String> paths = new HashMap<>();
    Map<String, Listed> byPath = new TreeMap<>();
    for (JsonNode i : root.path("images")) {
      String name = i.path("file_name").asText("");
      if (name.isEmpty()) {
        throw new IOException(
            "boxes file " + file + ": image " + i.path("id") + " has no file_name");
      }
      paths.put(i.path("id").asLong(), name);
      byPath.put(
          name, new Listed(i.path("width").asInt(0), i.path("height").asInt(0), new ArrayList<>()));
    }
    for (JsonNode a : root.path("annotations")) {
      long id = a.path("id").asLong();
      String path = paths.get(a.path("image_id").asLong());
      String label = categories.get(a.path("category_id").asLong());
      JsonNode b = a.path("bbox");
      if (path == null || label == null || !b.isArray() || b.size() != 4) {
        throw new IOException(
            "boxes file "
                + file
                + ": annotation "
                + id
                + " has an unknown image or category, or no [x, y, width, height] bbox");
      }
      Entry e =
          new Entry(
              id,
              label,
              b.get(0).asDouble(),
              b.get(1).asDouble(),
              b.get(2).asDouble(),
              b.get(3).asDouble());
      if (!(e.w() > 0 && e.h() > 0)) {
        throw new IOException(
            "boxes file " + file + ": annotation " + id + " has an empty bbox " + b);
      }
      byPath.get(path).boxes().add(e);
    }
    return new CocoBoxes(file.getFileName().toString(), byPath);
  }

  /** Number of listed images. */
  public int images() {
    return byPath.size();
  }

  /**
   * The regions of the image at {@code relPath} (relative to the source's folder) decoded at {@code
   * w x h}; none when the file does not list it. A box is clipped to the image; one that lies
   * wholly outside it is an error (the file and the image do not belong together).
   */
  public List<Roi> regions(String relPath, int w, int h) throws IOException {
    Listed l = byPath.get(relPath);
    if (l == null) {
      List<Listed> same = byName.getOrDefault(baseName(relPath), List.of());
      l = same.size() == 1 ? same.get(0) : null;
    }
    if (l == null) {
      return List.of();
    }
    double sx = l.width() > 0 ? w / (double) l.width() : 1;
    double sy = l.height() > 0 ? h / (double) l.height() : 1;
    List<Roi> out = new ArrayList<>();
    for (Entry e : l.boxes()) {
      int x0 = (int) Math.max(0, Math.floor(e.x() * sx));
      int y0 = (int) Math.max(0, Math.floor(e.y() * sy));
      int x1 = (int) Math.min(w, Math.ceil((e.x() + e.w()) * sx));
      int y1 = (int) Math.min(h, Math.ceil((e.y() + e.h()) * sy));
      if (x1 <= x0 || y1 <= y0) {
        throw new IOException(
            "boxes file "
                + fileName
                + ": annotation "
                + e.id()
                + " lies outside the "
                + w
                + "x"
                + h
                + " image "
                + relPath);
      }
      Box box = new Box(x0, y0, x1, y1);
      out.add(
          new Roi(
              "box-" + e.id(),
              e.label(),
              box,
              Optional.empty(),
              Math.min(1, box.width() * (double) box.height() / (w * (double) h)),
              "box",
              1.0,
              Map.of("box_file", fileName, "coco_id", Long.toString(e.id()))));
    }
    return out;
  }

  private static String baseName(String p) {
    int k = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
    return k < 0 ? p : p.substring(k + 1);
  }
}
