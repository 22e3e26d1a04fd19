package io.medloom.store;

import static io.medloom.core.Checks.notBlank;

/**
 * A sample encoded for storage: the image as PNG bytes, nested columns as JSON text. Encoding
 * happens on worker threads ({@link RowEncoder}); the shard writer only moves bytes. A text-only
 * sample has no PNG ({@code png == null}) and zero width, height and channels, stored as nulls; its
 * hashes are null too.
 *
 * @param ordinal the input's position in its source, to keep shard rows in source order
 */
public record Row(
    long ordinal,
    String id,
    String source,
    String originalPath,
    String patientKey,
    String studyKey,
    String split,
    String originalSplit,
    String modality,
    String bodyPart,
    String view,
    byte[] png,
    String imagePath,
    int width,
    int height,
    int channels,
    String labelsJson,
    String roisJson,
    String textsJson,
    String tripletsJson,
    String contentHash,
    long[] differenceHash) {
  public Row {
    notBlank(id, "id");
    notBlank(patientKey, "patient key");
    notBlank(split, "split");
  }
}
