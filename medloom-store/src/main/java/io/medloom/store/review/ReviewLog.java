package io.medloom.store.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.store.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code reviews.jsonl} in a dataset folder: the expert decisions, appended one line at a time and
 * forced to disk before the append returns, so an acknowledged decision survives a kill. The
 * dataset's parquet files are never touched; {@code annotate} applies the log.
 */
public final class ReviewLog {
  public static final String FILE = "reviews.jsonl";
  private static final ObjectMapper LINES = Json.LINES;

  /** Decisions read back, and lines that could not be (a torn last line after a kill). */
  public record Contents(List<Review> reviews, int unreadableLines) {}

  private final Path file;

  public ReviewLog(Path dataset) {
    this.file = dataset.resolve(FILE);
  }

  public Path file() {
    return file;
  }

  /** Appends one decision as a single write of one line, then fsyncs. */
  public synchronized void append(Review r) throws IOException {
    byte[] line = (LINES.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      // A line torn by an earlier kill must not swallow this one: start on a fresh line.
      if (ch.size() > 0 && lastByte() != '\n') {
        ch.write(ByteBuffer.wrap(new byte[] {'\n'}));
      }
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  private int lastByte() throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, ch.size() - 1);
      return b.get(0);
    }
  }

  public Contents read() throws IOException {
    List<Review> out = new ArrayList<>();
    int bad = 0;
    if (!Files.exists(file)) {
      return new Contents(out, 0);
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(LINES.readValue(line, Review.class));
      } catch (IOException | IllegalArgumentException e) {
        bad++;
      }
    }
    return new Contents(out, bad);
  }
}
