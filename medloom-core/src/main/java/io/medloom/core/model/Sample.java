package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import io.medloom.core.image.Raster;
import java.util.List;
import java.util.Optional;

/**
 * One record flowing through the pipeline: an image with its regions, texts and labels.
 *
 * <p>Collections are copied and unmodifiable; nothing is null. Fields that only exist after a stage
 * ran are {@link Optional} ({@code split}) or empty strings ({@code patientKey} before
 * de-identification).
 *
 * @param id stable id: a hash of source, original path and frame
 * @param source the source spec ({@code kind:location})
 * @param originalPath where the input was found in its source
 * @param identity identifiers in clear; present only until the de-identification stage
 * @param patientKey keyed hash of the patient id ("" before de-identification)
 * @param studyKey keyed hash of the study id ("" before de-identification)
 * @param split assigned split; empty until the split stage ran
 * @param originalSplit the split the source itself declared, if any
 * @param modality DICOM modality code (CR, DX, CT, MR, US, ..., OT when unknown)
 * @param bodyPart DICOM Body Part Examined term, "" when unknown
 * @param view projection/view (PA, AP, LATERAL, ...), "" when unknown
 * @param image the pixels; empty for a text-only sample (a report whose images are not available)
 * @param labels one label per task, at most
 * @param rois regions of interest, masks at the image's size
 * @param texts reports, captions, descriptions
 * @param triplets facts read from the report
 */
public record Sample(
    String id,
    String source,
    String originalPath,
    Optional<Identity> identity,
    String patientKey,
    String studyKey,
    Optional<Split> split,
    Optional<String> originalSplit,
    String modality,
    String bodyPart,
    String view,
    Optional<Raster> image,
    List<Label> labels,
    List<Roi> rois,
    List<Text> texts,
    List<Triplet> triplets) {

  public Sample {
    notBlank(id, "sample id");
    notBlank(source, "sample source");
    notNull(originalPath, "original path");
    notNull(identity, "identity");
    notNull(patientKey, "patient key");
    notNull(studyKey, "study key");
    notNull(split, "split");
    notNull(originalSplit, "original split");
    notBlank(modality, "modality");
    notNull(bodyPart, "body part");
    notNull(view, "view");
    notNull(image, "image");
    checkArgument(image.isPresent() || rois.isEmpty(), "sample %s has regions but no image", id);
    labels = List.copyOf(labels);
    rois = List.copyOf(rois);
    texts = List.copyOf(texts);
    triplets = List.copyOf(triplets);
    checkArgument(
        labels.stream().map(Label::task).distinct().count() == labels.size(),
        "sample %s has two labels for one task: %s",
        id,
        labels);
    for (Roi r : rois) {
      Raster img = image.get();
      checkArgument(
          r.box().fitsIn(img.width(), img.height()),
          "sample %s: roi %s box %s outside the %sx%s image",
          id,
          r.id(),
          r.box(),
          img.width(),
          img.height());
      r.mask()
          .ifPresent(
              m ->
                  checkArgument(
                      m.width() == img.width() && m.height() == img.height(),
                      "sample %s: roi %s mask is %sx%s but the image is %sx%s",
                      id,
                      r.id(),
                      m.width(),
                      m.height(),
                      img.width(),
                      img.height()));
    }
  }

  /** A new sample read by a source: identifiers in clear, no split or keys yet. */
  public static Sample read(
      String id,
      String source,
      String originalPath,
      Identity identity,
      String modality,
      String bodyPart,
      String view,
      Raster image) {
    return new Sample(
        id,
        source,
        originalPath,
        Optional.of(identity),
        "",
        "",
        Optional.empty(),
        Optional.empty(),
        modality,
        bodyPart,
        view,
        Optional.of(image),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /** A text-only sample (e.g. a report whose images are not available). */
  public static Sample readText(
      String id,
      String source,
      String originalPath,
      Identity identity,
      String modality,
      String bodyPart,
      String view) {
    return new Sample(
        id,
        source,
        originalPath,
        Optional.of(identity),
        "",
        "",
        Optional.empty(),
        Optional.empty(),
        modality,
        bodyPart,
        view,
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  public Sample withImage(Raster newImage, List<Roi> newRois) {
    return withImage(Optional.of(newImage), newRois);
  }

  private Sample withImage(Optional<Raster> newImage, List<Roi> newRois) {
    return new Sample(
        id,
        source,
        originalPath,
        identity,
        patientKey,
        studyKey,
        split,
        originalSplit,
        modality,
        bodyPart,
        view,
        newImage,
        labels,
        newRois,
        texts,
        triplets);
  }

  public Sample withLabels(List<Label> newLabels) {
    return new Sample(
        id,
        source,
        originalPath,
        identity,
        patientKey,
        studyKey,
        split,
        originalSplit,
        modality,
        bodyPart,
        view,
        image,
        newLabels,
        rois,
        texts,
        triplets);
  }

  public Sample withRois(List<Roi> newRois) {
    return withImage(image, newRois);
  }

  public boolean hasImage() {
    return image.isPresent();
  }

  public Sample withTexts(List<Text> newTexts) {
    return new Sample(
        id,
        source,
        originalPath,
        identity,
        patientKey,
        studyKey,
        split,
        originalSplit,
        modality,
        bodyPart,
        view,
        image,
        labels,
        rois,
        newTexts,
        triplets);
  }

  public Sample withTriplets(List<Triplet> newTriplets) {
    return new Sample(
        id,
        source,
        originalPath,
        identity,
        patientKey,
        studyKey,
        split,
        originalSplit,
        modality,
        bodyPart,
        view,
        image,
        labels,
        rois,
        texts,
        newTriplets);
  }

  /** The same sample under another id (see {@code SampleIds#inSource}). */
  public Sample withId(String newId) {
    return new Sample(
        newId,
        source,
        originalPath,
        identity,
        patientKey,
        studyKey,
        split,
        originalSplit,
        modality,
        bodyPart,
        view,
        image,
        labels,
        rois,
        texts,
        triplets);
  }

  public Sample withOriginalSplit(Optional<String> declared) {
    return new Sample(
        id,
        source,
        originalPath,
        identity,
        patientKey,
        studyKey,
        split,
        declared,
        modality,
        bodyPart,
        view,
        image,
        labels,
        rois,
        texts,
        triplets);
  }

  public Sample withSplit(Split assigned) {
    return new Sample(
        id,
        source,
        originalPath,
        identity,
        patientKey,
        studyKey,
        Optional.of(assigned),
        originalSplit,
        modality,
        bodyPart,
        view,
        image,
        labels,
        rois,
        texts,
        triplets);
  }

  /** Replaces identifiers in clear by their keyed hashes. */
  public Sample deidentified(String newPatientKey, String newStudyKey) {
    return deidentified(newPatientKey, newStudyKey, originalPath);
  }

  /** Replaces identifiers in clear by their keyed hashes, and the path by its stored form. */
  public Sample deidentified(String newPatientKey, String newStudyKey, String storedPath) {
    notBlank(newPatientKey, "patient key");
    notBlank(newStudyKey, "study key");
    notNull(storedPath, "stored path");
    return new Sample(
        id,
        source,
        storedPath,
        Optional.empty(),
        newPatientKey,
        newStudyKey,
        split,
        originalSplit,
        modality,
        bodyPart,
        view,
        image,
        labels,
        rois,
        texts,
        triplets);
  }
}
