package io.medloom.store.read;

/**
 * The columns a {@link SampleReader} can decode, besides the small per-sample fields (id, keys,
 * split, modality, body part, view, size) that every read returns.
 */
public enum Column {
  /** The stored PNG, decoded to a raster with the row's channel count. */
  IMAGE,
  /** Labels of every task. */
  LABELS,
  /** Regions with box, label, origin and attributes; masks are not decoded. */
  ROIS,
  /** Regions with their masks decoded from COCO RLE (implies {@link #ROIS}). */
  MASKS,
  /** Texts of every kind (reports, prompts, generated descriptions). */
  TEXTS,
  /** ⟨anatomy, finding, existence⟩ triplets from the report. */
  TRIPLETS
}
