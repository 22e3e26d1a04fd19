package io.medloom.learn.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files of a model folder: {@code model.json} (preset, label map, dataset name and fingerprint,
 * normalization), {@code model.params} (the weights of the best validation epoch), {@code
 * train-log.csv}, {@code curves.png}, {@code checkpoints/} while training, {@code eval/}.
 */
public record ModelFolder(Path root) {
  public static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Path info() {
    return root.resolve("model.json");
  }

  public Path params() {
    return root.resolve("model.params");
  }

  public Path log() {
    return root.resolve("train-log.csv");
  }

  public Path curves() {
    return root.resolve("curves.png");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path eval() {
    return root.resolve("eval");
  }

  public boolean finished() throws IOException {
    return Files.exists(info()) && Files.exists(params()) && "finished".equals(read().status());
  }

  public ModelInfo read() throws IOException {
    if (!Files.isRegularFile(info())) {
      throw new IllegalArgumentException(
          root + " is not a MedLoom model folder: " + info().getFileName() + " is missing");
    }
    try {
      return JSON.readValue(info().toFile(), ModelInfo.class);
    } catch (IOException e) {
      throw new IOException("unreadable " + info() + ": " + e.getMessage(), e);
    }
  }

  public void write(ModelInfo info) throws IOException {
    writeAtomically(info(), JSON.writeValueAsBytes(info));
  }

  /** Writes via a temporary file and a rename, so a kill never leaves half a file. */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    move(tmp, target);
  }

  public static void writeAtomically(Path target, String text) throws IOException {
    writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
  }

  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
