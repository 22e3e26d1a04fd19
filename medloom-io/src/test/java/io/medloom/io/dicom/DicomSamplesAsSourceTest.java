package io.medloom.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Sample;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The shared samples through the {@code dicom:} source a user builds from: every image object with
 * intact pixel data becomes samples (one per frame), every other file is rejected with the reason
 * DicomSamplesVsDcmtkTest expects for it, and read = accepted + rejected.
 */
class DicomSamplesAsSourceTest {
  @Test
  void everyIntactImageBecomesSamplesAndTheRestSayWhy() throws Exception {
    Path root = SharedData.require("dicom-samples");
    // burned_in=allow: secondary captures and ultrasound are kept (the default rejects them
    // because their pixels may show text, which is not what this test is about).
    Source s =
        Sources.open(
            SourceSpec.parse("dicom:" + root + "?burned_in=allow"), SourceContext.withSeed(1));
    Map<String, Path> files = DicomSamplesVsDcmtkTest.files(root);
    Map<String, Integer> frames = new TreeMap<>();
    Map<String, String> rejected = new TreeMap<>();
    List<Sample> samples = new ArrayList<>();
    int items = 0;
    for (Iterator<SourceItem> it = s.items(); it.hasNext(); ) {
      SourceItem item = it.next();
      items++;
      String name = relative(root, item.path());
      try {
        List<Sample> read = s.read(item);
        samples.addAll(read);
        frames.put(name, read.size());
      } catch (Exception e) {
        rejected.put(name, String.valueOf(e.getMessage()));
      }
    }
    assertThat(frames.size() + rejected.size()).as("read = accepted + rejected").isEqualTo(items);
    for (Map.Entry<String, Path> f : files.entrySet()) {
      List<String> words = DicomSamplesVsDcmtkTest.refusal(f.getKey());
      if (words.isEmpty()) {
        assertThat(frames).as("accepted files").containsKey(f.getKey());
      } else {
        assertThat(rejected).as("rejected files").containsKey(f.getKey());
        for (String w : words) {
          assertThat(rejected.get(f.getKey())).as(f.getKey()).contains(w);
        }
      }
    }
    assertThat(frames).containsEntry("rtdose.dcm", 15).containsEntry("SC_rgb_rle_2frame.dcm", 2);
    assertThat(frames.keySet())
        .contains(
            "JPEG-lossy.dcm",
            "JPGExtended.dcm",
            "MR_small_jpeg_ls_lossless.dcm",
            "JPEG2000.dcm",
            "MR_small_jp2klossless.dcm",
            "MR_small_RLE.dcm",
            "SC_rgb_jpeg_dcmtk.dcm",
            "image_dfl.dcm");
    assertThat(samples).hasSize(frames.values().stream().mapToInt(Integer::intValue).sum());
  }

  private static String relative(Path root, String itemPath) {
    Path p = Path.of(itemPath);
    String r = p.isAbsolute() ? root.relativize(p).toString() : itemPath;
    return r.replace('\\', '/');
  }
}
