package io.medloom.learn.train;

import io.medloom.learn.model.ModelFolder;
import io.medloom.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code checkpoints/epoch-NNN/} folders of a model being trained, whatever a trainer puts in
 * them. A checkpoint is written into a {@code .tmp} folder and renamed into place, so a {@code kill
 * -9} at any moment leaves the previous checkpoint or the new one, never half of one; it counts
 * once its {@code state.json} is there. Only the newest is kept.
 */
public final class CheckpointDir {
  /** The file that makes a checkpoint complete, written last. */
  public static final String STATE = "state.json";

  /** Fills a checkpoint's temporary folder. */
  @FunctionalInterface
  public interface Contents {
    void writeInto(Path dir) throws IOException;
  }

  private final ModelFolder folder;

  public CheckpointDir(ModelFolder folder) {
    this.folder = folder;
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Path> latest() throws IOException {
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

  /** Reads a checkpoint's {@code state.json}. */
  public <T> T state(Path checkpoint, Class<T> type) throws IOException {
    return ModelFolder.JSON.readValue(checkpoint.resolve(STATE).toFile(), type);
  }

  /**
   * Writes the checkpoint of {@code epoch}: {@code contents} first, then {@code state}, then the
   * rename; older checkpoints are removed once the new one is in place.
   */
  public Path commit(int epoch, Object state, Contents contents) throws IOException {
    Path dir = folder.checkpoints();
    Files.createDirectories(dir);
    String name = String.format("epoch-%03d", epoch);
    Path tmp = dir.resolve(name + ".tmp");
    AtomicFiles.deleteTree(tmp);
    Files.createDirectories(tmp);
    contents.writeInto(tmp);
    Files.write(tmp.resolve(STATE), ModelFolder.JSON.writeValueAsBytes(state));
    Path target = dir.resolve(name);
    AtomicFiles.publishDirectory(tmp, target);
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> !p.equals(target)).toList()) {
        AtomicFiles.deleteTree(p);
      }
    }
    return target;
  }

  /** Publishes a checkpoint's {@code bestFile} as the model's weights and removes the folders. */
  public void finish(Path checkpoint, String bestFile) throws IOException {
    ModelFolder.writeAtomically(folder.params(), Files.readAllBytes(checkpoint.resolve(bestFile)));
    AtomicFiles.deleteTree(folder.checkpoints());
  }
}
