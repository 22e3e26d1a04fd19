package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAndVerifyTest {
  @TempDir Path tmp;

  @Test
  void demoBuildsAVerifiedPhantomDatasetWithThreeSplits() throws Exception {
    Cli demo = Cli.run("demo", "--out", tmp.toString(), "--n", "150", "--seed", "3");
    assertThat(demo.exitCode()).as(demo.out()).isZero();
    assertThat(tmp.resolve("summary.md")).exists();
    assertThat(Files.readString(tmp.resolve("summary.md")))
        .contains("cardiomegaly", "patient-disjoint", "## Learning", "Test macro AUROC")
        .contains("## Vision–language", "Zero-shot", "image→report R@1", "chance");
    assertThat(tmp.resolve("model/model.params")).exists();
    assertThat(tmp.resolve("clip-model/model.params")).exists();
    assertThat(tmp.resolve("clip-model/eval")).doesNotExist();
    Path ds = tmp.resolve("dataset");
    Cli q =
        Cli.run(
            "query",
            ds.toString(),
            "select split, count(*) from samples group by split order by split");
    assertThat(q.out().lines().skip(1).map(l -> l.split(",")[0]))
        .containsExactly("test", "train", "val");

    // The phantom's truth travels with the sample: lesion regions carry their finding and location.
    Cli lesions =
        Cli.run(
            "query",
            ds.toString(),
            "select count(*) from samples, unnest(rois) t(r) where r.attributes['truth.location'] like '%zone%'");
    assertThat(Long.parseLong(lesions.out().lines().skip(1).findFirst().orElseThrow()))
        .isPositive();
    Cli ids =
        Cli.run(
            "query",
            ds.toString(),
            "select count(*) from samples where original_path like '%PHP-%' or patient_key like 'PHP%'");
    assertThat(ids.out()).endsWith("\n0\n");
  }

  @Test
  void verifySearchesForTheSourcesRawIdentifiers() throws Exception {
    Path ds = tmp.resolve("ids");
    assertThat(
            Cli.run("build", "--source", "phantom:20", "--out", ds.toString(), "--seed", "4")
                .exitCode())
        .isZero();
    Cli clean = Cli.run("verify", ds.toString(), "--identifiers-from", "phantom:20", "--seed", "4");
    assertThat(clean.exitCode()).as(clean.out()).isZero();
    assertThat(clean.out()).contains("searching every string column for");
  }

  @Test
  void verifyFindsTamperingAndMissingSuccess() throws Exception {
    Path ds = tmp.resolve("d");
    assertThat(Cli.run("build", "--source", "phantom:30", "--out", ds.toString()).exitCode())
        .isZero();
    assertThat(Cli.run("verify", ds.toString()).exitCode()).isZero();

    Path shard = ds.resolve("samples/part-00000.parquet");
    byte[] bytes = Files.readAllBytes(shard);
    byte[] changed = Arrays.copyOf(bytes, bytes.length);
    changed[bytes.length / 2] ^= 0x5a;
    Files.write(shard, changed, StandardOpenOption.TRUNCATE_EXISTING);
    Cli tampered = Cli.run("verify", ds.toString());
    assertThat(tampered.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(tampered.out()).contains("does not match its checksum");
    Files.write(shard, bytes, StandardOpenOption.TRUNCATE_EXISTING);

    Files.delete(ds.resolve("_SUCCESS"));
    Cli missing = Cli.run("verify", ds.toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(Cli.run("info", ds.toString()).exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
  }
}
