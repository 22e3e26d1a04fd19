package io.medloom.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared samples re-encoded by DCMTK into every transfer syntax it writes (dcmcjpeg baseline,
 * extended, lossless process 14 and SV1; dcmcjpls lossless, near-lossless and uninterleaved colour;
 * dcmcrle), from 8-, 12- and 16-bit grey and 8-bit colour inputs, single and multi-frame. Each file
 * is generated at test time, decoded by MedLoom and by DCMTK, and compared value for value: exactly
 * for lossless syntaxes, within one grey level for lossy ones.
 */
class DicomDcmtkCorpusTest {
  @TempDir Path work;

  /** name, source sample, DCMTK tool to make an uncompressed explicit LE input. */
  private static final String[][] INPUTS = {
    {"mr16", "MR_small.dcm", "dcmconv"}, // 16-bit signed MR
    {"ct16", "CT_small.dcm", "dcmconv"}, // 16-bit signed CT
    {"nm12", "JPEG-lossy.dcm", "dcmdjpeg"}, // 12-bit NM
    {"ot8", "image_dfl.dcm", "dcmconv"}, // 8-bit grey, 512x512
    {"rgb8", "SC_rgb_rle.dcm", "dcmdrle"}, // 8-bit RGB
    {"rgb8x2", "SC_rgb_rle_2frame.dcm", "dcmdrle"}, // 8-bit RGB, two frames
    {"us8", "ExplVR_BigEnd.dcm", "dcmconv"}, // 8-bit RGB, colour by plane
  };

  /** suffix, encoder command (input and output appended), whether it works on signed data. */
  private static final String[][] ENCODINGS = {
    {"jpeg-baseline", "dcmcjpeg +eb", "yes"},
    {"jpeg-extended", "dcmcjpeg +ee", "yes"},
    {"jpeg-extended-12", "dcmcjpeg +ee +bt", "yes"},
    {"jpeg-lossless-p14", "dcmcjpeg +el", "yes"},
    {"jpeg-lossless-sv1", "dcmcjpeg +e1", "yes"},
    {"jpeg-lossless-sv7", "dcmcjpeg +el +sv 7", "yes"},
    {"jpeg-baseline-444", "dcmcjpeg +eb +s4", "yes"},
    {"jpegls-lossless", "dcmcjpls", "yes"},
    {"jpegls-lossless-uninterleaved", "dcmcjpls +in", "yes"},
    {"jpegls-lossless-sample-interleaved", "dcmcjpls +is", "yes"},
    {"jpegls-near2", "dcmcjpls +en +md 2", "no"},
    {"jpegls-near3-sample-interleaved", "dcmcjpls +en +md 3 +is", "no"},
    {"rle", "dcmcrle", "yes"},
  };

  @Test
  void everyReencodedFileMatchesDcmtk() throws Exception {
    Path root = SharedData.require("dicom-samples");
    Dcmtk.require();
    List<String> compared = new ArrayList<>();
    int skipped = 0;
    for (String[] in : INPUTS) {
      Path plain = work.resolve(in[0] + ".dcm");
      String tool = in[2];
      if (tool.equals("dcmconv")) {
        Dcmtk.run(work, "dcmconv", "+te", root.resolve(in[1]).toString(), plain.toString());
      } else {
        Dcmtk.run(work, tool, root.resolve(in[1]).toString(), plain.toString());
      }
      boolean signed = DicomReader.readStored(plain).signed();
      for (String[] enc : ENCODINGS) {
        if (signed && enc[2].equals("no")) {
          skipped++;
          continue; // DCMTK refuses near-lossless JPEG-LS of signed pixels
        }
        Path file = work.resolve(in[0] + "." + enc[0] + ".dcm");
        List<String> cmd = new ArrayList<>(List.of(enc[1].split(" ")));
        cmd.add(plain.toString());
        cmd.add(file.toString());
        Dcmtk.run(work, cmd.toArray(String[]::new));
        String ts = DicomPreamble.read(file).transferSyntax();
        assertThat(TransferSyntax.of(ts))
            .as(file.getFileName().toString())
            .isNotEqualTo(TransferSyntax.NATIVE);
        StoredImage mine = DicomReader.readStored(file);
        List<int[]> ref = Dcmtk.decode(file, ts, work);
        DicomSamplesVsDcmtkTest.assertSameValues(
            file.getFileName() + " (" + ts + ")",
            mine,
            ref,
            DicomSamplesVsDcmtkTest.lossy(ts) ? 1 : 0);
        compared.add(file.getFileName().toString());
        Files.delete(file);
      }
    }
    assertThat(compared).hasSize(INPUTS.length * ENCODINGS.length - skipped);
    assertThat(skipped).isEqualTo(4); // mr16 and ct16 are signed
  }
}
