package io.medloom.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.image.BitMask;
import io.medloom.core.image.CocoRle;
import io.medloom.core.model.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoExporterTest {
  @TempDir static Path tmp;
  static Path out;
  static ExportResult result;

  @BeforeAll
  static void export() throws Exception {
    out = tmp.resolve("coco");
    result = new CocoExporter().export(Phantom.build(tmp), out);
  }

  @Test
  void annotationsAreValidCocoWithMasksMatchingTheirBoxes() throws Exception {
    Set<Integer> imageIds = new HashSet<>();
    Set<Integer> annotationIds = new HashSet<>();
    int images = 0;
    int checkedMasks = 0;
    for (String split : List.of("train", "val", "test")) {
      JsonNode coco =
          new ObjectMapper()
              .readTree(out.resolve("annotations/instances_" + split + ".json").toFile());
      assertThat(coco.fieldNames())
          .toIterable()
          .contains("info", "licenses", "images", "annotations", "categories");
      Set<Integer> categoryIds = new HashSet<>();
      coco.get("categories").forEach(c -> categoryIds.add(c.get("id").asInt()));
      assertThat(categoryIds).isNotEmpty().doesNotContain(0);
      java.util.Map<Integer, JsonNode> byId = new java.util.HashMap<>();
      for (JsonNode img : coco.get("images")) {
        assertThat(imageIds.add(img.get("id").asInt())).isTrue();
        assertThat(img.get("width").asInt()).isEqualTo(Phantom.SIZE);
        assertThat(img.get("height").asInt()).isEqualTo(Phantom.SIZE);
        assertThat(out.resolve("images/" + split + "/" + img.get("file_name").asText()))
            .isRegularFile();
        byId.put(img.get("id").asInt(), img);
        images++;
      }
      for (JsonNode a : coco.get("annotations")) {
        assertThat(annotationIds.add(a.get("id").asInt())).isTrue();
        assertThat(byId).containsKey(a.get("image_id").asInt());
        assertThat(categoryIds).contains(a.get("category_id").asInt());
        assertThat(a.get("iscrowd").asInt()).isZero();
        JsonNode bbox = a.get("bbox");
        assertThat(bbox.size()).isEqualTo(4);
        JsonNode seg = a.get("segmentation");
        if (seg.isObject()) {
          assertThat(seg.get("size").toString())
              .isEqualTo("[" + Phantom.SIZE + "," + Phantom.SIZE + "]");
          BitMask m = CocoRle.decode(seg.get("counts").asText(), Phantom.SIZE, Phantom.SIZE);
          assertThat(a.get("area").asLong()).isEqualTo(m.count());
          Box b = m.bounds().orElseThrow();
          assertThat(
                  List.of(
                      bbox.get(0).asInt(),
                      bbox.get(1).asInt(),
                      bbox.get(0).asInt() + bbox.get(2).asInt(),
                      bbox.get(1).asInt() + bbox.get(3).asInt()))
              .as("bbox of annotation %s", a.get("id"))
              .containsExactly(b.x0(), b.y0(), b.x1(), b.y1());
          checkedMasks++;
        }
      }
    }
    assertThat(images).isEqualTo(Phantom.SAMPLES);
    assertThat(result.samples()).isEqualTo(Phantom.SAMPLES);
    assertThat(checkedMasks).isGreaterThan(Phantom.SAMPLES); // several ROIs per phantom image
    assertThat(Files.list(out.resolve("annotations"))).hasSize(3);
  }
}
