package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.store.DatasetException;
import io.medloom.store.DatasetReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed with SIGKILL part-way and then re-run gives exactly the rows of an uninterrupted
 * build: same ids, same image bytes, same splits, labels and regions.
 */
class ResumeAfterKillTest {
  @TempDir Path tmp;

  @Test
  void killedBuildResumesToTheSameRows() throws Exception {
    Path key = tmp.resolve("key");
    Files.write(key, "a-secret-for-this-test-only-32by".getBytes());
    Path killed = tmp.resolve("killed");
    Path clean = tmp.resolve("clean");
    List<String> args =
        List.of(
            "build",
            "--source",
            "phantom:400",
            "--seed",
            "5",
            "--shard-size",
            "40",
            "--key-file",
            key.toString());

    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.awt.headless=true",
                Main.class.getName()));
    cmd.addAll(args);
    cmd.addAll(List.of("--out", killed.toString(), "--threads", "2"));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile())
            .start();
    Path marker = killed.resolve("_work/shard-00002.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
    p.waitFor(30, TimeUnit.SECONDS);
    assertThat(Files.exists(marker))
        .as("child log: %s", Files.readString(tmp.resolve("child.log")))
        .isTrue();
    assertThat(killed.resolve("_SUCCESS"))
        .as("the build must have been interrupted")
        .doesNotExist();
    assertThatThrownBy(() -> DatasetReader.open(killed))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("_SUCCESS is missing")
        .hasMessageContaining("resume");

    List<String> resume = new ArrayList<>(args);
    resume.addAll(List.of("--out", killed.toString(), "--threads", "2"));
    assertThat(Cli.run(resume.toArray(String[]::new)).exitCode()).isZero();
    List<String> fresh = new ArrayList<>(args);
    fresh.addAll(List.of("--out", clean.toString(), "--threads", "1"));
    assertThat(Cli.run(fresh.toArray(String[]::new)).exitCode()).isZero();

    List<String> a = rows(killed);
    List<String> b = rows(clean);
    assertThat(a).hasSize(400);
    assertThat(a).isEqualTo(b);
    assertThat(Cli.run("verify", killed.toString()).exitCode()).isZero();
    assertThat(killed.resolve("_work")).doesNotExist();
  }

  private static List<String> rows(Path dataset) throws Exception {
    List<String> out = new ArrayList<>();
    try (DatasetReader r = DatasetReader.open(dataset)) {
      r.query(
          "SELECT id, split, patient_key, study_key, md5(image.bytes), to_json(labels),"
              + " to_json(rois), to_json(texts) FROM samples ORDER BY id",
          rs -> {
            while (rs.next()) {
              StringBuilder sb = new StringBuilder();
              for (int i = 1; i <= 8; i++) {
                sb.append(rs.getString(i)).append('|');
              }
              out.add(sb.toString());
            }
          });
    }
    return out;
  }
}
