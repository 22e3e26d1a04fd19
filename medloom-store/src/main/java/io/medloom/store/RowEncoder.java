package io.medloom.store;

import io.medloom.core.Timings;
import io.medloom.core.image.ImageHashes;
import io.medloom.core.image.PngEncoder;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Sample;

/**
 * Turns a finished sample into a {@link Row}. Refuses samples that still carry identifiers in clear
 * or have no split: those would break the dataset's privacy and split guarantees. One encoder per
 * thread (the PNG encoder reuses buffers).
 */
public final class RowEncoder {
  private final PngEncoder png = new PngEncoder();

  public Row encode(long ordinal, Sample s) {
    return encode(ordinal, s, Timings.NONE);
  }

  /**
   * As {@link #encode(long, Sample)}, adding the time of the PNG encoding ({@code png}), of the
   * content and perceptual hashes ({@code hashes}) and of the rest of the row ({@code row}).
   */
  public Row encode(long ordinal, Sample s, Timings timings) {
    String split = checkedSplit(s);
    long started = timings.start();
    byte[] pngBytes = s.image().map(png::encode).orElse(null);
    timings.since("png", started);
    started = timings.start();
    String contentHash = s.image().map(ImageHashes::contentHash).orElse(null);
    long[] perceptualHash = s.image().flatMap(ImageHashes::perceptualHash).orElse(null);
    timings.since("hashes", started);
    started = timings.start();
    Row row = row(ordinal, s, split, pngBytes, contentHash, perceptualHash);
    timings.since("row", started);
    return row;
  }

  /** The sample's split; refuses a sample with identifiers in clear or without a split. */
  private static String checkedSplit(Sample s) {
    if (s.identity().isPresent()) {
      throw new IllegalStateException(
          "sample " + s.id() + " still carries identifiers in clear; run de-identification first");
    }
    return s.split()
        .orElseThrow(() -> new IllegalStateException("sample " + s.id() + " has no split"))
        .wireName();
  }

  private static Row row(
      long ordinal,
      Sample s,
      String split,
      byte[] pngBytes,
      String contentHash,
      long[] perceptualHash) {
    return new Row(
        ordinal,
        s.id(),
        s.source(),
        s.originalPath(),
        s.patientKey(),
        s.studyKey(),
        split,
        s.originalSplit().orElse(null),
        s.modality(),
        s.bodyPart(),
        s.view(),
        pngBytes,
        s.hasImage() ? s.id() + ".png" : null,
        s.image().map(Raster::width).orElse(0),
        s.image().map(Raster::height).orElse(0),
        s.image().map(Raster::channels).orElse(0),
        RowJson.labels(s.labels()),
        RowJson.rois(s.rois()),
        RowJson.texts(s.texts()),
        RowJson.triplets(s.triplets()),
        contentHash,
        perceptualHash);
  }
}
