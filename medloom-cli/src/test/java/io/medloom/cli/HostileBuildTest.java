package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.BadImages;
import io.medloom.testing.HostileFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole builds over crafted inputs: a source that cannot be opened safely ends the build with exit
 * code 3 and leaves neither a work folder nor a build key behind; hostile files among good ones are
 * rejections and the build finishes.
 */
class HostileBuildTest {
  @TempDir Path tmp;

  /** Where BuildDirectory keeps the per-build key of {@code out}. */
  private static Path keyFile(Path out) throws Exception {
    String base = System.getenv("MEDLOOM_STATE_DIR");
    Path dir =
        base != null && !base.isBlank()
            ? Path.of(base)
            : Path.of(System.getProperty("user.home"), ".local", "state", "medloom");
    byte[] h =
        MessageDigest.getInstance("SHA-256")
            .digest(out.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
    return dir.resolve("build-keys").resolve(HexFormat.of().formatHex(h, 0, 16) + ".key");
  }

  private void assertCleanExit3(Cli run, Path out) throws Exception {
    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(out).doesNotExist();
    assertThat(keyFile(out)).doesNotExist();
  }

  @Test
  void npzBombEndsTheBuildWithExit3AndNothingLeftBehind() throws Exception {
    Path bomb = tmp.resolve("bomb.npz");
    HostileFiles.npzBomb(bomb, "train_images", new long[] {4096, 256, 256});
    Path out = tmp.resolve("out");
    Cli run =
        Cli.run(
            "build",
            "--source",
            "medmnist:" + bomb,
            "--out",
            out.toString(),
            "--max-pixels",
            "1000");
    assertCleanExit3(run, out);
  }

  @Test
  void nestingBombInInfoYamlEndsTheBuildWithExit3() throws Exception {
    Path in = tmp.resolve("medimeta");
    Files.createDirectories(in);
    Files.writeString(in.resolve("info.yaml"), HostileFiles.nestedFlowYaml(100_000));
    Path out = tmp.resolve("out");
    assertCleanExit3(Cli.run("build", "--source", "medimeta:" + in, "--out", out.toString()), out);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void hostileFilesAmongGoodOnesAreRejectionsAndTheBuildFinishes() throws Exception {
    Path in = tmp.resolve("in");
    Path cls = in.resolve("a");
    Files.createDirectories(cls);
    for (int i = 0; i < 4; i++) {
      Files.write(cls.resolve("good" + i + ".png"), BadImages.goodImage("png", 40, 30, i));
    }
    float[] nan = new float[20];
    java.util.Arrays.fill(nan, Float.NaN);
    Files.write(cls.resolve("nan.tif"), HostileFiles.floatTiff(5, 4, nan));
    HostileFiles.parentLinks(cls);
    Path out = tmp.resolve("out");
    Cli run = Cli.run("build", "--source", "folder:" + in, "--out", out.toString(), "--size", "32");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("read 7 = accepted 4 + rejected 3");
    assertThat(keyFile(out)).doesNotExist();
  }
}
