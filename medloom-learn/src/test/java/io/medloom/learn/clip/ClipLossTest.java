package io.medloom.learn.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.learn.Djl;
import io.medloom.testing.Requirements;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipLossTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fixed 4×4 embeddings (4 samples, 4 dimensions), normalised below. */
  private static final float[][] I1 = {
    {0.9f, 0.1f, -0.2f, 0.3f},
    {-0.4f, 0.8f, 0.1f, 0.2f},
    {0.2f, -0.3f, 0.7f, -0.5f},
    {0.1f, 0.4f, 0.3f, 0.9f}
  };

  private static final float[][] I2 = {
    {0.7f, 0.3f, -0.1f, 0.2f},
    {-0.2f, 0.9f, 0.3f, -0.1f},
    {0.4f, -0.1f, 0.6f, -0.6f},
    {-0.1f, 0.2f, 0.5f, 0.8f}
  };
  private static final float[][] T1 = {
    {0.8f, -0.1f, 0.1f, 0.4f},
    {-0.3f, 0.6f, -0.2f, 0.5f},
    {0.1f, -0.5f, 0.9f, -0.2f},
    {0.3f, 0.3f, 0.2f, 0.7f}
  };
  private static final float[][] T2 = {
    {0.6f, 0.2f, 0.3f, 0.1f},
    {-0.5f, 0.7f, 0.2f, 0.3f},
    {0.3f, -0.4f, 0.5f, -0.7f},
    {0.2f, 0.1f, 0.6f, 0.6f}
  };
  private static final float[][] TAG_LOGITS = {
    {1.5f, -0.5f, 0.2f}, {-1.0f, 2.0f, 0.3f}, {0.4f, 0.1f, -2.0f}, {0.0f, -0.7f, 1.1f}
  };
  private static final float[][] TAGS = {{1, 0, 0}, {0, 1, 1}, {1, 0, 0}, {0, 0, 0}};
  private static final float SCALE = 3.5f;

  /** CLIP by hand: identical one-hot embeddings give logits s on the diagonal, 0 elsewhere. */
  @Test
  void clipMatchesTheHandValueOnOneHotEmbeddings() {
    Djl.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray e = m.eye(4);
      NDArray s = m.create(new float[] {2f});
      // Each row: -log(e^2 / (e^2 + 3)) = log(1 + 3 e^-2); both directions alike.
      double expected = Math.log(1 + 3 * Math.exp(-2));
      assertThat(ClipLoss.clip(e, e, s).getFloat()).isCloseTo((float) expected, within(1e-6f));
      // Two identical views and texts: ICL and TCL equal CLIP, so CXR-CLIP = (1 + 1 + 0.5) * CLIP.
      assertThat(ClipLoss.cxrClip(e, e, e, e, s).getFloat())
          .isCloseTo((float) (2.5 * expected), within(1e-5f));
    }
  }

  /** The soft-label targets by hand: no tags at all leaves 0.8·I + 1e-6, normalised per row. */
  @Test
  void softLabelTermIsZeroWhenPredictionsMatchTheTargets() {
    Djl.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray labels = m.zeros(new Shape(4, 3));
      double diag = (0.8 + 1e-6) / (0.8 + 4e-6);
      double off = 1e-6 / (0.8 + 4e-6);
      // logits whose softmax is exactly P: log P per row.
      float[] s = new float[16];
      for (int i = 0; i < 16; i++) {
        s[i] = (float) Math.log(i % 5 == 0 ? diag : off);
      }
      NDArray logits = m.create(s, new Shape(4, 4));
      assertThat(ClipLoss.softLabel(logits, labels).getFloat()).isCloseTo(0f, within(1e-4f));
    }
  }

  @Test
  void lossesMatchPyTorch(@TempDir Path tmp) throws Exception {
    Path python = Requirements.python("torch");
    Djl.engine();
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("i1", unit(I1));
    in.put("i2", unit(I2));
    in.put("t1", unit(T1));
    in.put("t2", unit(T2));
    in.put("scale", SCALE);
    in.put("tag_logits", TAG_LOGITS);
    in.put("tags", TAGS);
    JsonNode ref = runPython(python, tmp, JSON.writeValueAsBytes(in));
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray i1 = ClipNet.normalize(m.create(I1));
      NDArray i2 = ClipNet.normalize(m.create(I2));
      NDArray t1 = ClipNet.normalize(m.create(T1));
      NDArray t2 = ClipNet.normalize(m.create(T2));
      NDArray s = m.create(new float[] {SCALE});
      float clip = ClipLoss.clip(i1, t1, s).getFloat();
      float cxr = ClipLoss.cxrClip(i1, i2, t1, t2, s).getFloat();
      float asg = ClipLoss.asg(i1, t1, s, m.create(TAG_LOGITS), m.create(TAGS)).getFloat();
      assertThat((double) clip).isCloseTo(ref.get("clip").asDouble(), within(1e-5));
      assertThat((double) cxr).isCloseTo(ref.get("cxr_clip").asDouble(), within(1e-5));
      assertThat((double) asg).isCloseTo(ref.get("asg").asDouble(), within(1e-5));
      // The three differ, so a mix-up of terms cannot pass by accident.
      assertThat(clip).isNotCloseTo(cxr, within(1e-3f));
    }
  }

  /**
   * Hard negatives on the fixed 4×4 case: T2 serves as the counterfactual texts, row 1's masked
   * out. Expected values from PyTorch (float64): {@code (CE(cat[s·I·Tᵀ, s·I·Hᵀ[:, valid]]) +
   * CE(s·T·Iᵀ)) / 2} = 0.48394684878243044; without hard negatives 0.2589952175070296.
   */
  @Test
  void hardNegativesJoinTheImageToTextCandidatesOnly() {
    Djl.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray i = ClipNet.normalize(m.create(I1));
      NDArray t = ClipNet.normalize(m.create(T1));
      NDArray h = ClipNet.normalize(m.create(T2));
      NDArray s = m.create(new float[] {SCALE});
      NDArray valid = m.create(new float[] {1, 0, 1, 1});
      assertThat((double) ClipLoss.clip(i, t, h, valid, s).getFloat())
          .isCloseTo(0.48394684878243044, within(1e-5));
      assertThat((double) ClipLoss.clip(i, t, null, null, s).getFloat())
          .isCloseTo(0.2589952175070296, within(1e-5));
      // Every hard negative masked: plain CLIP again.
      assertThat((double) ClipLoss.clip(i, t, h, m.zeros(new Shape(4)), s).getFloat())
          .isCloseTo(0.2589952175070296, within(1e-5));
    }
  }

  /**
   * ASG's region term on a fixed case: a 2×3×2×2 feature map, three regions (sample 0: cell (0,0)
   * fully and (0,1) half; sample 1: the bottom row; sample 0: a quarter of cell (1,1)), three
   * sentence embeddings. Pooled features by hand: [4/3, 0, -1], [0.5, 0.25, 0.5], [4, 0, 3]; the
   * symmetric InfoNCE of their normalised rows against the sentences at scale 3.5 from PyTorch
   * (float64): 0.6530175734306272.
   */
  @Test
  void regionSentenceTermMatchesPyTorch() {
    Djl.engine();
    float[] map = {
      1,
      2,
      3,
      4,
      0.5f,
      -1,
      2,
      0,
      -2,
      1,
      0,
      3, // sample 0: channels 0..2, rows of 2x2
      0,
      1,
      -1,
      2,
      3,
      0.5f,
      1,
      -0.5f,
      1,
      1,
      2,
      -1 // sample 1
    };
    float[] w = new float[3 * 2 * 4];
    w[0] = 1; // region 0, sample 0, cell (0,0)
    w[1] = 0.5f; // cell (0,1)
    w[8 + 4 + 2] = 1; // region 1, sample 1, cell (1,0)
    w[8 + 4 + 3] = 1; // cell (1,1)
    w[16 + 3] = 0.25f; // region 2, sample 0, cell (1,1)
    float[][] sentences = {{0.5f, 0.2f, -0.3f}, {0.1f, 0.9f, 0.2f}, {-0.4f, 0.3f, 0.8f}};
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray pooled =
          ClipLoss.roiPool(
              m.create(map, new Shape(2, 3, 2, 2)), m.create(w, new Shape(3, 2, 2, 2)));
      assertThat(pooled.toFloatArray())
          .containsExactly(new float[] {4f / 3, 0, -1, 0.5f, 0.25f, 0.5f, 4, 0, 3}, within(1e-6f));
      float loss =
          ClipLoss.clip(
                  ClipNet.normalize(pooled),
                  ClipNet.normalize(m.create(sentences)),
                  m.create(new float[] {SCALE}))
              .getFloat();
      assertThat((double) loss).isCloseTo(0.6530175734306272, within(1e-5));
    }
  }

  private static double[][] unit(float[][] rows) {
    double[][] out = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      double n = 0;
      for (float v : rows[r]) {
        n += v * v;
      }
      n = Math.sqrt(n);
      out[r] = new double[rows[r].length];
      for (int c = 0; c < rows[r].length; c++) {
        out[r][c] = rows[r][c] / n;
      }
    }
    return out;
  }

  private static JsonNode runPython(Path python, Path tmp, byte[] input) throws Exception {
    Path script = tmp.resolve("clip_losses.py");
    try (InputStream s = ClipLossTest.class.getResourceAsStream("clip_losses.py")) {
      Files.write(script, s.readAllBytes());
    }
    Process p =
        new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(false).start();
    try (OutputStream o = p.getOutputStream()) {
      o.write(input);
    }
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("python failed: %s", err).isZero();
    return JSON.readTree(out);
  }
}
