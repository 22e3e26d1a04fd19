package io.medloom.io.numpy;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {
  @TempDir Path dir;

  static Map<String, NpyArray> pneumonia() throws IOException {
    return NpzReader.read(SharedData.require("medmnist").resolve("pneumoniamnist.npz"));
  }

  @Test
  void pneumoniaMnistKeysShapesDtypes() throws IOException {
    // numpy 1.24.2: d = np.load('pneumoniamnist.npz'); d.files; d[k].shape; d[k].dtype.str
    Map<String, NpyArray> d = pneumonia();
    assertThat(d.keySet())
        .containsExactly(
            "train_images",
            "val_images",
            "test_images",
            "train_labels",
            "val_labels",
            "test_labels");
    assertThat(d.get("train_images").shape()).containsExactly(2428, 28, 28);
    assertThat(d.get("val_images").shape()).containsExactly(270, 28, 28);
    assertThat(d.get("test_images").shape()).containsExactly(468, 28, 28);
    assertThat(d.get("train_labels").shape()).containsExactly(2428, 1);
    assertThat(d.get("val_labels").shape()).containsExactly(270, 1);
    assertThat(d.get("test_labels").shape()).containsExactly(468, 1);
    for (NpyArray a : d.values()) {
      assertThat(a.dtype()).isEqualTo("|u1");
      assertThat(a.fortranOrder()).isFalse();
      assertThat(a.elementSize()).isEqualTo(1);
    }
    assertThat(d.get("train_images").size()).isEqualTo(2428L * 28 * 28);
  }

  @Test
  void pneumoniaMnistSumsAndPixelsMatchNumpy() throws IOException {
    Map<String, NpyArray> d = pneumonia();
    // numpy: int(d[k].astype(np.int64).sum())
    assertThat(sum(d.get("train_images").uint8())).isEqualTo(273_679_017L);
    assertThat(sum(d.get("val_images").uint8())).isEqualTo(30_537_618L);
    assertThat(sum(d.get("test_images").uint8())).isEqualTo(52_669_370L);
    // numpy: d['train_images'][0, 14].tolist()
    int[] train = d.get("train_images").toIntArray();
    int[] row14 = new int[28];
    System.arraycopy(train, 14 * 28, row14, 0, 28);
    assertThat(row14)
        .containsExactly(
            74, 110, 120, 97, 88, 105, 126, 139, 155, 160, 160, 165, 178, 179, 175, 179, 166, 164,
            151, 124, 92, 70, 65, 68, 73, 98, 110, 100);
    // numpy: d['train_images'][5, 10, 20], d['train_images'][-1, 27, 27],
    // d['train_images'][0].sum()
    assertThat(train[5 * 784 + 10 * 28 + 20]).isEqualTo(135);
    assertThat(train[train.length - 1]).isEqualTo(135);
    long first = 0;
    for (int i = 0; i < 784; i++) {
      first += train[i];
    }
    assertThat(first).isEqualTo(90354);
    float[] test = d.get("test_images").toFloatArray();
    assertThat(test[5 * 784 + 10 * 28 + 20]).isEqualTo(163f); // d['test_images'][5, 10, 20]
  }

  @Test
  void pneumoniaMnistLabelCounts() throws IOException {
    // numpy: np.unique(d[k], return_counts=True) -> 1214/1214, 135/135, 234/234
    Map<String, NpyArray> d = pneumonia();
    assertThat(counts(d.get("train_labels").toIntArray())).containsExactly(1214, 1214);
    assertThat(counts(d.get("val_labels").toIntArray())).containsExactly(135, 135);
    assertThat(counts(d.get("test_labels").toIntArray())).containsExactly(234, 234);
  }

  @Test
  void deflatedNpzFromSavezCompressed() throws IOException {
    Path p = dir.resolve("c.npz");
    Files.write(p, Base64.getDecoder().decode(NpyFixtures.NPZ_DEFLATED));
    Map<String, NpyArray> d = NpzReader.read(p);
    assertThat(d.keySet()).containsExactly("small", "weights");
    assertThat(d.get("small").dtype()).isEqualTo("<i2");
    assertThat(d.get("small").shape()).containsExactly(2, 3);
    assertThat(d.get("small").toIntArray()).containsExactly(-3, -2, -1, 0, 1, 2);
    assertThat(d.get("weights").dtype()).isEqualTo("<f4");
    assertThat(d.get("weights").toFloatArray()).containsExactly(0.25f, 0.5f);
  }

  private static long sum(byte[] b) {
    long s = 0;
    for (byte x : b) {
      s += x & 0xff;
    }
    return s;
  }

  private static int[] counts(int[] labels) {
    int[] c = new int[2];
    for (int v : labels) {
      c[v]++;
    }
    return c;
  }
}
