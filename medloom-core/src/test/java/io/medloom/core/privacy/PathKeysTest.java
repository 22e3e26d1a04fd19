package io.medloom.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import io.medloom.core.pipeline.DeidentifyStage;
import io.medloom.core.pipeline.Pipeline;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.source.SourceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Original paths are stored keyed unless the source asks for them in clear. */
class PathKeysTest {
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String STUDY = "1.2.826.0.1.3680043.8.498.10437721";
  private static final String WADO =
      "studies/" + STUDY + "/series/" + STUDY + ".2/instances/" + STUDY + ".2.3";

  private static Sample sample(String source, String path) {
    return Sample.read(
        "id-" + path.hashCode(),
        source,
        path,
        new Identity("PID-1", STUDY),
        "CT",
        "",
        "",
        new Raster(4, 4, 1, new byte[16]));
  }

  private static PathKeys keys(String... specs) {
    return PathKeys.forSources(
        SECRET, List.of(specs).stream().map(SourceSpec::parse).toList(), kind -> true);
  }

  @Test
  void dicomWebPathsAreKeyedStablyPerSecretAndSource() {
    PathKeys k = keys("dicomweb:http://pacs/dicom-web");
    Sample keyed =
        new DeidentifyStage(SECRET, k).apply(sample("dicomweb:http://pacs/dicom-web", WADO));
    assertThat(keyed.originalPath()).matches("keyed:[0-9a-f]{32}").doesNotContain("1.2.826");
    assertThat(k.stored("dicomweb:http://pacs/dicom-web", WADO)).isEqualTo(keyed.originalPath());
    assertThat(k.stored("dicomweb:http://other/dicom-web", WADO))
        .isNotEqualTo(keyed.originalPath());
    PathKeys otherSecret =
        PathKeys.forSources(
            "another-secret-of-32-bytes-long!".getBytes(),
            List.of(SourceSpec.parse("dicomweb:http://pacs/dicom-web")),
            kind -> true);
    assertThat(otherSecret.stored("dicomweb:http://pacs/dicom-web", WADO))
        .isNotEqualTo(keyed.originalPath());
  }

  @Test
  void pathsClearKeepsThePathAndSyntheticSourcesDefaultToClear() {
    PathKeys k =
        PathKeys.forSources(
            SECRET,
            List.of(
                SourceSpec.parse("csv:/d/records.csv?paths=clear&image=path"),
                SourceSpec.parse("phantom:10"),
                SourceSpec.parse("folder:/d/x")),
            kind -> !kind.equals("phantom"));
    assertThat(k.stored("csv:/d/records.csv", "files/p10/p10000032/a.jpg"))
        .isEqualTo("files/p10/p10000032/a.jpg");
    assertThat(k.stored("phantom:10", "seed-1/0000001.png")).isEqualTo("seed-1/0000001.png");
    assertThat(k.stored("folder:/d/x", "PAT001/a.png")).startsWith("keyed:");
    assertThatThrownBy(() -> keys("folder:/d/x?paths=plain"))
        .hasMessageContaining("paths")
        .hasMessageContaining("keyed")
        .hasMessageContaining("clear");
  }

  @Test
  void rejectionsAreKeyedLikeSamplesAndTheirReasonsLoseThePath() {
    String source = "csv:/d/records.csv";
    String path = "files/p10/p10000032/s50414267/02aa.jpg";
    PathKeys k = keys(source);
    Pipeline p =
        new Pipeline(
            List.of(
                Stage.of(
                    "explode",
                    s -> {
                      throw new IllegalStateException("cannot decode /data/mimic/" + path);
                    })),
            k);
    Rejection r = p.run(0, source, path, List.of(sample(source, path))).rejection().orElseThrow();
    assertThat(r.originalPath()).isEqualTo(k.stored(source, path));
    assertThat(r.reason()).doesNotContain("p10000032").contains(k.stored(source, path));
    assertThat(k.stored(new Rejection(source, path, "read", "missing: ./" + path)).reason())
        .doesNotContain("p10000032");
  }
}
