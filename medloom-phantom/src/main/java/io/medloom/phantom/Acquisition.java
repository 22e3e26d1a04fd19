package io.medloom.phantom;

import java.util.SplittableRandom;

/**
 * Per-study acquisition and physiological state: inspiration depth, patient rotation, field
 * position and exposure. Derived from (seed, patient, study) so PA and lateral agree.
 *
 * @param inspiration -1 (poor) .. +1 (deep); moves the domes and spreads the ribs
 * @param rotation -1 .. +1; rotation about the long axis shifts spine/mediastinum sideways
 * @param offX field centring error, cm
 * @param offY field centring error, cm
 * @param exposure relative photon count (noise level)
 * @param contrast film-curve variation between studies
 */
record Acquisition(
    double inspiration,
    double rotation,
    double offX,
    double offY,
    double exposure,
    double contrast,
    boolean stomachBubble,
    boolean markerRight) {

  static Acquisition of(long seed, int patient, int study) {
    SplittableRandom r = Seeds.rng(seed, Seeds.STUDY, patient, study);
    return new Acquisition(
        Seeds.normal(r, 0.1, 0.45),
        Seeds.normal(r, 0.0, 0.4),
        Seeds.normal(r, 0.0, 0.7),
        Seeds.normal(r, 0.0, 0.7),
        Seeds.range(r, 0.6, 1.6),
        Seeds.range(r, -1, 1),
        r.nextDouble() < 0.75,
        r.nextBoolean());
  }
}
