package io.medloom.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.testing.BadImages;
import io.medloom.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  @TempDir Path dir;

  static Source open(String spec) throws Exception {
    return new CsvSourceProvider().open(SourceSpec.parse(spec), SourceContext.withSeed(1));
  }

  /** Reads every item: path → samples, or path → "REJECT: message". */
  static Map<String, Object> readAll(Source s) throws java.io.IOException {
    Map<String, Object> out = new TreeMap<>();
    for (var it = s.items(); it.hasNext(); ) {
      SourceItem i = it.next();
      try {
        out.put(i.path(), s.read(i).get(0));
      } catch (Exception e) {
        out.put(i.path(), "REJECT: " + e.getMessage());
      }
    }
    return out;
  }

  @Test
  void readsListCellsLabelsTextsAndRejectsBadRowsOneByOne() throws Exception {
    Files.createDirectories(dir.resolve("img"));
    for (String f : List.of("a.png", "b.png", "c.png", "d.png", "e.png")) {
      Files.write(dir.resolve("img").resolve(f), BadImages.goodImage("png", 20, 10, f.hashCode()));
    }
    Files.writeString(
        dir.resolve("data.csv"),
        """
        path,finding,sex,severity,patient,report,pos
        "['img/a.png', 'img/b.png']",effusion|mass,F,2,p1,Small effusion.,PA
        img/c.png,"['mass']",M,10,p2,,AP
        img/d.png,effusion,M
        img/e.png,,X,1,p3,,PA
        img/missing.png,,F,1,p4,,PA
        img/d.png,,,,p5,,AP
        """);
    Source s =
        open(
            "csv:"
                + dir.resolve("data.csv")
                + "?image=path&patient=patient&view=pos&modality=DX"
                + "&tasks=finding:multilabel,sex:binary,severity:ordinal&classes.sex=F,M"
                + "&text.report.findings=report");
    assertThat(s.tasks())
        .extracting(t -> t.name() + "=" + t.classes().values())
        .containsExactly("finding=[effusion, mass]", "sex=[F, M]", "severity=[1, 2, 10]");
    Map<String, Object> got = readAll(s);
    assertThat(got).hasSize(7);
    Sample a = (Sample) got.get("img/a.png");
    Sample b = (Sample) got.get("img/b.png");
    assertThat(a.labels()).extracting(Label::name).containsExactly("effusion, mass", "F", "2");
    assertThat(b.labels()).isEqualTo(a.labels());
    assertThat(b.identity()).isEqualTo(a.identity()); // one row = one patient and study
    assertThat(a.identity().get().patientId()).isEqualTo("p1");
    assertThat(a.texts())
        .extracting(t -> t.kind() + ":" + t.text())
        .containsExactly("report.findings:Small effusion.");
    assertThat(a.modality()).isEqualTo("DX");
    assertThat(a.view()).isEqualTo("PA");
    assertThat(a.image().get().width()).isEqualTo(20);
    Sample c = (Sample) got.get("img/c.png");
    assertThat(c.labels()).extracting(Label::name).containsExactly("mass", "M", "10");
    assertThat(c.texts()).isEmpty();
    assertThat(c.view()).isEqualTo("AP");
    assertThat((String) got.get("data.csv:4")).contains("has 3 columns, the header has 7");
    assertThat((String) got.get("img/e.png"))
        .contains("line 5", "task 'sex' value 'X' is not one of the classes [F, M]");
    assertThat((String) got.get("img/missing.png"))
        .contains("image file not found", "img/missing.png");
    Sample d = (Sample) got.get("img/d.png"); // the later, good row for the same image
    assertThat(d.labels()).isEmpty();
    assertThat(s.identifiers()).containsExactly("p1", "p2", "p3", "p4", "p5");
  }

  @Test
  void refusesUnknownOptionsColumnsAndTextKindsUpFront() throws Exception {
    Files.writeString(dir.resolve("x.csv"), "path,label\na.png,1\n");
    String csv = "csv:" + dir.resolve("x.csv");
    assertThatThrownBy(() -> open(csv)).hasMessageContaining("needs option image=");
    assertThatThrownBy(() -> open(csv + "?image=file"))
        .hasMessageContaining("image=file: no such column")
        .hasMessageContaining("[path, label]");
    assertThatThrownBy(() -> open(csv + "?image=path&taks=label:binary"))
        .hasMessageContaining("unknown option 'taks'");
    assertThatThrownBy(() -> open(csv + "?image=path&tasks=label:binnary"))
        .hasMessageContaining("unknown task target 'binnary'");
    assertThatThrownBy(() -> open(csv + "?image=path&tasks=label:binary"))
        .hasMessageContaining("binary task 'label' needs exactly 2 classes, got [1]");
    assertThatThrownBy(() -> open(csv + "?image=path&text.notes=label"))
        .hasMessageContaining("unknown text kind 'notes'");
  }

  @Test
  void readsTheCovidChestXrayMetadata() throws Exception {
    Path root = SharedData.require("covid-chestxray");
    Source s =
        open(
            "csv:"
                + root.resolve("metadata.csv")
                + "?image=filename&image_dir=images"
                + "&tasks=finding:multilabel,sex:binary&separator.finding=,&patient=patientid"
                + "&view=view&text.clinical_notes=clinical_notes&extension=trust-content"
                + "&modality=DX&body_part=CHEST");
    assertThat(s.tasks().get(0).classes()).containsValue("COVID-19");
    List<Sample> ok = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    readAll(s)
        .forEach(
            (k, v) -> {
              if (v instanceof Sample x) {
                ok.add(x);
              } else {
                rejected.add(k + " " + v);
              }
            });
    assertThat(ok).hasSize((int) s.size().getAsLong() - rejected.size()).hasSizeGreaterThan(100);
    assertThat(ok).allMatch(x -> x.labels().stream().anyMatch(l -> l.task().equals("finding")));
    assertThat(ok).extracting(Sample::bodyPart).containsOnly("CHEST");
    assertThat(ok).anyMatch(x -> !x.texts().isEmpty());
    assertThat(s.identifiers()).isNotEmpty();
  }
}
