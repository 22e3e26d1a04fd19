package io.medloom.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.medloom.core.image.CocoRle;
import io.medloom.core.model.DatasetInfo;
import io.medloom.store.DatasetReader;
import io.medloom.store.StoredSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * COCO instance annotations: {@code annotations/instances_<split>.json} and the stored PNGs under
 * {@code images/<split>/<sample id>.png}. Every ROI becomes an annotation whose segmentation is the
 * ROI's COCO RLE as stored (or the box as a polygon when it has no mask). Image, annotation and
 * category ids are unique across splits, so the three files can be merged.
 */
public final class CocoExporter implements Exporter {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public String format() {
    return "coco";
  }

  @Override
  public String description() {
    return "COCO instances_{train,val,test}.json (boxes + RLE masks of the ROIs) with PNG images";
  }

  @Override
  public ExportResult export(Path dataset, Path out) throws IOException {
    return ExportRun.run(format(), dataset, out, this::write);
  }

  private long write(DatasetReader reader, ExportDir dir) throws IOException, SQLException {
    Map<String, Integer> categories = categories(reader);
    Map<String, Integer> imageIds = new HashMap<>();
    long[] annotationId = {0};
    for (String split : MedimetaFiles.SPLITS) {
      Path json = dir.resolve("annotations/instances_" + split + ".json");
      Files.createDirectories(dir.dir().resolve("images/" + split));
      try (JsonGenerator g = JSON.createGenerator(json.toFile(), JsonEncoding.UTF8)) {
        g.writeStartObject();
        header(g, reader.info(), categories);
        g.writeArrayFieldStart("images");
        // COCO describes images; text-only samples have none and are left out.
        reader.forEach(
            Optional.of(split),
            s -> {
              if (s.png() != null) {
                image(g, dir, s, imageIds);
              }
            });
        g.writeEndArray();
        // Second pass instead of buffering: annotations (RLE strings) can outgrow the heap.
        g.writeArrayFieldStart("annotations");
        reader.forEach(
            Optional.of(split),
            s -> {
              if (s.png() != null) {
                annotations(g, s, imageIds.get(s.id()), categories, annotationId);
              }
            });
        g.writeEndArray();
        g.writeEndObject();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return imageIds.size();
  }

  /** Distinct ROI labels, sorted, numbered from 1 (COCO reserves 0 for background). */
  private static Map<String, Integer> categories(DatasetReader reader) throws SQLException {
    Map<String, Integer> m = new TreeMap<>();
    reader.query(
        "SELECT DISTINCT unnest(list_transform(rois, r -> r.label)) AS l FROM samples ORDER BY l",
        rs -> {
          while (rs.next()) {
            String label = rs.getString(1);
            if (label != null) {
              m.put(label, 0);
            }
          }
        });
    int[] next = {1};
    Map<String, Integer> numbered = new LinkedHashMap<>();
    m.keySet().forEach(k -> numbered.put(k, next[0]++));
    return numbered;
  }

  private static void header(JsonGenerator g, DatasetInfo info, Map<String, Integer> categories)
      throws IOException {
    g.writeObjectFieldStart("info");
    g.writeStringField("description", info.name() + ": " + info.summary());
    g.writeStringField("version", info.build().configHash());
    g.writeStringField("contributor", "MedLoom " + info.build().medloomVersion());
    g.writeStringField("date_created", info.build().createdAt());
    String created = info.build().createdAt();
    g.writeNumberField(
        "year", created.length() >= 4 ? Integer.parseInt(created.substring(0, 4)) : 0);
    g.writeEndObject();
    g.writeArrayFieldStart("licenses");
    g.writeStartObject();
    g.writeNumberField("id", 1);
    g.writeStringField("name", info.license());
    g.writeStringField("url", "");
    g.writeEndObject();
    g.writeEndArray();
    g.writeArrayFieldStart("categories");
    for (Map.Entry<String, Integer> c : categories.entrySet()) {
      g.writeStartObject();
      g.writeNumberField("id", c.getValue());
      g.writeStringField("name", c.getKey());
      g.writeStringField("supercategory", "roi");
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void image(
      JsonGenerator g, ExportDir dir, StoredSample s, Map<String, Integer> ids) {
    try {
      int id = ids.size() + 1;
      if (ids.putIfAbsent(s.id(), id) != null) {
        throw new IOException("duplicate sample id " + s.id());
      }
      String file = s.id() + ".png";
      Files.write(dir.dir().resolve("images/" + s.split() + "/" + file), s.png());
      g.writeStartObject();
      g.writeNumberField("id", id);
      g.writeStringField("file_name", file);
      g.writeNumberField("width", s.width());
      g.writeNumberField("height", s.height());
      g.writeNumberField("license", 1);
      g.writeStringField("medloom_id", s.id());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void annotations(
      JsonGenerator g,
      StoredSample s,
      int imageId,
      Map<String, Integer> categories,
      long[] nextId) {
    try {
      for (Rows.Roi r : Rows.rois(s)) {
        int[] b = r.box(); // [x0,y0,x1,y1], x1/y1 exclusive
        int w = b[2] - b[0];
        int h = b[3] - b[1];
        if (w <= 0 || h <= 0) {
          throw new IOException(
              "sample "
                  + s.id()
                  + ": roi "
                  + r.id()
                  + " has an empty box "
                  + java.util.Arrays.toString(b));
        }
        g.writeStartObject();
        g.writeNumberField("id", ++nextId[0]);
        g.writeNumberField("image_id", imageId);
        g.writeNumberField("category_id", categories.get(r.label()));
        g.writeArrayFieldStart("bbox");
        g.writeNumber(b[0]);
        g.writeNumber(b[1]);
        g.writeNumber(w);
        g.writeNumber(h);
        g.writeEndArray();
        g.writeNumberField("iscrowd", 0);
        if (r.maskRle() != null && !r.maskRle().isEmpty()) {
          // Decoding also checks that the RLE fits this image; a mismatch is a corrupt row.
          g.writeNumberField("area", CocoRle.decode(r.maskRle(), s.width(), s.height()).count());
          g.writeObjectFieldStart("segmentation");
          g.writeArrayFieldStart("size");
          g.writeNumber(s.height()); // COCO: [height, width]
          g.writeNumber(s.width());
          g.writeEndArray();
          g.writeStringField("counts", r.maskRle());
          g.writeEndObject();
        } else {
          g.writeNumberField("area", (long) w * h);
          g.writeArrayFieldStart("segmentation");
          g.writeArray(new int[] {b[0], b[1], b[2], b[1], b[2], b[3], b[0], b[3]}, 0, 8);
          g.writeEndArray();
        }
        g.writeStringField("medloom_roi_id", r.id());
        g.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> a : r.attributes().entrySet()) {
          g.writeStringField(a.getKey(), a.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
