package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.testing.BadImages;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-build key: created owner-only from the first byte (directory 0700, file 0600), never
 * through a symbolic link, and gone after every build that ends in this process, however it ends.
 */
class BuildKeyTest {
  @TempDir Path tmp;
  private Path state;

  @BeforeEach
  void privateStateDir() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions");
    state = tmp.resolve("state");
    System.setProperty(BuildDirectory.STATE_DIR_PROPERTY, state.toString());
  }

  @AfterEach
  void restore() {
    System.clearProperty(BuildDirectory.STATE_DIR_PROPERTY);
  }

  private static BuildConfig config(String source, Path out) {
    return new BuildConfig(
        List.of(SourceSpec.parse(source)),
        out,
        32,
        1,
        0.2,
        0.2,
        1,
        8,
        1L << 28,
        Optional.empty(),
        "t");
  }

  private List<Path> keyFiles() throws IOException {
    Path dir = state.resolve("build-keys");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void theKeyIsOwnerOnlyWhileTheBuildRunsAndGoneAfterIt() throws Exception {
    BuildDirectory dir = BuildDirectory.open(tmp.resolve("out"), "cafe0123");
    byte[] key = dir.secret(Optional.empty());
    assertThat(key).hasSize(32);
    assertThat(mode(state.resolve("build-keys"))).isEqualTo("rwx------");
    assertThat(keyFiles())
        .singleElement()
        .satisfies(f -> assertThat(mode(f)).isEqualTo("rw-------"));
    // A resumed build in the same process reads the same key back.
    assertThat(BuildDirectory.open(tmp.resolve("out"), "cafe0123").secret(Optional.empty()))
        .isEqualTo(key);
    dir.forgetKey();
    assertThat(keyFiles()).isEmpty();
  }

  @Test
  void aBuildWhoseEveryInputIsRejectedLeavesNoKey() throws Exception {
    Path in = tmp.resolve("bad");
    BadImages.writeBadSet(in, in.resolve("x"));
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> LocalBuild.run(config("folder:" + in, out), Progress.NONE))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("nothing could be read");
    assertThat(Files.readAllLines(out.resolve("rejects.jsonl"))).hasSize(10);
    assertThat(state.resolve("build-keys")).isDirectory();
    assertThat(keyFiles()).isEmpty();
  }

  @Test
  void aFinishedBuildLeavesNoKey() throws Exception {
    LocalBuild.run(config("phantom:4", tmp.resolve("ok")), Progress.NONE);
    assertThat(keyFiles()).isEmpty();
  }

  @Test
  void aSymbolicLinkForTheKeyDirectoryIsRefused() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createDirectories(state);
    Files.createSymbolicLink(state.resolve("build-keys"), elsewhere);
    BuildDirectory dir = BuildDirectory.open(tmp.resolve("out"), "cafe0123");
    assertThatThrownBy(() -> dir.secret(Optional.empty()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("symbolic link")
        .hasMessageContaining("build-keys");
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void aSymbolicLinkInPlaceOfTheKeyFileIsRefused() throws Exception {
    BuildDirectory first = BuildDirectory.open(tmp.resolve("out"), "cafe0123");
    first.secret(Optional.empty());
    Path keyFile = keyFiles().get(0);
    Path decoy = Files.write(tmp.resolve("decoy"), new byte[32]);
    Files.delete(keyFile);
    Files.createSymbolicLink(keyFile, decoy);
    assertThatThrownBy(
            () -> BuildDirectory.open(tmp.resolve("out"), "cafe0123").secret(Optional.empty()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void aKeyDirectoryOthersCanReadIsTightened() throws Exception {
    Path keys = Files.createDirectories(state.resolve("build-keys"));
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
    BuildDirectory dir = BuildDirectory.open(tmp.resolve("out"), "cafe0123");
    dir.secret(Optional.empty());
    assertThat(mode(keys)).isEqualTo("rwx------");
    dir.forgetKey();
  }
}
