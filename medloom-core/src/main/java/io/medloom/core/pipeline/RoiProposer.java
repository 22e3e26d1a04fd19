package io.medloom.core.pipeline;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import java.util.List;

/**
 * Proposes ROIs for an image that came without any finding annotation (e.g. a segmentation model).
 * Implementations are found with {@link java.util.ServiceLoader} by the annotate stage, which calls
 * them only for samples with an image and no non-anatomy ROI. The stage stamps every proposed ROI
 * with origin {@code model} and attribute {@code model} = {@link #name()} (provenance), whatever
 * the proposer set; the ROI's confidence should be the model's score.
 */
public interface RoiProposer {
  /** A short stable name, recorded on every ROI it proposes. */
  String name();

  /** ROIs at the size of {@code s}'s image; an empty list when nothing is found. */
  List<Roi> propose(Sample s);
}
