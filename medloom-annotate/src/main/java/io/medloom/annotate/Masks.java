package io.medloom.annotate;

import io.medloom.core.image.BitMask;
import io.medloom.core.model.Roi;
import java.util.ArrayDeque;
import java.util.Arrays;

/** Pixel helpers on row-major 0/1 byte masks. */
final class Masks {
  private Masks() {}

  /** The ROI's exact mask, or its filled box when the ROI has only a box. */
  static byte[] of(Roi r, int w, int h) {
    return r.mask().isPresent()
        ? r.mask().get().toBytes()
        : io.medloom.core.image.RegionLocation.fill(r.box(), w, h);
  }

  static BitMask wrap(int w, int h, byte[] m) {
    return BitMask.wrap(w, h, m.clone());
  }

  static int count(byte[] m) {
    int n = 0;
    for (byte b : m) {
      n += b;
    }
    return n;
  }

  /**
   * Chessboard (8-neighbour) distance of every pixel to the mask, capped at {@code max + 1}; 0
   * inside. A BFS is exact for this metric and costs O(pixels), cheaper than repeated dilations.
   */
  static int[] distance(byte[] m, int w, int h, int max) {
    int[] d = new int[w * h];
    Arrays.fill(d, max + 1);
    ArrayDeque<Integer> q = new ArrayDeque<>();
    for (int i = 0; i < m.length; i++) {
      if (m[i] != 0) {
        d[i] = 0;
        q.add(i);
      }
    }
    while (!q.isEmpty()) {
      int p = q.poll();
      int nd = d[p] + 1;
      if (nd > max) {
        continue;
      }
      int px = p % w;
      int py = p / w;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          int x = px + dx;
          int y = py + dy;
          if (x >= 0 && y >= 0 && x < w && y < h && d[y * w + x] > nd) {
            d[y * w + x] = nd;
            q.add(y * w + x);
          }
        }
      }
    }
    return d;
  }

  /**
   * Perimeter by the Cauchy-Crofton formula over four directions: count the 0/1 transitions along
   * rows, columns and both diagonals (diagonal lines are 1/sqrt2 apart) and take (pi/8) * (n0 + n90
   * + (n45 + n135) / sqrt2). Counting pixel edges instead overestimates a disc's perimeter by 4/pi
   * and contour tracing overestimates staircases; Crofton is unbiased for isotropic shapes, so a
   * digital disc comes out with circularity near 1.
   */
  static double perimeter(byte[] m, int w, int h) {
    long n0 = 0;
    long n90 = 0;
    long n45 = 0;
    long n135 = 0;
    for (int y = -1; y < h; y++) {
      for (int x = -1; x < w; x++) {
        int v = at(m, w, h, x, y);
        n0 += v ^ at(m, w, h, x + 1, y);
        n90 += v ^ at(m, w, h, x, y + 1);
        n45 += v ^ at(m, w, h, x + 1, y + 1);
        n135 += at(m, w, h, x + 1, y) ^ at(m, w, h, x, y + 1);
      }
    }
    return Math.PI / 8 * (n0 + n90 + (n45 + n135) / Math.sqrt(2));
  }

  private static int at(byte[] m, int w, int h, int x, int y) {
    return x < 0 || y < 0 || x >= w || y >= h ? 0 : m[y * w + x];
  }
}
