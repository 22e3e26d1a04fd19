package io.medloom.store.read;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One sample as a {@link SampleReader} returns it: the small fields always, and the decoded values
 * of the columns that were asked for. Asking a record for a column that was not read throws (an
 * empty list would be indistinguishable from a sample without labels).
 *
 * @param position the sample's position in its reader (0..size-1)
 * @param originalSplit the source's own split, when it has one
 * @param image the decoded image, empty for a text-only sample
 */
public record SampleRecord(
    int position,
    String id,
    String source,
    String originalPath,
    String patientKey,
    String studyKey,
    String split,
    Optional<String> originalSplit,
    String modality,
    String bodyPart,
    String view,
    int width,
    int height,
    int channels,
    Set<Column> columns,
    Optional<Raster> image,
    List<Label> labels,
    List<Roi> rois,
    List<Text> texts,
    List<Triplet> triplets) {

  public SampleRecord {
    columns = columns.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(columns));
    labels = List.copyOf(labels);
    rois = List.copyOf(rois);
    texts = List.copyOf(texts);
    triplets = List.copyOf(triplets);
  }

  @Override
  public Optional<Raster> image() {
    require(Column.IMAGE);
    return image;
  }

  @Override
  public List<Label> labels() {
    require(Column.LABELS);
    return labels;
  }

  /** Regions; their masks are present only when {@link Column#MASKS} was read. */
  @Override
  public List<Roi> rois() {
    if (!columns.contains(Column.MASKS)) {
      require(Column.ROIS);
    }
    return rois;
  }

  @Override
  public List<Text> texts() {
    require(Column.TEXTS);
    return texts;
  }

  @Override
  public List<Triplet> triplets() {
    require(Column.TRIPLETS);
    return triplets;
  }

  /** This sample's label for {@code task}, if it has one. */
  public Optional<Label> label(String task) {
    return labels().stream().filter(l -> l.task().equals(task)).findFirst();
  }

  /** The caption rule ({@link Caption}) over this sample's texts. */
  public String caption() {
    return Caption.of(texts());
  }

  private void require(Column c) {
    if (!columns.contains(c)) {
      throw new IllegalStateException(
          "sample " + id + ": column " + c + " was not read (read: " + columns + ")");
    }
  }
}
