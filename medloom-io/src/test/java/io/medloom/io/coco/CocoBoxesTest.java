package io.medloom.io.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.model.Box;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.covid.CovidChestXraySourceProvider;
import io.medloom.testing.BadImages;
import io.medloom.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COCO boxes as origin=box regions: scaling, matching by name, and bad files. */
class CocoBoxesTest {
  @TempDir Path dir;

  static final String COCO =
      """
      {"images": [{"id": 7, "file_name": "a.png", "width": 200, "height": 100}],
       "categories": [{"id": 1, "name": "Right Lung"}, {"id": 2, "name": "Left Lung"}],
       "annotations": [
         {"id": 13, "image_id": 7, "category_id": 1, "bbox": [10, 5, 80, 90]},
         {"id": 14, "image_id": 7, "category_id": 2, "bbox": [110, 0, 95, 50]}]}
      """;

  @Test
  void boxesAreScaledToTheDecodedImageAndClipped() throws Exception {
    Files.writeString(dir.resolve("b.json"), COCO);
    CocoBoxes b = CocoBoxes.read(dir.resolve("b.json"));
    // Listed at 200x100, decoded at 100x50: every coordinate halves; the left box's right edge
    // (205 -> 102.5) lies past the image and is clipped.
    List<Roi> r = b.regions("images/a.png", 100, 50);
    assertThat(r).extracting(Roi::label).containsExactly("right lung", "left lung");
    assertThat(r.get(0).box()).isEqualTo(new Box(5, 2, 45, 48));
    assertThat(r.get(1).box()).isEqualTo(new Box(55, 0, 100, 25));
    assertThat(r.get(0).origin()).isEqualTo("box");
    assertThat(r.get(0).confidence()).isEqualTo(1.0);
    assertThat(r.get(0).areaFraction()).isEqualTo(40 * 46 / 5000.0);
    assertThat(r.get(0).attributes()).containsEntry("coco_id", "13");
    assertThat(b.regions("images/other.png", 100, 50)).isEmpty();
  }

  @Test
  void badFilesAreErrorsNamingTheFileAndEntry() throws Exception {
    assertThatThrownBy(() -> CocoBoxes.read(dir.resolve("none.json")))
        .hasMessageContaining("none.json")
        .hasMessageContaining("does not exist");
    Files.writeString(dir.resolve("x.json"), "{\"images\": []}");
    assertThatThrownBy(() -> CocoBoxes.read(dir.resolve("x.json")))
        .hasMessageContaining("x.json")
        .hasMessageContaining("categories");
    Files.writeString(
        dir.resolve("y.json"),
        COCO.replace("\"image_id\": 7, \"category_id\": 2", "\"image_id\": 8, \"category_id\": 2"));
    assertThatThrownBy(() -> CocoBoxes.read(dir.resolve("y.json")))
        .hasMessageContaining("annotation 14");
    Files.writeString(dir.resolve("z.json"), COCO.replace("[10, 5, 80, 90]", "[10, 5, 0, 90]"));
    assertThatThrownBy(() -> CocoBoxes.read(dir.resolve("z.json")))
        .hasMessageContaining("annotation 13")
        .hasMessageContaining("empty bbox");
  }

  @Test
  void theCovidSourceReadsItsBoxesOption() throws Exception {
    Files.createDirectories(dir.resolve("images"));
    Files.write(dir.resolve("images/a.png"), BadImages.goodImage("png", 200, 100, 1));
    Files.writeString(
        dir.resolve("metadata.csv"),
        """
        patientid,offset,sex,finding,view,modality,folder,filename,clinical_notes
        1,0,M,COVID-19,PA,X-ray,images,a.png,
        """);
    Files.createDirectories(dir.resolve("annotations"));
    Files.writeString(dir.resolve("annotations/b.json"), COCO);
    Source s =
        new CovidChestXraySourceProvider()
            .open(
                SourceSpec.parse("covid-chestxray:" + dir + "?boxes=annotations/b.json"),
                SourceContext.withSeed(1));
    List<SourceItem> items = new ArrayList<>();
    s.items().forEachRemaining(items::add);
    Sample a = s.read(items.get(0)).get(0);
    assertThat(a.rois()).extracting(Roi::label).containsExactly("right lung", "left lung");
    assertThat(a.rois().get(0).box()).isEqualTo(new Box(10, 5, 90, 95));
  }

  @Test
  void theCollectionsOwnLungBoxesLandOnTheirFilms() throws Exception {
    Path covid = SharedData.require("covid-chestxray");
    Source s =
        new CovidChestXraySourceProvider()
            .open(
                SourceSpec.parse("covid-chestxray:" + covid + "?boxes=annotations/lung_boxes.json"),
                SourceContext.withSeed(1));
    int withBoxes = 0;
    for (var it = s.items(); it.hasNext(); ) {
      SourceItem item = it.next();
      if (item.problem().isPresent()) {
        continue;
      }
      List<Roi> rois = s.read(item).get(0).rois();
      if (!rois.isEmpty()) {
        withBoxes++;
        // One box per lung, the patient's right lung on the image's left.
        assertThat(rois)
            .extracting(Roi::label)
            .containsExactlyInAnyOrder("right lung", "left lung");
        Roi right = rois.stream().filter(r -> r.label().equals("right lung")).findFirst().get();
        Roi left = rois.stream().filter(r -> r.label().equals("left lung")).findFirst().get();
        assertThat(right.box().x0() + right.box().x1())
            .isLessThan(left.box().x0() + left.box().x1());
      }
    }
    assertThat(withBoxes).isEqualTo(27);
  }
}
