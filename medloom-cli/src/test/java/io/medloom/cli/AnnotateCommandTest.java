package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.image.CocoRle;
import io.medloom.store.DatasetReader;
import io.medloom.store.Json;
import io.medloom.testing.SharedData;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotateCommandTest {
  @TempDir Path tmp;

  @Test
  void annotatingBusiWritesRegionTextsWhoseBoxesMatchTheMasks() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT");
    Path ds = tmp.resolve("busi");
    assertThat(
            Cli.run(
                    "build",
                    "--source",
                    "seg:" + busi + "?modality=US&body_part=BREAST",
                    "--out",
                    ds.toString(),
                    "--size",
                    "128")
                .exitCode())
        .isZero();
    Cli annotate = Cli.run("annotate", ds.toString());
    assertThat(annotate.exitCode()).as(annotate.out()).isZero();
    assertThat(annotate.out()).contains("140 rows rewritten, 0 kept unchanged");
    assertThat(Cli.run("verify", ds.toString()).exitCode()).isZero();
    long[] checked = {0, 0};
    try (DatasetReader r = DatasetReader.open(ds)) {
      r.forEach(
          Optional.empty(),
          s -> {
            try {
              JsonNode texts = Json.MAPPER.readTree(s.textsJson());
              boolean global = false;
              for (JsonNode t : texts) {
                global |= t.path("kind").asText().equals("desc.global");
              }
              assertThat(global).as("desc.global of %s", s.id()).isTrue();
              for (JsonNode roi : Json.MAPPER.readTree(s.roisJson())) {
                // The box, recomputed here from the mask, is exactly the stored one.
                var bounds =
                    CocoRle.decode(roi.path("mask_rle").asText(), s.width(), s.height())
                        .bounds()
                        .orElseThrow();
                JsonNode b = roi.path("box");
                assertThat(new int[] {bounds.x0(), bounds.y0(), bounds.x1(), bounds.y1()})
                    .containsExactly(
                        b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt());
                checked[0]++;
              }
              for (JsonNode t : texts) {
                if (t.path("kind").asText().equals("desc.roi")) {
                  checked[1]++;
                }
              }
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    assertThat(checked[0]).isGreaterThan(100); // lesion regions (normal cases have none)
    assertThat(checked[1]).isGreaterThanOrEqualTo(checked[0] * 9 / 10);
  }
}
