package io.medloom.phantom;

/**
 * Scratch buffer for tube-like structures (ribs, vessels, lines). Capsules are combined with max()
 * so overlapping segments of one structure do not double their thickness; flush() then adds mu *
 * path length into the attenuation map. One canvas per render call: not shared.
 */
final class TubeCanvas {
  private final Frame f;
  private final float[] buf;
  private int minX;
  private int minY;
  private int maxX;
  private int maxY;

  TubeCanvas(Frame f) {
    this.f = f;
    this.buf = new float[f.n * f.n];
    reset();
  }

  private void reset() {
    minX = Integer.MAX_VALUE;
    minY = Integer.MAX_VALUE;
    maxX = -1;
    maxY = -1;
  }

  /**
   * Cylinder path length through a tapered capsule. Thin tubes are widened to at least 0.6 px while
   * keeping their integrated density, so sub-pixel vessels fade instead of aliasing. A hollow tube
   * (cortical bone, plastic tube wall) has its core reduced, giving bright rims.
   */
  void capsule(double ua, double ya, double ra, double ub, double yb, double rb, double hollow) {
    double rmax = Math.max(Math.max(ra, rb), 0.6 * f.pix);
    int x0 = f.colFloor(Math.min(ua, ub) - rmax);
    int x1 = f.colCeil(Math.max(ua, ub) + rmax);
    int y0 = f.rowFloor(Math.min(ya, yb) - rmax);
    int y1 = f.rowCeil(Math.max(ya, yb) + rmax);
    if (x0 > x1 || y0 > y1 || Math.max(ua, ub) + rmax < f.u(0) || Math.max(ya, yb) + rmax < 0) {
      return;
    }
    double dx = ub - ua;
    double dy = yb - ya;
    double len2 = Math.max(1e-12, dx * dx + dy * dy);
    double minR = 0.6 * f.pix;
    boolean touched = false;
    for (int j = y0; j <= y1; j++) {
      double py = f.y(j) - ya;
      // Conservative x-span of the capsule on this row: the part of the segment within
      // rmax vertically, widened by rmax. Keeps diagonal segments from scanning their bbox.
      double tlo;
      double thi;
      if (Math.abs(dy) < 1e-9) {
        if (Math.abs(py) > rmax) {
          continue;
        }
        tlo = 0;
        thi = 1;
      } else {
        double t1 = (py - rmax) / dy;
        double t2 = (py + rmax) / dy;
        tlo = Math.max(0, Math.min(t1, t2));
        thi = Math.min(1, Math.max(t1, t2));
        if (tlo > thi) {
          continue;
        }
      }
      double xa = ua + Math.min(tlo * dx, thi * dx) - rmax;
      double xb = ua + Math.max(tlo * dx, thi * dx) + rmax;
      int i0 = Math.max(x0, f.colFloor(xa));
      int i1 = Math.min(x1, f.colCeil(xb));
      int row = j * f.n;
      for (int i = i0; i <= i1; i++) {
        double px = f.u(i) - ua;
        double t = (px * dx + py * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = px - t * dx;
        double ey = py - t * dy;
        double d2 = ex * ex + ey * ey;
        double r = ra + (rb - ra) * t;
        double re = Math.max(r, minR);
        if (d2 >= re * re) {
          continue;
        }
        double v = 2 * Math.sqrt(re * re - d2) * (r * r) / (re * re);
        if (hollow > 0) {
          double ri = 0.7 * r;
          if (d2 < ri * ri) {
            v -= hollow * 2 * Math.sqrt(ri * ri - d2);
          }
        }
        if (v > buf[row + i]) {
          buf[row + i] = (float) v;
          touched = true;
        }
      }
    }
    if (touched) {
      minX = Math.min(minX, x0);
      maxX = Math.max(maxX, x1);
      minY = Math.min(minY, y0);
      maxY = Math.max(maxY, y1);
    }
  }

  void polyline(double[] u, double[] y, double[] r, double hollow) {
    for (int i = 0; i + 1 < u.length; i++) {
      capsule(u[i], y[i], r[i], u[i + 1], y[i + 1], r[i + 1], hollow);
    }
  }

  void polyline(double[] u, double[] y, double r, double hollow) {
    for (int i = 0; i + 1 < u.length; i++) {
      capsule(u[i], y[i], r, u[i + 1], y[i + 1], r, hollow);
    }
  }

  /**
   * Adds mu * thickness (times an optional per-pixel weight) to dens, ORs the footprint into mask
   * (if non-null) and clears the scratch area.
   */
  void flush(float[] dens, double mu, float[] weight, byte[] mask) {
    if (maxX < 0) {
      return;
    }
    int n = f.n;
    for (int j = minY; j <= maxY; j++) {
      int row = j * n;
      for (int i = minX; i <= maxX; i++) {
        int p = row + i;
        float v = buf[p];
        if (v == 0) {
          continue;
        }
        double add = mu * v * (weight == null ? 1 : weight[p]);
        dens[p] += (float) add;
        if (mask != null && v > 0) {
          mask[p] = 1;
        }
        buf[p] = 0;
      }
    }
    reset();
  }
}
