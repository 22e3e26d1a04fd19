package io.medloom.learn.seg;

import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.train.CheckpointDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints of a segmentation run: {@code checkpoints/epoch-NNN/} with each network's weights
 * ({@code net1.params}) and optimizer moments ({@code net1.adam}), the best weights so far ({@code
 * best.params}), AIDE's current label sets ({@code labels.bin}) and {@code state.json}, written and
 * replaced atomically by {@link CheckpointDir}.
 */
final class SegCheckpoints {
  static final String BEST = "best.params";
  static final String LABELS = "labels.bin";

  private final CheckpointDir dir;

  SegCheckpoints(ModelFolder folder) {
    this.dir = new CheckpointDir(folder);
  }

  static String params(int k) {
    return "net" + (k + 1) + ".params";
  }

  static String moments(int k) {
    return "net" + (k + 1) + ".adam";
  }

  Optional<Path> latest() throws IOException {
    return dir.latest();
  }

  SegState state(Path checkpoint) throws IOException {
    return dir.state(checkpoint, SegState.class);
  }

  /**
   * @param bestNet index of the network whose weights are the new best, or -1 to carry over the
   *     previous checkpoint's best
   */
  void write(
      SegState state, List<Net> nets, int bestNet, boolean[][][] labels, Optional<Path> previous)
      throws IOException {
    dir.commit(
        state.epoch(),
        state,
        tmp -> {
          for (int k = 0; k < nets.size(); k++) {
            nets.get(k).saveWeights(tmp.resolve(params(k)));
            nets.get(k).saveMoments(tmp.resolve(moments(k)));
          }
          if (bestNet >= 0 || previous.isEmpty()) {
            Files.copy(tmp.resolve(params(Math.max(0, bestNet))), tmp.resolve(BEST));
          } else {
            Files.copy(previous.get().resolve(BEST), tmp.resolve(BEST));
          }
          if (nets.size() > 1) {
            Files.write(tmp.resolve(LABELS), encode(labels));
          }
        });
  }

  /** AIDE's label sets as they were after the checkpoint's epoch (no file: unchanged). */
  void restoreLabels(Path checkpoint, boolean[][][] labels) throws IOException {
    Path f = checkpoint.resolve(LABELS);
    if (!Files.exists(f)) {
      return;
    }
    byte[] b = Files.readAllBytes(f);
    int at = 0;
    for (boolean[][] set : labels) {
      for (boolean[] m : set) {
        if (at + m.length > b.length) {
          throw new IOException("damaged checkpoint labels " + f);
        }
        for (int q = 0; q < m.length; q++) {
          m[q] = b[at++] != 0;
        }
      }
    }
  }

  private static byte[] encode(boolean[][][] labels) {
    int total = 0;
    for (boolean[][] set : labels) {
      for (boolean[] m : set) {
        total += m.length;
      }
    }
    byte[] out = new byte[total];
    int at = 0;
    for (boolean[][] set : labels) {
      for (boolean[] m : set) {
        for (boolean v : m) {
          out[at++] = (byte) (v ? 1 : 0);
        }
      }
    }
    return out;
  }

  void finish(Path checkpoint) throws IOException {
    dir.finish(checkpoint, BEST);
  }
}
