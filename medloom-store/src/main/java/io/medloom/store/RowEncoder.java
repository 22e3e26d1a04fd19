package io.medloom.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.Timings;
import io.medloom.core.image.CocoRle;
import io.medloom.core.image.ImageHashes;
import io.medloom.core.image.PngEncoder;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a finished sample into a {@link Row}. Refuses samples that still carry identifiers in clear
 * or have no split: those would break the dataset's privacy and split guarantees. One encoder per
 * thread (the PNG encoder reuses buffers).
 */
public final class RowEncoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PngEncoder png = new PngEncoder();

  public Row encode(long ordinal, Sample s) {
    return encode(ordinal, s, Timings.NONE);
  }

  /**
   * As {@link #encode(long, Sample)}, adding the time of the PNG encoding ({@code png}), of the
   * content and perceptual hashes ({@code hashes}) and of the rest of the row ({@code row}).
   */
  public Row encode(long ordinal, Sample s, Timings timings) {
    String split = checkedSplit(s);
    long started = timings.start();
    byte[] pngBytes = s.image().map(png::encode).orElse(null);
    timings.since("png", started);
    started = timings.start();
    String contentHash = s.image().map(ImageHashes::contentHash).orElse(null);
    long[] perceptualHash = s.image().flatMap(ImageHashes::perceptualHash).orElse(null);
    timings.since("hashes", started);
    started = timings.start();
    Row row = row(ordinal, s, split, pngBytes, contentHash, perceptualHash);
    timings.since("row", started);
    return row;
  }

  /** The sample's split; refuses a sample with identifiers in clear or without a split. */
  private static String checkedSplit(Sample s) {
    if (s.identity().isPresent()) {
      throw new IllegalStateException(
          "sample " + s.id() + " still carries identifiers in clear; run de-identification first");
    }
    return s.split()
        .orElseThrow(() -> new IllegalStateException("sample " + s.id() + " has no split"))
        .wireName();
  }

  private static Row row(
      long ordinal,
      Sample s,
      String split,
      byte[] pngBytes,
      String contentHash,
      long[] perceptualHash) {
    return new Row(
        ordinal,
        s.id(),
        s.source(),
        s.originalPath(),
        s.patientKey(),
        s.studyKey(),
        split,
        s.originalSplit().orElse(null),
        s.modality(),
        s.bodyPart(),
        s.view(),
        pngBytes,
        s.hasImage() ? s.id() + ".png" : null,
        s.image().map(Raster::width).orElse(0),
        s.image().map(Raster::height).orElse(0),
        s.image().map(Raster::channels).orElse(0),
        json(labels(s.labels())),
        json(rois(s.rois())),
        json(texts(s.texts())),
        json(triplets(s.triplets())),
        contentHash,
        perceptualHash);
  }

  private static List<Map<String, Object>> labels(List<Label> labels) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Label l : labels) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", l.task());
      m.put("index", l.index() >= 0 ? l.index() : null);
      m.put("indices", l.indices());
      m.put("name", l.name());
      m.put("value", Double.isNaN(l.value()) ? null : l.value());
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> rois(List<Roi> rois) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Roi r : rois) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("label", r.label());
      m.put("box", List.of(r.box().x0(), r.box().y0(), r.box().x1(), r.box().y1()));
      m.put("mask_rle", r.mask().map(CocoRle::encode).orElse(null));
      m.put("area_fraction", r.areaFraction());
      m.put("origin", r.origin());
      m.put("confidence", r.confidence());
      m.put("attributes", r.attributes());
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> texts(List<Text> texts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Text t : texts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", t.kind());
      m.put("text", t.text());
      m.put("origin", t.origin());
      m.put("roi_id", t.roiId().orElse(null));
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> triplets(List<Triplet> triplets) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Triplet t : triplets) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("anatomy", t.anatomy());
      m.put("finding", t.finding());
      m.put("existence", t.existence());
      m.put("sentence", t.sentence());
      out.add(m);
    }
    return out;
  }

  private static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode row column as JSON", e);
    }
  }
}
