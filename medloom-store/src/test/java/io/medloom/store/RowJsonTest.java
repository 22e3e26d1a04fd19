package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.image.BitMask;
import io.medloom.core.image.CocoRle;
import io.medloom.core.model.Box;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The nested columns written directly must be the very text Jackson's default mapper writes for the
 * same values (the maps the row encoder used to build), hostile strings included: the Parquet
 * writer parses this text, so equal text means equal rows.
 */
class RowJsonTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  /** Quotes, backslashes, every control character, non-ASCII, a lone surrogate, an emoji. */
  private static final String HOSTILE;

  static {
    StringBuilder sb =
        new StringBuilder("a \"quoted\" back\\slash / é ü \u2028 \ud83d\ude00 \ud800 ");
    for (char c = 0; c < 0x20; c++) {
      sb.append(c);
    }
    HOSTILE = sb.append('\u007f').append("end").toString();
  }

  @Test
  void labelsMatchJackson() throws Exception {
    List<Label> labels =
        List.of(
            new Label("class", 2, List.of(2), "benign", Double.NaN),
            new Label("findings", -1, List.of(3, 1), "nodule, " + HOSTILE, Double.NaN),
            new Label("age", -1, List.of(), "", 63.25),
            new Label("ratio", -1, List.of(), "r", 1e-7));
    assertThat(RowJson.labels(labels)).isEqualTo(jackson(labelMaps(labels)));
    assertThat(RowJson.labels(List.of())).isEqualTo(jackson(List.of()));
  }

  @Test
  void roisMatchJackson() throws Exception {
    byte[] bits = new byte[6 * 5];
    bits[7] = bits[8] = bits[13] = 1;
    BitMask mask = BitMask.wrap(6, 5, bits);
    List<Roi> rois = new ArrayList<>();
    rois.add(
        Roi.fromMask("r1", "lung " + HOSTILE, mask, "mask", Map.of("truth.location", HOSTILE))
            .orElseThrow());
    rois.add(
        new Roi(
            "r2",
            "mass",
            new Box(0, 1, 4, 5),
            Optional.empty(),
            1.0 / 3,
            "model:unet",
            0.8125,
            Map.of("b", "2", "a", "1")));
    assertThat(RowJson.rois(rois)).isEqualTo(jackson(roiMaps(rois)));
    assertThat(RowJson.rois(List.of())).isEqualTo("[]");
  }

  @Test
  void textsAndTripletsMatchJackson() throws Exception {
    List<Text> texts =
        List.of(
            new Text("report.findings", HOSTILE, "source", Optional.empty()),
            new Text("desc.roi", "A region.", "composer:1", Optional.of("r\"1")),
            new Text("caption", "", "source", Optional.empty()));
    List<Map<String, Object>> textMaps = new ArrayList<>();
    for (Text t : texts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", t.kind());
      m.put("text", t.text());
      m.put("origin", t.origin());
      m.put("roi_id", t.roiId().orElse(null));
      textMaps.add(m);
    }
    assertThat(RowJson.texts(texts)).isEqualTo(jackson(textMaps));
    List<Triplet> triplets =
        List.of(
            new Triplet("lung", "effusion", "absent", "No effusion.\n" + HOSTILE),
            new Triplet("heart", "cardiomegaly", "present", "Enlarged."));
    List<Map<String, Object>> tripletMaps = new ArrayList<>();
    for (Triplet t : triplets) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("anatomy", t.anatomy());
      m.put("finding", t.finding());
      m.put("existence", t.existence());
      m.put("sentence", t.sentence());
      tripletMaps.add(m);
    }
    assertThat(RowJson.triplets(triplets)).isEqualTo(jackson(tripletMaps));
    assertThat(RowJson.texts(List.of())).isEqualTo("[]");
    assertThat(RowJson.triplets(List.of())).isEqualTo("[]");
  }

  private static String jackson(Object o) throws Exception {
    return JACKSON.writeValueAsString(o);
  }

  private static List<Map<String, Object>> labelMaps(List<Label> labels) {
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

  private static List<Map<String, Object>> roiMaps(List<Roi> rois) {
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
}
