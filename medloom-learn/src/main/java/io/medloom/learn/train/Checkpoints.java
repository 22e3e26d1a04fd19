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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints of a training run: {@code checkpoints/epoch-NNN/} with the weights ({@code
 * model.params}), the optimizer's moments ({@code optimizer.bin}), the weights of the best epoch so
 * far ({@code best.params}) and {@code state.json}. A checkpoint is written into a {@code .tmp}
 * folder and renamed into place, so a {@code kill -9} at any moment leaves either the previous
 * checkpoint or the new one, never half of one.
 */
final class Checkpoints {
  static final String PARAMS = "model.params";
  static final String BEST = "best.params";
  static final String OPTIMIZER = "optimizer.bin";
  static final String STATE = "state.json";

  private final ModelFolder folder;

  Checkpoints(ModelFolder folder) {
    this.folder = folder;
  }

  /** The newest complete checkpoint, if any. */
  Optional<Path> latest() throws IOException {
    Path dir = folder.checkpoints();
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("epoch-\\d{3,}"))
          .filter(p -> Files.exists(p.resolve(STATE)))
          .max(Comparator.comparing(p -> p.getFileName().toString()));
    }
  }

  CheckpointState state(Path checkpoint) throws IOException {
    return ModelFolder.JSON.readValue(checkpoint.resolve(STATE).toFile(), CheckpointState.class);
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
    Path dir = folder.checkpoints();
    Files.createDirectories(dir);
    String name = String.format("epoch-%03d", state.epoch());
    Path tmp = dir.resolve(name + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(PARAMS)))) {
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
    Files.write(tmp.resolve(STATE), ModelFolder.JSON.writeValueAsBytes(state));
    Path target = dir.resolve(name);
    deleteTree(target);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    // Older checkpoints are no longer needed once the new one is in place.
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> !p.equals(target)).toList()) {
        deleteTree(p);
      }
    }
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
    ModelFolder.writeAtomically(folder.params(), Files.readAllBytes(checkpoint.resolve(BEST)));
    deleteTree(folder.checkpoints());
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      List<Path> all = s.sorted(Comparator.reverseOrder()).toList();
      for (Path q : all) {
        Files.deleteIfExists(q);
      }
    }
  }
}
