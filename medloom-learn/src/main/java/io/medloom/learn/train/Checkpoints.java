package io.medloom.learn.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.medloom.learn.model.ModelFolder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checkpoints of a training run ({@link CheckpointDir}): the weights ({@code model.params}), the
 * optimizer's moments ({@code optimizer.bin}), the weights of the best epoch so far ({@code
 * best.params}) and {@code state.json}.
 */
final class Checkpoints {
  static final String PARAMS = "model.params";
  static final String BEST = "best.params";
  static final String OPTIMIZER = "optimizer.bin";

  private final CheckpointDir dir;

  Checkpoints(ModelFolder folder) {
    this.dir = new CheckpointDir(folder);
  }

  /** The newest complete checkpoint, if any. */
  Optional<Path> latest() throws IOException {
    return dir.latest();
  }

  CheckpointState state(Path checkpoint) throws IOException {
    return dir.state(checkpoint, CheckpointState.class);
  }

  /**
   * Writes the checkpoint after {@code state.epoch()}; {@code improved} says whether this epoch's
   * weights are the best so far (else the previous checkpoint's best weights are carried over).
   */
  void write(
      CheckpointState state,
      Block block,
      AdamOptimizer optimizer,
      boolean improved,
      Optional<Path> previous)
      throws IOException {
    dir.commit(
        state.epoch(),
        state,
        tmp -> {
          try (OutputStream out =
              new BufferedOutputStream(Files.newOutputStream(tmp.resolve(PARAMS)))) {
            block.saveParameters(new DataOutputStream(out));
          }
          try (OutputStream out =
              new BufferedOutputStream(Files.newOutputStream(tmp.resolve(OPTIMIZER)))) {
            optimizer.save(out, block.getParameters());
          }
          if (improved || previous.isEmpty()) {
            Files.copy(tmp.resolve(PARAMS), tmp.resolve(BEST));
          } else {
            Files.copy(previous.get().resolve(BEST), tmp.resolve(BEST));
          }
        });
  }

  /** Restores the weights of a checkpoint into an initialised network. */
  void restoreWeights(Path checkpoint, Block block, NDManager manager) throws IOException {
    try (InputStream in =
        new BufferedInputStream(Files.newInputStream(checkpoint.resolve(PARAMS)))) {
      block.loadParameters(manager, new DataInputStream(in));
    } catch (MalformedModelException e) {
      throw new IOException("damaged checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
  }

  /** Restores the optimizer's moments and step counts (after the trainer is initialised). */
  void restoreOptimizer(Path checkpoint, Block block, AdamOptimizer optimizer, NDManager manager)
      throws IOException {
    try (InputStream in =
        new BufferedInputStream(Files.newInputStream(checkpoint.resolve(OPTIMIZER)))) {
      optimizer.load(in, block.getParameters(), manager);
    }
    // Loaded arrays replaced the initial ones: make sure they collect gradients as those did.
    for (var p : block.getParameters()) {
      if (p.getValue().requiresGradient() && !p.getValue().getArray().hasGradient()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
    }
  }

  /** Publishes the best weights as the model's and removes the checkpoints. */
  void finish(Path checkpoint) throws IOException {
    dir.finish(checkpoint, BEST);
  }
}
