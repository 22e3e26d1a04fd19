package io.medloom.learn.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.medloom.learn.Djl;
import io.medloom.learn.Preset;
import io.medloom.learn.nn.Encoders;
import io.medloom.testing.Requirements;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --init torchscript:FILE}: a small conv tower built and traced by PyTorch, copied into the
 * {@code cnn} encoder, must then compute what PyTorch computed on the same batch.
 */
class TorchScriptInitTest {
  private static final Shape INPUT = new Shape(4, 1, 32, 32);

  @Test
  void towerStartsFromTracedWeightsAndMatchesPyTorch(@TempDir Path tmp) throws Exception {
    Path python = Requirements.python("torch");
    trace(python, tmp, "8,16");
    Djl.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock tower = Encoders.backbone(preset("[8, 16]"));
      tower.initialize(m, DataType.FLOAT32, INPUT);
      float[] x = floats(tmp.resolve("input.f32"));
      float[] expected = floats(tmp.resolve("output.f32"));
      // Random weights do not give PyTorch's answer, so agreement below comes from the copy.
      assertThat(maxDiff(forward(tower, m, x), expected)).isGreaterThan(1e-2);

      TorchScriptInit.Report r =
          TorchScriptInit.apply(
              tower, TorchScriptInit.parse("torchscript:" + tmp.resolve("tower.pt")));
      assertThat(r.tensors()).isEqualTo(6);
      assertThat(r.values()).isEqualTo(8 * 9 + 8 + 8 + 16 * 8 * 9 + 16 + 16);
      assertThat(r.sha256()).hasSize(64);
      assertThat(maxDiff(forward(tower, m, x), expected)).isLessThan(1e-4);
    }
  }

  @Test
  void aModuleOfAnotherLayoutIsRefusedWithTheFirstMismatch(@TempDir Path tmp) throws Exception {
    Path python = Requirements.python("torch");
    trace(python, tmp, "8,32");
    Djl.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock tower = Encoders.backbone(preset("[8, 16]"));
      tower.initialize(m, DataType.FLOAT32, INPUT);
      assertThatThrownBy(() -> TorchScriptInit.apply(tower, tmp.resolve("tower.pt")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tower.pt")
          .hasMessageContaining("tensor 3")
          .hasMessageContaining("does not fit");
    }
  }

  @Test
  void optionValueNeedsThePrefixAndAFile(@TempDir Path tmp) {
    assertThatThrownBy(() -> TorchScriptInit.parse("model.pt"))
        .hasMessageContaining("torchscript:FILE");
    assertThatThrownBy(() -> TorchScriptInit.parse("torchscript:" + tmp.resolve("missing.pt")))
        .hasMessageContaining("missing.pt");
  }

  private static Preset preset(String widths) throws Exception {
    String json = Preset.load("tiny").toJson().replaceAll("\\[[ 0-9,\\n]*\\]", widths);
    Path p = Files.createTempFile("preset", ".json");
    Files.writeString(p, json);
    try {
      return Preset.load(p.toString());
    } finally {
      Files.delete(p);
    }
  }

  private static float[] forward(SequentialBlock tower, NDManager m, float[] x) {
    // Training mode: batch statistics, as PyTorch's module in train() computed them.
    return tower
        .forward(new ParameterStore(m, false), new NDList(m.create(x, INPUT)), true)
        .singletonOrThrow()
        .toFloatArray();
  }

  private static double maxDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  private static void trace(Path python, Path dir, String widths) throws Exception {
    Path script = dir.resolve("trace_cnn.py");
    try (InputStream s = TorchScriptInitTest.class.getResourceAsStream("trace_cnn.py")) {
      Files.write(script, s.readAllBytes());
    }
    Process p =
        new ProcessBuilder(python.toString(), script.toString(), dir.toString(), "1", "32", widths)
            .start();
    p.getOutputStream().close();
    p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("python failed: %s", err).isZero();
  }

  private static float[] floats(Path f) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[b.remaining() / 4];
    b.asFloatBuffer().get(out);
    return out;
  }
}
