package io.medloom.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.Progress;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.io.image.ImageFormat;
import io.medloom.io.image.RasterFiles;
import io.medloom.store.DatasetReader;
import io.medloom.store.StoredSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build → medimeta export → {@code medimeta:} source: what comes back is what was stored. Lives
 * here because medloom-io (the reader) cannot see medloom-store or medloom-export.
 */
class MedimetaRoundTripTest {
  @TempDir Path tmp;

  @Test
  void readsBackWhatTheExporterWrote() throws Exception {
    Path dataset = tmp.resolve("ds");
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse("phantom:30")),
            dataset,
            64,
            7,
            0.2,
            0.2,
            2,
            1000,
            1L << 28,
            Optional.empty(),
            "t"),
        Progress.NONE);
    Path out = tmp.resolve("medimeta");
    Exporters.get("medimeta").export(dataset, out);

    // The exporter numbers images in the reader's order, so stored sample i is images/i.
    List<StoredSample> stored = new ArrayList<>();
    try (DatasetReader reader = DatasetReader.open(dataset)) {
      reader.forEach(
          Optional.empty(),
          s -> {
            if (s.png() != null) {
              stored.add(s);
            }
          });
    }
    Source source = Sources.open(SourceSpec.parse("medimeta:" + out), SourceContext.withSeed(1));
    List<Sample> back = new ArrayList<>();
    for (var it = source.items(); it.hasNext(); ) {
      SourceItem item = it.next();
      back.addAll(source.read(item));
    }

    assertThat(stored).hasSize(30);
    assertThat(back).hasSize(stored.size());
    assertThat(source.size()).hasValue(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      StoredSample want = stored.get(i);
      Sample got = back.get(i);
      Raster png =
          RasterFiles.decode(want.png(), ImageFormat.PNG, RasterFiles.DecodeOptions.full(1L << 28));
      Raster tiff = got.image().orElseThrow();
      assertThat(tiff.width()).as("width of %s", i).isEqualTo(png.width());
      assertThat(tiff.height()).isEqualTo(png.height());
      assertThat(tiff.channels()).isEqualTo(png.channels());
      assertThat(tiff.pixels()).as("pixels of %s", i).isEqualTo(png.pixels());

      Map<String, List<Integer>> wantLabels = new TreeMap<>();
      Rows.labelsByTask(want).forEach((task, l) -> wantLabels.put(task, l.indices()));
      Map<String, List<Integer>> gotLabels = new TreeMap<>();
      got.labels().forEach(l -> gotLabels.put(l.task(), l.indices()));
      assertThat(gotLabels).as("labels of %s", i).isEqualTo(wantLabels);

      assertThat(got.originalSplit()).as("split of %s", i).contains(want.split());
      assertThat(got.identity().orElseThrow().patientId()).isEqualTo(want.patientKey());
      assertThat(got.modality()).isEqualTo(want.modality());
    }
    assertThat(back).filteredOn(s -> s.labels().size() >= 2).isNotEmpty(); // labels were compared
    assertThat(source.tasks())
        .extracting(t -> t.name())
        .containsExactlyInAnyOrderElementsOf(
            back.stream().flatMap(s -> s.labels().stream()).map(Label::task).distinct().toList());
  }
}
