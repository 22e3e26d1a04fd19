package io.medloom.learn.seg;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The documented label noise of {@code --noise R}: a seeded draw picks a fraction R of the masks
 * and corrupts each by one operation drawn uniformly from
 *
 * <ul>
 *   <li>{@code dilate}: a disk of radius 10–30% of the mask's equivalent diameter;
 *   <li>{@code erode}: the same radii (halved until something is left);
 *   <li>{@code shift}: 20–40% of the equivalent diameter in a random direction (pixels pushed past
 *       the border are lost);
 *   <li>{@code drop}: one 8-connected component removed when the mask has several, else one of the
 *       other three.
 * </ul>
 *
 * The equivalent diameter is that of the disk with the mask's area, {@code 2·sqrt(area/π)}.
 */
public final class Corruption {
  private Corruption() {}

  public static final List<String> OPERATIONS = List.of("dilate", "erode", "shift", "drop");

  /** A corrupted copy and the operation applied. */
  public record Result(boolean[] mask, String operation) {}

  public static Result apply(boolean[] m, int s, SplittableRandom rng) {
    int area = count(m);
    if (area == 0) {
      return new Result(m.clone(), "none");
    }
    double diameter = 2 * Math.sqrt(area / Math.PI);
    List<int[]> comps = components(m, s);
    int op = rng.nextInt(comps.size() > 1 ? 4 : 3);
    switch (op) {
      case 0 -> {
        return new Result(dilate(m, s, radius(diameter, rng)), "dilate");
      }
      case 1 -> {
        int r = radius(diameter, rng);
        boolean[] e = erode(m, s, r);
        while (count(e) == 0 && r > 1) {
          r /= 2;
          e = erode(m, s, r);
        }
        return new Result(count(e) == 0 ? m.clone() : e, "erode");
      }
      case 2 -> {
        double d = diameter * (0.2 + 0.2 * rng.nextDouble());
        double a = rng.nextDouble() * 2 * Math.PI;
        int dx = (int) Math.round(d * Math.cos(a));
        int dy = (int) Math.round(d * Math.sin(a));
        if (dx == 0 && dy == 0) {
          dx = 1;
        }
        return new Result(shift(m, s, dx, dy), "shift");
      }
      default -> {
        boolean[] out = m.clone();
        for (int i : comps.get(rng.nextInt(comps.size()))) {
          out[i] = false;
        }
        return new Result(out, "drop");
      }
    }
  }

  private static int radius(double diameter, SplittableRandom rng) {
    return Math.max(1, (int) Math.round(diameter * (0.1 + 0.2 * rng.nextDouble())));
  }

  static int count(boolean[] m) {
    int n = 0;
    for (boolean b : m) {
      if (b) {
        n++;
      }
    }
    return n;
  }

  /** Pixels within Euclidean distance r of the mask. */
  static boolean[] dilate(boolean[] m, int s, int r) {
    boolean[] out = new boolean[m.length];
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        if (!m[y * s + x]) {
          continue;
        }
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (dx * dx + dy * dy <= r * r && nx >= 0 && ny >= 0 && nx < s && ny < s) {
              out[ny * s + nx] = true;
            }
          }
        }
      }
    }
    return out;
  }

  /** Pixels whose whole disk of radius r lies in the mask (outside the image counts as outside). */
  static boolean[] erode(boolean[] m, int s, int r) {
    boolean[] inv = new boolean[m.length];
    for (int i = 0; i < m.length; i++) {
      inv[i] = !m[i];
    }
    boolean[] grown = dilate(inv, s, r);
    boolean[] out = new boolean[m.length];
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        int i = y * s + x;
        boolean nearBorder = x < r || y < r || x >= s - r || y >= s - r;
        out[i] = m[i] && !grown[i] && !nearBorder;
      }
    }
    return out;
  }

  static boolean[] shift(boolean[] m, int s, int dx, int dy) {
    boolean[] out = new boolean[m.length];
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        int nx = x + dx;
        int ny = y + dy;
        if (m[y * s + x] && nx >= 0 && ny >= 0 && nx < s && ny < s) {
          out[ny * s + nx] = true;
        }
      }
    }
    return out;
  }

  /** 8-connected components, each as its pixel indices. */
  static List<int[]> components(boolean[] m, int s) {
    int[] comp = new int[m.length];
    List<int[]> out = new ArrayList<>();
    int[] stack = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      if (!m[i] || comp[i] != 0) {
        continue;
      }
      int id = out.size() + 1;
      int top = 0;
      int n = 0;
      int[] members = new int[m.length];
      stack[top++] = i;
      comp[i] = id;
      while (top > 0) {
        int p = stack[--top];
        members[n++] = p;
        int px = p % s;
        int py = p / s;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = px + dx;
            int ny = py + dy;
            if (nx < 0 || ny < 0 || nx >= s || ny >= s) {
              continue;
            }
            int q = ny * s + nx;
            if (m[q] && comp[q] == 0) {
              comp[q] = id;
              stack[top++] = q;
            }
          }
        }
      }
      out.add(java.util.Arrays.copyOf(members, n));
    }
    return out;
  }
}
