package io.medloom.io.dicomsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.model.Sample;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.testing.TinyDicom;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects whose pixels may carry text (names, dates, ids burned into the image) are rejected by
 * default with the reason, and kept only when the source says {@code burned_in=allow}.
 */
class BurnedInTextTest {
  @TempDir Path tmp;

  private static TinyDicom ct(int n) {
    return TinyDicom.ct("PAT-" + n, "1.2.3.4." + n, "1.2.3.4." + n + ".1", "1.2.3.4." + n + ".1.1");
  }

  /** file name to the words its rejection must contain (empty: accepted). */
  private Map<String, List<String>> writeCases(Path dir) throws IOException {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    ct(1).write(dir.resolve("clean-ct.dcm"));
    cases.put("clean-ct.dcm", List.of());
    ct(2).burnedInAnnotation("NO").write(dir.resolve("declared-clean-ct.dcm"));
    cases.put("declared-clean-ct.dcm", List.of());
    ct(3).burnedInAnnotation("YES").write(dir.resolve("burned-in.dcm"));
    cases.put("burned-in.dcm", List.of("BurnedInAnnotation", "YES", "burned_in=allow"));
    ct(4).sopClass(TinyDicom.SECONDARY_CAPTURE).modality("OT").write(dir.resolve("sc.dcm"));
    cases.put(
        "sc.dcm", List.of(TinyDicom.SECONDARY_CAPTURE, "Secondary Capture", "burned_in=allow"));
    ct(5).sopClass(TinyDicom.ULTRASOUND).modality("US").write(dir.resolve("us.dcm"));
    cases.put("us.dcm", List.of(TinyDicom.ULTRASOUND, "Ultrasound", "burned_in=allow"));
    // An ultrasound stored under another SOP class is still an ultrasound.
    ct(6).modality("US").write(dir.resolve("us-modality.dcm"));
    cases.put("us-modality.dcm", List.of("Modality US", "burned_in=allow"));
    return cases;
  }

  private static Map<String, SourceItem> items(Source s) throws IOException {
    Map<String, SourceItem> out = new LinkedHashMap<>();
    s.items().forEachRemaining(i -> out.put(i.path(), i));
    return out;
  }

  @Test
  void textBearingObjectsAreRejectedByDefaultWithTheReason() throws Exception {
    Map<String, List<String>> cases = writeCases(tmp);
    Source s = Sources.open(SourceSpec.parse("dicom:" + tmp), SourceContext.withSeed(1));
    Map<String, SourceItem> items = items(s);
    assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(cases.keySet());
    for (var c : cases.entrySet()) {
      SourceItem item = items.get(c.getKey());
      if (c.getValue().isEmpty()) {
        assertThat(s.read(item)).as(c.getKey()).hasSize(1);
      } else {
        var thrown = assertThatThrownBy(() -> s.read(item)).as(c.getKey());
        thrown.isInstanceOf(IOException.class);
        for (String word : c.getValue()) {
          thrown.hasMessageContaining(word);
        }
      }
    }
  }

  @Test
  void burnedInAllowKeepsThemAll() throws Exception {
    Map<String, List<String>> cases = writeCases(tmp);
    Source s =
        Sources.open(
            SourceSpec.parse("dicom:" + tmp + "?burned_in=allow"), SourceContext.withSeed(1));
    List<Sample> read = new ArrayList<>();
    for (SourceItem item : items(s).values()) {
      read.addAll(s.read(item));
    }
    assertThat(read).hasSize(cases.size());
    assertThat(read).extracting(Sample::modality).contains("US", "OT", "CT");
  }

  @Test
  void anUnknownPolicyIsAUsageError() {
    assertThatThrownBy(
            () ->
                Sources.open(
                    SourceSpec.parse("dicom:" + tmp + "?burned_in=maybe"),
                    SourceContext.withSeed(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("burned_in")
        .hasMessageContaining("reject")
        .hasMessageContaining("allow");
  }
}
