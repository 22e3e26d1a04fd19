package io.medloom.io.medimeta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.testing.BadImages;
import io.medloom.testing.Requirements;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MedIMeta directories written by hand: one good, then one broken thing at a time. */
class MedimetaSourceTest {
  static final int N = 4;
  static final String INFO =
      """
      id: "tiny"
      name: "Tiny"
      license: "CC BY 4.0"
      tasks:
        - task_name: "sex"
          task_target: BINARY_CLASSIFICATION
          labels: {0: F, 1: M}
        - task_name: "finding"
          task_target: MULTILABEL_CLASSIFICATION
          labels:
            0: "effusion"
            1: "mass"
      input_size: [1, 16, 16]
      total_num_samples: 4
      """;

  @TempDir Path dir;

  /** sex: F, M, missing, M; finding: [1,0], [1,1], [0,0], missing. */
  void write(String info, long[] sex, long[] finding) throws IOException {
    Files.createDirectories(dir.resolve("images"));
    Files.createDirectories(dir.resolve("splits"));
    Files.createDirectories(dir.resolve("task_labels"));
    Files.writeString(dir.resolve("info.yaml"), info);
    for (int i = 0; i < N; i++) {
      Files.write(dir.resolve(MedimetaSource.file(i)), BadImages.goodImage("tif", 16, 12, i));
    }
    npy(dir.resolve("task_labels/sex.npy"), sex, sex.length);
    npy(dir.resolve("task_labels/finding.npy"), finding, finding.length / 2, 2);
    Files.writeString(dir.resolve("splits/train.txt"), "images/000000.tiff\nimages/000002.tiff\n");
    Files.writeString(dir.resolve("splits/test.txt"), "images/000003.tiff\n");
    Files.writeString(
        dir.resolve("annotations.csv"),
        "filepath,split,patient_id\nimages/000000.tiff,train,p1\nimages/000001.tiff,,p1\n");
  }

  void writeGood() throws IOException {
    write(INFO, new long[] {0, 1, -1, 1}, new long[] {1, 0, 1, 1, 0, 0, -1, -1});
  }

  static void npy(Path file, long[] v, int... shape) throws IOException {
    String dims = shape.length == 1 ? shape[0] + "," : shape[0] + ", " + shape[1];
    StringBuilder h =
        new StringBuilder("{'descr': '<i8', 'fortran_order': False, 'shape': (" + dims + "), }");
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    ByteBuffer b =
        ByteBuffer.allocate(10 + h.length() + 8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    Arrays.stream(v).forEach(b::putLong);
    Files.write(file, b.array());
  }

  Source open() throws Exception {
    return new MedimetaSourceProvider()
        .open(SourceSpec.parse("medimeta:" + dir), SourceContext.withSeed(1));
  }

  @Test
  void readsImagesLabelsSplitsAndPatients() throws Exception {
    writeGood();
    Source s = open();
    assertThat(s.size()).hasValue(N);
    assertThat(s.license()).isEqualTo("CC BY 4.0");
    assertThat(s.tasks())
        .extracting(t -> t.name() + ":" + t.target())
        .containsExactly("sex:" + TaskTarget.BINARY, "finding:" + TaskTarget.MULTILABEL);
    assertThat(s.identifiers()).containsExactly("p1");
    List<Sample> all = new ArrayList<>();
    for (var it = s.items(); it.hasNext(); ) {
      all.addAll(s.read(it.next()));
    }
    assertThat(all)
        .extracting(Sample::originalPath)
        .containsExactly(
            "images/000000.tiff", "images/000001.tiff", "images/000002.tiff", "images/000003.tiff");
    assertThat(all).allMatch(x -> x.image().get().width() == 16 && x.image().get().height() == 12);
    assertThat(all)
        .extracting(x -> x.labels().stream().map(Label::name).toList())
        .containsExactly(
            List.of("F", "effusion"), List.of("M", "effusion, mass"), List.of(""), List.of("M"));
    assertThat(all)
        .extracting(Sample::originalSplit)
        .containsExactly(
            Optional.of("train"), Optional.empty(), Optional.of("train"), Optional.of("test"));
    assertThat(all.get(0).identity().get().patientId()).isEqualTo("p1");
    assertThat(all.get(1).identity().get().patientId()).isEqualTo("p1");
    assertThat(all.get(2).identity().get().patientId()).isEqualTo("tiny/images/000002.tiff");
    assertThat(all).extracting(Sample::id).doesNotHaveDuplicates();
  }

  @Test
  void infoWithoutAKeyIsRefusedNamingIt() throws Exception {
    writeGood();
    Files.writeString(dir.resolve("info.yaml"), INFO.replace("total_num_samples: 4\n", ""));
    assertThatThrownBy(this::open)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing key 'total_num_samples'");
    Files.writeString(
        dir.resolve("info.yaml"), INFO.replace("    task_target: MULTILABEL_CLASSIFICATION\n", ""));
    assertThatThrownBy(this::open)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("task finding: missing key 'task_target'");
    Files.writeString(
        dir.resolve("info.yaml"), INFO.replace("BINARY_CLASSIFICATION", "BINARY_SEGMENTATIONS"));
    assertThatThrownBy(this::open)
        .hasMessageContaining("unknown task_target 'BINARY_SEGMENTATIONS'");
    Files.delete(dir.resolve("info.yaml"));
    assertThatThrownBy(this::open).hasMessageContaining("no info.yaml");
  }

  @Test
  void labelFileWithAnotherCountIsRefused() throws Exception {
    write(INFO, new long[] {0, 1, 1}, new long[] {1, 0, 1, 1, 0, 0, -1, -1});
    assertThatThrownBy(this::open)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sex.npy has 3 rows but info.yaml says there are 4 images");
  }

  @Test
  void labelOutsideTheClassesRejectsThatSampleOnly() throws Exception {
    write(INFO, new long[] {0, 7, 1, 1}, new long[] {1, 0, 1, 1, 0, 2, 0, 0});
    Source s = open();
    List<SourceItem> items = new ArrayList<>();
    s.items().forEachRemaining(items::add);
    assertThat(s.read(items.get(0))).hasSize(1);
    assertThatThrownBy(() -> s.read(items.get(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("images/000001.tiff")
        .hasMessageContaining("label 7 is outside the classes {0=F, 1=M}");
    assertThatThrownBy(() -> s.read(items.get(2))).hasMessageContaining("[0, 2]");
  }

  @Test
  void missingTiffRejectsThatSample() throws Exception {
    writeGood();
    Files.delete(dir.resolve("images/000002.tiff"));
    Source s = open();
    List<SourceItem> items = new ArrayList<>();
    s.items().forEachRemaining(items::add);
    assertThat(s.read(items.get(3))).hasSize(1);
    assertThatThrownBy(() -> s.read(items.get(2)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing image images/000002.tiff");
  }

  @Test
  void splitLinesMustNameAnImageOnce() throws Exception {
    writeGood();
    Files.writeString(dir.resolve("splits/val.txt"), "images/000009.tiff\n");
    assertThatThrownBy(this::open)
        .hasMessageContaining("'images/000009.tiff' is outside the 4 images");
    Files.writeString(dir.resolve("splits/val.txt"), "images/000000.tiff\n");
    assertThatThrownBy(this::open).hasMessageContaining("already in split train");
  }

  /**
   * images.hdf5 written by h5py: value (37i + 16y + 3x + 50c) mod 256 at image i, row y, column x,
   * channel c; (N,12,16) contiguous, or (N,12,16,3) in gzip chunks of one image.
   */
  void hdf5(int n, int channels, boolean chunked) throws Exception {
    Path py = Requirements.python("h5py", "numpy");
    String script =
        """
        import sys, h5py, numpy as np
        n, c, chunked = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
        a = np.fromfunction(lambda i, y, x, ch: (37 * i + 16 * y + 3 * x + 50 * ch) % 256,
                            (n, 12, 16, c), dtype=int).astype(np.uint8)
        if c == 1:
            a = a[..., 0]
        with h5py.File(sys.argv[1], "w") as f:
            if chunked:
                f.create_dataset("images", data=a, chunks=(1,) + a.shape[1:], compression="gzip")
            else:
                f.create_dataset("images", data=a)
        """;
    Process p =
        new ProcessBuilder(
                py.toString(),
                "-c",
                script,
                dir.resolve("images.hdf5").toString(),
                String.valueOf(n),
                String.valueOf(channels),
                chunked ? "1" : "0")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  List<Sample> readAll(Source s) throws Exception {
    List<Sample> all = new ArrayList<>();
    for (var it = s.items(); it.hasNext(); ) {
      all.addAll(s.read(it.next()));
    }
    return all;
  }

  @Test
  void readsTheHdf5ImagesWhenThereIsNoImagesFolder() throws Exception {
    writeGood();
    List<String> tiffIds = readAll(open()).stream().map(Sample::id).toList();
    hdf5(N, 1, false);
    for (int i = 0; i < N; i++) {
      Files.delete(dir.resolve(MedimetaSource.file(i)));
    }
    Files.delete(dir.resolve("images"));
    List<Sample> all = readAll(open());
    // The same rows, labels, splits and patients as from the TIFFs: only the pixels' file differs.
    assertThat(all).extracting(Sample::id).containsExactlyElementsOf(tiffIds);
    assertThat(all.get(0).identity().get().patientId()).isEqualTo("p1");
    for (int i = 0; i < N; i++) {
      var r = all.get(i).image().get();
      assertThat(r.width()).isEqualTo(16);
      assertThat(r.height()).isEqualTo(12);
      assertThat(r.channels()).isEqualTo(1);
      for (int y = 0; y < 12; y += 5) {
        for (int x = 0; x < 16; x += 7) {
          assertThat(r.get(x, y, 0)).isEqualTo((37 * i + 16 * y + 3 * x) % 256);
        }
      }
    }
  }

  @Test
  void readsChunkedRgbHdf5ImagesOnRequest() throws Exception {
    writeGood();
    hdf5(N, 3, true);
    Source s =
        new MedimetaSourceProvider()
            .open(SourceSpec.parse("medimeta:" + dir + "?images=hdf5"), SourceContext.withSeed(1));
    List<Sample> all = readAll(s);
    var r = all.get(3).image().get();
    assertThat(r.channels()).isEqualTo(3);
    assertThat(r.get(5, 7, 2)).isEqualTo((37 * 3 + 16 * 7 + 3 * 5 + 100) % 256);
    assertThat(r.get(15, 11, 0)).isEqualTo((37 * 3 + 16 * 11 + 3 * 15) % 256);
  }

  @Test
  void anHdf5FileWithAnotherImageCountIsRefused() throws Exception {
    writeGood();
    hdf5(N + 1, 1, false);
    assertThatThrownBy(
            () ->
                new MedimetaSourceProvider()
                    .open(
                        SourceSpec.parse("medimeta:" + dir + "?images=hdf5"),
                        SourceContext.withSeed(1)))
        .hasMessageContaining("images.hdf5")
        .hasMessageContaining("5 images, but info.yaml announces 4");
    Files.writeString(dir.resolve("images.hdf5"), "not hdf5");
    assertThatThrownBy(
            () ->
                new MedimetaSourceProvider()
                    .open(
                        SourceSpec.parse("medimeta:" + dir + "?images=hdf5"),
                        SourceContext.withSeed(1)))
        .hasMessageContaining("images.hdf5");
  }
}
