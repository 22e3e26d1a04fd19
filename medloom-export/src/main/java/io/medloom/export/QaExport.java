package io.medloom.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.qa.QaPair;
import io.medloom.store.DatasetReader;
import io.medloom.store.StoredSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The frame of the question-answer exports: per split (the dataset's patient-disjoint split), one
 * JSON file {@code <split>.json} holding a list, and the PNG of every listed image under {@code
 * images/<split>/}, named by sample id. Samples without an image or without {@code qa} texts are
 * left out (run {@code ./medloom qa} first).
 */
final class QaExport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Writes the list entries of one sample, given its pairs and its image path. */
  @FunctionalInterface
  interface Entries {
    void write(JsonGenerator g, StoredSample s, String image, List<QaPair> pairs)
        throws IOException;
  }

  private QaExport() {}

  static long write(DatasetReader reader, ExportDir dir, Entries entries)
      throws IOException, SQLException {
    long n = 0;
    for (String split : MedimetaFiles.SPLITS) {
      long[] count = {0};
      Files.createDirectories(dir.dir().resolve("images/" + split));
      try (JsonGenerator g =
          MAPPER
              .getFactory()
              .createGenerator(dir.resolve(split + ".json").toFile(), JsonEncoding.UTF8)) {
        g.useDefaultPrettyPrinter();
        g.writeStartArray();
        try {
          reader.forEach(
              Optional.of(split),
              s -> {
                List<QaPair> pairs = pairs(s);
                if (s.png() == null || pairs.isEmpty()) {
                  return;
                }
                String image = "images/" + split + "/" + s.id() + ".png";
                try {
                  Files.write(dir.dir().resolve(image), s.png());
                  entries.write(g, s, image, pairs);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                count[0]++;
              });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        g.writeEndArray();
      }
      n += count[0];
    }
    if (n == 0) {
      throw new IOException(
          "the dataset has no question-answer pairs; run ./medloom qa DATASET first");
    }
    return n;
  }

  /** The sample's stored pairs in conversation order. */
  static List<QaPair> pairs(StoredSample s) {
    List<QaPair> out = new ArrayList<>();
    for (Rows.Text t : Rows.texts(s)) {
      if ("qa".equals(t.kind())) {
        out.add(QaPair.fromJson(t.text()));
      }
    }
    out.sort(Comparator.comparingInt(QaPair::turn));
    return out;
  }
}
