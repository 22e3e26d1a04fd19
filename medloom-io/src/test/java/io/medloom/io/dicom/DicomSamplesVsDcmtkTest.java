package io.medloom.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.testing.Requirements;
import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of the shared DICOM samples, value for value against DCMTK: each image object with
 * intact pixel data decodes to the stored values DCMTK's tools produce (exactly for lossless
 * syntaxes, within one grey level for lossy ones), and each other file is refused with the reason
 * that applies to it. JPEG 2000, which Debian's DCMTK does not decode, is compared with pydicom
 * (Pillow/OpenJPEG) instead.
 */
class DicomSamplesVsDcmtkTest {

  @TempDir Path work;

  /** Files refused, with what the message must say. */
  private static final Map<String, List<String>> REFUSED =
      Map.ofEntries(
          Map.entry("MR_truncated.dcm", List.of("truncated", "declares 8192 bytes")),
          Map.entry(
              "no_meta.dcm",
              List.of("not a DICOM file", "first bytes: 20 08 00 05", "after 1 stray byte")),
          Map.entry("rtplan.dcm", List.of("no pixel data", "(RT Plan Storage) is not an image")),
          Map.entry(
              "rtstruct.dcm",
              List.of("no pixel data", "(RT Structure Set Storage) is not an image")),
          Map.entry("test-SR.dcm", List.of("no pixel data", "(Comprehensive SR) is not an image")),
          Map.entry(
              "waveform_ecg.dcm",
              List.of("no pixel data", "(12-lead ECG Waveform Storage) is not an image")));

  /** The rule for files not named above (DICOMDIRs and the pixel-less TINY_ALPHA CT set). */
  static List<String> refusal(String name) {
    if (REFUSED.containsKey(name)) {
      return REFUSED.get(name);
    }
    String leaf = name.substring(name.lastIndexOf('/') + 1);
    if (leaf.startsWith("DICOMDIR")) {
      return List.of(
          "no pixel data", "(Media Storage Directory Storage (DICOMDIR)) is not an image");
    }
    if (name.startsWith("dicomdir/TINY_ALPHA/PT")) {
      return List.of("no Pixel Data element (7FE0,0010)", "(CT Image Storage)");
    }
    return List.of();
  }

  static Map<String, Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".txt"))
          .filter(p -> !p.getFileName().toString().equals("README"))
          .collect(
              Collectors.toMap(
                  p -> root.relativize(p).toString().replace('\\', '/'),
                  p -> p,
                  (a, b) -> a,
                  TreeMap::new));
    }
  }

  @Test
  void everyImageWithIntactPixelsMatchesDcmtk() throws Exception {
    Path root = SharedData.require("dicom-samples");
    Dcmtk.require();
    int compared = 0;
    for (Map.Entry<String, Path> e : files(root).entrySet()) {
      if (!refusal(e.getKey()).isEmpty()) {
        continue;
      }
      DicomPreamble pre = DicomPreamble.read(e.getValue());
      String ts = pre.transferSyntax();
      if (TransferSyntax.of(ts) == TransferSyntax.JPEG_2000) {
        continue; // see jpeg2000MatchesPydicom
      }
      StoredImage mine = DicomReader.readStored(e.getValue());
      List<int[]> ref = Dcmtk.decode(e.getValue(), ts, work);
      assertSameValues(e.getKey(), mine, ref, lossy(ts) ? 1 : 0);
      compared++;
    }
    assertThat(compared).as("files compared").isGreaterThanOrEqualTo(45);
  }

  @Test
  void everyOtherFileIsRefusedWithItsReason() throws Exception {
    Path root = SharedData.require("dicom-samples");
    int refused = 0;
    for (Map.Entry<String, Path> e : files(root).entrySet()) {
      List<String> words = refusal(e.getKey());
      if (words.isEmpty()) {
        continue;
      }
      Path file = e.getValue();
      var thrown = assertThatThrownBy(() -> DicomReader.read(file)).as(e.getKey());
      thrown.isInstanceOf(IOException.class);
      for (String w : words) {
        thrown.hasMessageContaining(w);
      }
      refused++;
    }
    assertThat(refused).isGreaterThanOrEqualTo(6 + 7 + 50);
  }

  @Test
  void jpeg2000MatchesPydicom() throws Exception {
    Path root = SharedData.require("dicom-samples");
    Path python = Requirements.python("pydicom", "numpy", "PIL");
    for (String name : List.of("JPEG2000.dcm", "MR_small_jp2klossless.dcm")) {
      Path file = root.resolve(name);
      Path raw = work.resolve(name + ".i32");
      Dcmtk.run(
          work,
          python.toString(),
          "-c",
          "import sys, pydicom, numpy; ds = pydicom.dcmread(sys.argv[1]);"
              + " ds.pixel_array.astype('<i4').tofile(sys.argv[2])",
          file.toString(),
          raw.toString());
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
      int[] ref = new int[b.remaining() / 4];
      b.asIntBuffer().get(ref);
      // JPEG2000.dcm is lossy (irreversible wavelet): jai-imageio and OpenJPEG round differently.
      String ts = DicomPreamble.read(file).transferSyntax();
      assertSameValues(name, DicomReader.readStored(file), List.of(ref), lossy(ts) ? 1 : 0);
    }
  }

  static boolean lossy(String ts) {
    return ts.equals("1.2.840.10008.1.2.4.50")
        || ts.equals("1.2.840.10008.1.2.4.51")
        || ts.equals("1.2.840.10008.1.2.4.81")
        || ts.equals("1.2.840.10008.1.2.4.91");
  }

  static void assertSameValues(String what, StoredImage mine, List<int[]> ref, int tolerance) {
    assertThat(mine.frames()).as(what + " frames").hasSameSizeAs(ref);
    for (int f = 0; f < ref.size(); f++) {
      int[] a = mine.frames().get(f);
      int[] b = ref.get(f);
      assertThat(a.length).as(what + " values in frame " + f).isEqualTo(b.length);
      int worst = 0;
      int at = -1;
      for (int i = 0; i < a.length; i++) {
        int d = Math.abs(a[i] - b[i]);
        if (d > worst) {
          worst = d;
          at = i;
        }
      }
      assertThat(worst)
          .as(
              "%s frame %d: largest difference at value %d (medloom %s, reference %s)",
              what, f, at, at < 0 ? "-" : a[at], at < 0 ? "-" : b[at])
          .isLessThanOrEqualTo(tolerance);
    }
  }
}
