package io.medloom.core.pipeline;

import io.medloom.core.model.Identity;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.privacy.TextScrubber;
import java.util.List;

/**
 * Scrubs every text of a sample (reports, notes, captions) with a {@link TextScrubber}, including
 * the sample's own patient and study ids. Runs before de-identification, while those ids are still
 * known.
 */
public final class ScrubTextStage implements Stage.OneToOne {
  private final TextScrubber scrubber;

  public ScrubTextStage(TextScrubber scrubber) {
    this.scrubber = scrubber;
  }

  public Stage asStage() {
    return Stage.of("scrub-text", this);
  }

  @Override
  public Sample apply(Sample sample) {
    if (sample.texts().isEmpty()) {
      return sample;
    }
    List<String> ids =
        sample
            .identity()
            .map(Identity::patientId)
            .map(p -> List.of(p, sample.identity().get().studyId()))
            .orElse(List.of());
    List<Text> scrubbed =
        sample.texts().stream()
            .map(t -> new Text(t.kind(), scrubber.scrub(t.text(), ids), t.origin(), t.roiId()))
            .toList();
    return sample.withTexts(scrubbed);
  }
}
