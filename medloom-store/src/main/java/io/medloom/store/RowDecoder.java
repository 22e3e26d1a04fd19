package io.medloom.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.image.BitMask;
import io.medloom.core.image.CocoRle;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Box;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Split;
import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Turns a stored row back into a {@link Sample} (the inverse of {@link RowEncoder}): the PNG
 * decoded, masks decoded from their COCO RLE, nested columns from JSON. Used to run stages over a
 * finished dataset again (e.g. {@code annotate}).
 */
public final class RowDecoder {
  private RowDecoder() {}

  /** The stored image of a row that has one, decoded from its PNG. */
  public static Raster image(StoredSample s) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(s.png()));
    if (img == null) {
      throw new IOException("sample " + s.id() + ": stored image is not a readable PNG");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    int ch = s.channels();
    byte[] px = new byte[w * h * ch];
    var raster = img.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < ch; c++) {
          px[(y * w + x) * ch + c] = (byte) raster.getSample(x, y, c);
        }
      }
    }
    return new Raster(w, h, ch, px);
  }

  public static Sample decode(StoredSample s, String originalSplit) throws IOException {
    Optional<Raster> image = s.png() == null ? Optional.empty() : Optional.of(image(s));
    List<Label> labels = new ArrayList<>();
    for (JsonNode l : Json.MAPPER.readTree(s.labelsJson())) {
      List<Integer> indices = new ArrayList<>();
      l.path("indices").forEach(i -> indices.add(i.asInt()));
      labels.add(
          new Label(
              l.path("task").asText(),
              l.path("index").isNumber() ? l.path("index").asInt() : -1,
              indices,
              l.path("name").asText(""),
              l.path("value").isNumber() ? l.path("value").asDouble() : Double.NaN));
    }
    List<Roi> rois = new ArrayList<>();
    for (JsonNode r : Json.MAPPER.readTree(s.roisJson())) {
      JsonNode b = r.path("box");
      Box box = new Box(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt());
      Optional<BitMask> mask =
          r.path("mask_rle").isTextual()
              ? Optional.of(CocoRle.decode(r.path("mask_rle").asText(), s.width(), s.height()))
              : Optional.empty();
      Map<String, String> attrs = new TreeMap<>();
      r.path("attributes").properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
      rois.add(
          new Roi(
              r.path("id").asText(),
              r.path("label").asText(),
              box,
              mask,
              r.path("area_fraction").asDouble(),
              r.path("origin").asText(),
              r.path("confidence").asDouble(),
              attrs));
    }
    List<Text> texts = new ArrayList<>();
    for (JsonNode t : Json.MAPPER.readTree(s.textsJson())) {
      texts.add(
          new Text(
              t.path("kind").asText(),
              t.path("text").asText(),
              t.path("origin").asText(),
              t.path("roi_id").isTextual()
                  ? Optional.of(t.path("roi_id").asText())
                  : Optional.empty()));
    }
    List<Triplet> triplets = new ArrayList<>();
    for (JsonNode t : Json.MAPPER.readTree(s.tripletsJson())) {
      triplets.add(
          new Triplet(
              t.path("anatomy").asText(""),
              t.path("finding").asText(),
              t.path("existence").asText(),
              t.path("sentence").asText("")));
    }
    return new Sample(
        s.id(),
        s.source(),
        s.originalPath(),
        Optional.empty(),
        s.patientKey(),
        s.studyKey(),
        Optional.of(Split.parse(s.split())),
        Optional.ofNullable(originalSplit),
        s.modality(),
        s.bodyPart(),
        s.view(),
        image,
        labels,
        rois,
        texts,
        triplets);
  }
}
