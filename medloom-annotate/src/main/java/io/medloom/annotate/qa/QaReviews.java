package io.medloom.annotate.qa;

/**
 * What experts decided about a sample's facts (the viewer's review log): a rejected region or label
 * is never asked about, and an accepted or corrected one is asked with origin {@code reviewed}.
 * Types are those of a review target: {@code roi} (ref = region id) and {@code label} (ref = task).
 */
public interface QaReviews {
  QaReviews NONE =
      new QaReviews() {
        @Override
        public boolean rejected(String sampleId, String type, String ref) {
          return false;
        }

        @Override
        public boolean reviewed(String sampleId, String type, String ref) {
          return false;
        }
      };

  /** The last decision on this target rejected it. */
  boolean rejected(String sampleId, String type, String ref);

  /** The last decision on this target accepted or corrected it. */
  boolean reviewed(String sampleId, String type, String ref);
}
