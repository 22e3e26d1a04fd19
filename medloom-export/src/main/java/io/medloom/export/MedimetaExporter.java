package io.medloom.export;

import io.medloom.core.model.DatasetInfo;
import io.medloom.store.DatasetReader;
import io.medloom.store.StoredSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The MedIMeta layout (Woerner et al.; one directory per dataset): {@code images/NNNNNN.tiff},
 * {@code images.hdf5} (dataset {@code images}, uint8, (N,H,W) or (N,H,W,3)), {@code splits/},
 * {@code original_splits/}, {@code task_labels/<task>.npy}, {@code annotations.csv}, {@code
 * info.yaml}, {@code LICENSE}. Sample index = position in shard order.
 */
public final class MedimetaExporter implements Exporter {
  @Override
  public String format() {
    return "medimeta";
  }

  @Override
  public String description() {
    return "MedIMeta directory: TIFF images, uint8 images.hdf5, splits, task_labels/*.npy,"
        + " info.yaml";
  }

  @Override
  public ExportResult export(Path dataset, Path out) throws IOException {
    return ExportRun.run(format(), dataset, out, this::write);
  }

  /** What the label, CSV and YAML writers need of one sample, without its pixels. */
  record Entry(int index, StoredSample meta, String originalSplit, Map<String, Rows.Label> labels) {
    String file() {
      return imageFile(index);
    }
  }

  static String imageFile(int index) {
    return String.format(Locale.ROOT, "images/%06d.tiff", index);
  }

  private long write(DatasetReader reader, ExportDir dir) throws IOException, SQLException {
    DatasetInfo info = reader.info();
    int c = info.inputSize().get(0);
    int h = info.inputSize().get(1);
    int w = info.inputSize().get(2);
    if (c != 1 && c != 3) {
      throw new IOException(
          "MedIMeta stores 1 or 3 channels; dataset input size is " + info.inputSize());
    }
    // MedIMeta is images only: text-only samples (reports without their images) are left out.
    long n = reader.count("SELECT count(*) FROM samples WHERE image IS NOT NULL");
    if (n > Integer.MAX_VALUE) {
      throw new IOException("MedIMeta indexes samples with int file names; " + n + " is too many");
    }
    Map<String, String> originalSplits = new HashMap<>();
    reader.query(
        "SELECT id, original_split FROM samples WHERE original_split IS NOT NULL",
        rs -> {
          while (rs.next()) {
            originalSplits.put(rs.getString(1), rs.getString(2));
          }
        });

    List<Entry> entries = new ArrayList<>();
    dir.resolve("images/x"); // creates images/
    // Streamed: each image goes to disk as it is decoded, so memory stays flat in N.
    long[] dims = c == 1 ? new long[] {n, h, w} : new long[] {n, h, w, c};
    try (Hdf5Uint8Writer hdf5 =
        Hdf5Uint8Writer.open(dir.dir().resolve("images.hdf5"), "images", dims)) {
      reader.forEach(
          Optional.empty(),
          s -> {
            if (s.png() == null) {
              return;
            }
            int i = entries.size();
            if (i >= n) {
              throw new IllegalStateException(
                  "dataset grew while exporting: more than " + n + " rows");
            }
            try {
              Pixels p = Pixels.decodePng(s.png(), c);
              if (p.width() != w || p.height() != h) {
                throw new IOException(
                    "sample "
                        + s.id()
                        + " is "
                        + p.width()
                        + "x"
                        + p.height()
                        + " but the dataset input size is "
                        + info.inputSize()
                        + "; images.hdf5 needs one size");
              }
              hdf5.append(p.data()); // HWC = C order of one (H,W) or (H,W,3) row
              if (!ImageIO.write(p.toImage(), "tiff", dir.dir().resolve(imageFile(i)).toFile())) {
                throw new IOException("this JVM has no ImageIO TIFF writer");
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            StoredSample meta = withoutPixels(s);
            entries.add(new Entry(i, meta, originalSplits.get(s.id()), Rows.labelsByTask(s)));
          });
      if (entries.size() != n) {
        throw new IOException("expected " + n + " samples, read " + entries.size());
      }
    }
    MedimetaFiles files = new MedimetaFiles(info, entries, dir);
    files.writeSplits();
    files.writeTaskLabels();
    files.writeAnnotations();
    files.writeInfo();
    files.writeLicense();
    return n;
  }

  /** Drops the PNG bytes so that N entries do not keep every image twice in memory. */
  private static StoredSample withoutPixels(StoredSample s) {
    return new StoredSample(
        s.id(),
        s.source(),
        s.originalPath(),
        s.patientKey(),
        s.studyKey(),
        s.split(),
        s.modality(),
        s.bodyPart(),
        s.view(),
        new byte[0],
        s.width(),
        s.height(),
        s.channels(),
        null,
        null,
        null,
        null);
  }
}
