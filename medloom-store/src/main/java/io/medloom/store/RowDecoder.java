package io.medloom.store;

import io.medloom.core.image.PngDecoder;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Split;
import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import io.medloom.store.read.NestedJson;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Turns a stored row back into a {@link Sample} (the inverse of {@link RowEncoder}): the PNG
 * decoded, masks decoded from their COCO RLE, nested columns from JSON. Used to run stages over a
 * finished dataset again (e.g. {@code annotate}).
 */
public final class RowDecoder {
  private RowDecoder() {}

  /** The stored image of a row that has one, decoded by the one PNG codec. */
  public static Raster image(StoredSample s) throws IOException {
    try {
      return PngDecoder.decode(s.png()).withChannels(s.channels());
    } catch (IOException e) {
      throw new IOException("sample " + s.id() + ": stored image: " + e.getMessage(), e);
    }
  }

  public static Sample decode(StoredSample s, String originalSplit) throws IOException {
    Optional<Raster> image = s.png() == null ? Optional.empty() : Optional.of(image(s));
    List<Label> labels = NestedJson.labels(s.labelsJson());
    List<Roi> rois = NestedJson.rois(s.roisJson(), s.width(), s.height(), true);
    List<Text> texts = NestedJson.texts(s.textsJson());
    List<Triplet> triplets = NestedJson.triplets(s.tripletsJson());
    return new Sample(
        s.id(),
        s.source(),
        s.originalPath(),
        Optional.empty(),
        s.patientKey(),
        s.studyKey(),
        Optional.of(Split.parse(s.split())),
        Optional.ofNullable(originalSplit),
        s.modality(),
        s.bodyPart(),
        s.view(),
        image,
        labels,
        rois,
        texts,
        triplets);
  }
}
