package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.TinyDicom;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The privacy promises as a user meets them on the command line, on a PACS-style export. */
class PrivacyCliTest {
  @TempDir Path tmp;

  @Test
  void aPacsExportBuildsWithKeyedPathsAndVerifyCatchesTheIdsWhenPathsAreKeptClear()
      throws Exception {
    Path in = tmp.resolve("export");
    String study = "1.2.826.0.1.3680043.8.498.5544";
    TinyDicom.ct("MRN0042317", study, study + ".1", study + ".1.1")
        .patientName("ROE^JANE")
        .write(in.resolve("MRN0042317").resolve(study).resolve("IM0001.dcm"));
    TinyDicom.ct("MRN0042317", study, study + ".2", study + ".2.1")
        .sopClass(TinyDicom.SECONDARY_CAPTURE)
        .write(in.resolve("MRN0042317").resolve(study).resolve("SC0001.dcm"));
    String source = "dicom:" + in;

    Path keyed = tmp.resolve("keyed");
    Cli build = Cli.run("build", "--source", source, "--out", keyed.toString(), "--size", "32");
    assertThat(build.exitCode()).as(build.out()).isZero();
    assertThat(build.out()).contains("read 2 = accepted 1 + rejected 1");
    assertThat(Files.readString(keyed.resolve("rejects.jsonl")))
        .contains("Secondary Capture", "burned_in=allow")
        .doesNotContain("MRN0042317");
    Cli ok = Cli.run("verify", keyed.toString(), "--identifiers-from", source);
    assertThat(ok.exitCode()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("searching every string column for");

    Path clear = tmp.resolve("clear");
    assertThat(
            Cli.run(
                    "build",
                    "--source",
                    source + "?paths=clear&burned_in=allow",
                    "--out",
                    clear.toString(),
                    "--size",
                    "32")
                .exitCode())
        .isZero();
    Cli caught = Cli.run("verify", clear.toString(), "--identifiers-from", source);
    assertThat(caught.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(caught.out()).contains("'MRN0042317'", "'" + study + "'", "original_path");
  }
}
