package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build stopped with SIGTERM (or Ctrl-C) deletes its generated key on the way out; only a kill
 * that runs no code at all (SIGKILL, a power cut) leaves it, which is what lets such a build
 * resume.
 */
class BuildKeySignalTest {
  @TempDir Path tmp;

  @Test
  void sigtermDeletesTheGeneratedKey() throws Exception {
    Path state = tmp.resolve("state");
    Path out = tmp.resolve("out");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.awt.headless=true",
                Main.class.getName(),
                "build",
                "--source",
                "phantom:400",
                "--shard-size",
                "20",
                "--threads",
                "1",
                "--out",
                out.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile());
    pb.environment().put("MEDLOOM_STATE_DIR", state.toString());
    Process p = pb.start();
    Path marker = out.resolve("_work/shard-00000.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String log = Files.readString(tmp.resolve("child.log"));
    assertThat(Files.exists(marker)).as("child log: %s", log).isTrue();
    assertThat(keys(state)).as("the running build keeps its key").hasSize(1);
    p.destroy(); // SIGTERM: shutdown hooks run
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out.resolve("_SUCCESS")).as("the build must have been interrupted").doesNotExist();
    assertThat(keys(state)).isEmpty();
  }

  private static List<Path> keys(Path state) throws Exception {
    Path dir = state.resolve("build-keys");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".key")).toList();
    }
  }
}
