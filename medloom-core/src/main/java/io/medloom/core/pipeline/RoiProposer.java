package io.medloom.core.pipeline;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import java.util.List;

/**
 * Proposes ROIs for images that came without them (e.g. a segmentation model). Implementations are
 * found with {@link java.util.ServiceLoader} by the annotate stage, or given to it (the {@code
 * --roi-model} option). A proposer of findings ({@link #labels()} empty) is called only for samples
 * with an image and no non-anatomy ROI; a proposer of named labels for samples lacking a region of
 * one of them, and only its regions of the missing labels are kept. The stage stamps every proposed
 * ROI with origin {@code model:<name>} and attribute {@code model} = {@link #name()} (provenance),
 * whatever the proposer set; the ROI's confidence should be the model's score.
 */
public interface RoiProposer {
  /** A short stable name, recorded on every ROI it proposes. */
  String name();

  /**
   * The labels this proposer gives its regions (e.g. {@code right lung}, {@code left lung}); empty
   * for a proposer of findings.
   */
  default java.util.Set<String> labels() {
    return java.util.Set.of();
  }

  /** ROIs at the size of {@code s}'s image; an empty list when nothing is found. */
  List<Roi> propose(Sample s);
}
