package io.medloom.core.transform;

import java.util.SplittableRandom;

/**
 * A transform of an image with its masks. Randomness comes only from the generator passed in, so a
 * loader that seeds it per (seed, epoch, sample) gets the same augmentation on every run and on
 * every thread (MONAI's {@code Randomizable}, without global state).
 */
@FunctionalInterface
public interface RandomTransform {
  Keyed apply(Keyed in, SplittableRandom rng);

  /** This transform, then {@code next}. */
  default RandomTransform then(RandomTransform next) {
    return (in, rng) -> next.apply(apply(in, rng), rng);
  }

  /** This transform with probability {@code p}, else the input unchanged. */
  default RandomTransform withProbability(double p) {
    RandomTransform self = this;
    return (in, rng) -> rng.nextDouble() < p ? self.apply(in, rng) : in;
  }

  static RandomTransform identity() {
    return (in, rng) -> in;
  }
}
