package io.medloom.io.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset-layout sources on the real open data in ../shared/data. */
class RealSourcesTest {
  @TempDir Path tmp;

  private static List<SourceItem> items(Source s) throws Exception {
    List<SourceItem> out = new ArrayList<>();
    s.items().forEachRemaining(out::add);
    return out;
  }

  private static Source open(String spec) throws Exception {
    return Sources.open(
        SourceSpec.parse(spec), new SourceContext(1, SourceContext.DEFAULT_MAX_PIXELS, 224));
  }

  @Test
  void covidChestXrayReadsMetadataFindingsViewsAndNotes() throws Exception {
    Path dir = SharedData.require("covid-chestxray");
    Source s = open("covid-chestxray:" + dir);
    assertThat(s.size().getAsLong()).isEqualTo(133);
    assertThat(s.tasks().get(0).target()).isEqualTo(TaskTarget.MULTILABEL);
    // Distinct tokens of the finding column (csv module of Python: 10 values once "COVID-19, ARDS"
    // is split).
    assertThat(s.tasks().get(0).classes().values())
        .contains("COVID-19", "ARDS", "No Finding", "Pneumocystis")
        .hasSize(10);
    List<SourceItem> items = items(s);
    Sample first = s.read(items.get(0)).get(0);
    assertThat(first.originalPath()).isEqualTo("images/ARDSSevere.png");
    assertThat(first.labels().get(0).name()).isEqualTo("ARDS");
    assertThat(first.view()).isEqualTo("PA");
    assertThat(first.texts()).anySatisfy(t -> assertThat(t.text()).contains("intubated"));
    assertThat(first.identity().orElseThrow().patientId()).isEqualTo("5");
  }

  @Test
  void segPairsBusiImagesWithTheirMasks() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT");
    Source s = open("seg:" + busi + "?modality=US&body_part=BREAST");
    List<SourceItem> items = items(s);
    assertThat(items).hasSize(140).noneMatch(i -> i.path().contains("_mask"));
    assertThat(s.tasks().get(0).classes().values())
        .containsExactly("benign", "malignant", "normal");
    SourceItem benign10 =
        items.stream()
            .filter(i -> i.path().equals("benign/benign (10).png"))
            .findFirst()
            .orElseThrow();
    Sample sample = s.read(benign10).get(0);
    assertThat(sample.rois()).hasSize(1);
    Roi roi = sample.rois().get(0);
    assertThat(roi.label()).isEqualTo("lesion");
    assertThat(roi.attributes()).containsEntry("mask_file", "benign (10)_mask.png");
    assertThat(sample.modality()).isEqualTo("US");
    // Some BUSI cases carry a second mask (n_masks = 2 in labels.csv): they become two regions.
    long twoMasks =
        Files.readAllLines(busi.resolveSibling("labels.csv")).stream()
            .filter(l -> l.endsWith(",2"))
            .count();
    assertThat(twoMasks).isPositive();
    SourceItem normal =
        items.stream().filter(i -> i.path().startsWith("normal/")).findFirst().orElseThrow();
    assertThat(s.read(normal).get(0).rois()).isEmpty();
  }

  @Test
  void segRefusesAMaskOfAnotherSize() throws Exception {
    Path cls = tmp.resolve("a");
    Files.createDirectories(cls);
    Files.createDirectories(tmp.resolve("b"));
    Files.write(cls.resolve("x.png"), io.medloom.testing.BadImages.goodImage("png", 40, 30, 1));
    Files.write(
        cls.resolve("x_mask.png"), io.medloom.testing.BadImages.goodImage("png", 20, 30, 1));
    Source s = open("seg:" + tmp);
    assertThatThrownBy(() -> s.read(items(s).get(0)))
        .hasMessageContaining("is 20x30 but the image is 40x30");
  }

  @Test
  void iuXrayWithoutImagesGivesTextOnlySamples() throws Exception {
    Path dir = SharedData.require("iu-xray-reports");
    Source s = open("iu-xray:" + dir);
    assertThat(s.size().getAsLong()).isEqualTo(1000);
    assertThat(s.tasks().get(0).classes().values()).contains("normal", "Cardiomegaly").hasSize(95);
    Sample first = s.read(items(s).get(0)).get(0);
    assertThat(first.hasImage()).isFalse();
    assertThat(first.labels().get(0).name()).isEqualTo("normal");
    assertThat(first.texts())
        .extracting(t -> t.kind())
        .containsExactly("report.indication", "report.findings", "report.impression");
  }

  @Test
  void csvRowsWithMissingColumnsOrBadBytesAreRefusedOneByOne() throws Exception {
    Path dir = tmp.resolve("iu");
    Files.createDirectories(dir);
    byte[] good =
        "uid,Problems,indication,findings,impression\n1,normal,,Clear lungs.,Normal.\n"
            .getBytes(StandardCharsets.UTF_8);
    byte[] missing = "2,normal,Cough\n".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "3,normal,,Caf\u00e9 lungs.,Normal.\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] extra = "4,normal,,a,b,c\n".getBytes(StandardCharsets.UTF_8);
    Path csv = dir.resolve("indiana_reports.csv");
    Files.write(csv, concat(good, missing, latin1, extra));
    Source s = open("iu-xray:" + dir);
    List<SourceItem> items = items(s);
    assertThat(items).hasSize(4);
    assertThat(s.read(items.get(0))).hasSize(1);
    assertThatThrownBy(() -> s.read(items.get(1)))
        .hasMessageContaining("has 3 columns, the header has 5");
    assertThatThrownBy(() -> s.read(items.get(2))).hasMessageContaining("not valid UTF-8");
    assertThatThrownBy(() -> s.read(items.get(3))).hasMessageContaining("has 6 columns");
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
