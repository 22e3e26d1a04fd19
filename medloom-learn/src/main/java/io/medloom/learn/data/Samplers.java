package io.medloom.learn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The order in which an epoch visits examples, seeded by (seed, epoch) only. */
public final class Samplers {
  private Samplers() {}

  /** 0..n-1 in order (evaluation). */
  public static int[] sequential(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /** A permutation of 0..n-1 (Fisher–Yates). */
  public static int[] shuffled(int n, long seed, int epoch) {
    int[] out = sequential(n);
    SplittableRandom rng = new SplittableRandom(Examples.mix(seed, epoch, -1));
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /**
   * {@code n} draws where every class is equally likely: a class uniformly, then one of its
   * examples uniformly (with replacement), so rare classes are seen as often as common ones.
   *
   * @param classOf class index of each example (all >= 0)
   */
  public static int[] balanced(int[] classOf, long seed, int epoch) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int i = 0; i < classOf.length; i++) {
      int c = classOf[i];
      if (c < 0) {
        throw new IllegalArgumentException(
            "class-balanced sampling needs a single-label task; example " + i + " has none");
      }
      while (byClass.size() <= c) {
        byClass.add(new ArrayList<>());
      }
      byClass.get(c).add(i);
    }
    byClass.removeIf(List::isEmpty);
    SplittableRandom rng = new SplittableRandom(Examples.mix(seed, epoch, -2));
    int[] out = new int[classOf.length];
    for (int k = 0; k < out.length; k++) {
      List<Integer> members = byClass.get(rng.nextInt(byClass.size()));
      out[k] = members.get(rng.nextInt(members.size()));
    }
    return out;
  }
}
