package io.medloom.phantom;

import java.util.SplittableRandom;

/**
 * Stateless seed derivation: every random stream is keyed by (seed, purpose, ids...), so any image
 * can be rendered alone, on any thread, in any order, with identical results.
 */
final class Seeds {
  static final long PATIENT = 0x5041544945L;
  static final long LAYOUT = 0x4C41594F55L;
  static final long STUDY = 0x5354554459L;
  static final long FINDINGS = 0x46494E4447L;
  static final long REPORT = 0x5245504F52L;
  static final long VIEW = 0x5649455720L;
  static final long NOISE = 0x4E4F495345L;
  static final long TEXTURE = 0x5445585455L;

  private Seeds() {}

  /** SplitMix64 finaliser: a good 64-bit avalanche mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long key(long seed, long... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : parts) {
      h = mix(h + 0x9E3779B97F4A7C15L + p);
    }
    return h;
  }

  static SplittableRandom rng(long seed, long... parts) {
    return new SplittableRandom(key(seed, parts));
  }

  /** Deterministic uniform value in [0,1) for a lattice point; used for value noise. */
  static double unit(long key, int ix, int iy) {
    long h = mix(key + ix * 0x632BE59BD9B4E019L + iy * 0x8CB92BA72F3D8DD7L);
    return (h >>> 11) * 0x1.0p-53;
  }

  /** Smooth 2-octave value noise in [0,1], coordinates in cm, cell size in cm. */
  static double noise(long key, double x, double y, double cell) {
    double a = valueNoise(key, x / cell, y / cell);
    double b = valueNoise(key + 7, x / (cell * 0.45), y / (cell * 0.45));
    return 0.68 * a + 0.32 * b;
  }

  private static double valueNoise(long key, double x, double y) {
    int ix = (int) Math.floor(x);
    int iy = (int) Math.floor(y);
    double fx = x - ix;
    double fy = y - iy;
    double sx = fx * fx * (3 - 2 * fx);
    double sy = fy * fy * (3 - 2 * fy);
    double v00 = unit(key, ix, iy);
    double v10 = unit(key, ix + 1, iy);
    double v01 = unit(key, ix, iy + 1);
    double v11 = unit(key, ix + 1, iy + 1);
    double top = v00 + (v10 - v00) * sx;
    double bot = v01 + (v11 - v01) * sx;
    return top + (bot - top) * sy;
  }

  static double range(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /** Approximately normal, clamped to +-2.5 sd so anatomy never becomes absurd. */
  static double normal(SplittableRandom r, double mean, double sd) {
    double g = r.nextGaussian();
    return mean + sd * Math.max(-2.5, Math.min(2.5, g));
  }
}
