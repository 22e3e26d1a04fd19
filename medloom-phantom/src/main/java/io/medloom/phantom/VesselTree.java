package io.medloom.phantom;

import java.util.SplittableRandom;

/**
 * Pulmonary vascular tree grown in 3-D from each hilum: tapering, bifurcating segments that stop at
 * the lung surface. The PA view projects (x, y), the lateral view (z, y), so both show the same
 * vessels. Radii shrink with each generation, so markings fade towards the periphery.
 */
final class VesselTree {
  private static final int MAX = 12000;

  /** Segment table: x0,y0,z0,x1,y1,z1,r0,r1 per segment. */
  final double[] seg = new double[MAX * 8];

  int count;
  private final ChestGeometry g;
  private final SplittableRandom r;

  private VesselTree(ChestGeometry g, SplittableRandom r) {
    this.g = g;
    this.r = r;
  }

  static VesselTree grow(ChestGeometry g, long seed, int patient, int study) {
    VesselTree t = new VesselTree(g, Seeds.rng(seed, Seeds.TEXTURE, patient, study));
    for (int s = -1; s <= 1; s += 2) {
      double yh = hilumY(g, s);
      double xh = hilumX(g, s);
      double zh = g.zL + 0.4;
      // Trunks fan out from the hilum, denser towards the bases (lower lobes carry more flow).
      for (int tr = 0; tr < 11; tr++) {
        double a0 = -110 + 225 * (tr + t.r.nextDouble()) / 11.0;
        double a = Math.toRadians(a0);
        double dz = Seeds.range(t.r, -0.7, 0.7);
        double len = Seeds.range(t.r, 2.2, 3.4) * g.k * (a0 > 40 ? 1.2 : 1);
        double rad = Seeds.range(t.r, 0.36, 0.5) * (a0 > 30 ? 1.15 : 1);
        t.branch(
            s,
            new double[] {xh, yh, zh},
            norm(new double[] {s * Math.cos(a), Math.sin(a), dz}),
            len,
            rad,
            0);
      }
    }
    return t;
  }

  /** The left hilum sits higher than the right (left pulmonary artery arches over). */
  static double hilumY(ChestGeometry g, int s) {
    return g.yApex + 0.47 * g.hl + (s > 0 ? -1.0 : 0);
  }

  static double hilumX(ChestGeometry g, int s) {
    return g.xm + s * (g.med(s, hilumY(g, s)) + 0.3);
  }

  /**
   * Blurs the vessel layer slightly (vessels are soft-edged cylinders at many depths) and adds the
   * hilar densities (central pulmonary arteries), then adds it where lung air allows.
   */
  static void compose(
      float[] dens, float[] vessels, float[] weight, Frame f, ChestGeometry g, boolean lateral) {
    Film.gaussian(vessels, f.n, 0.07 / f.pix);
    double k = g.k;
    for (int s = -1; s <= 1; s += 2) {
      double cu = lateral ? -(g.zL + 0.4) : hilumX(g, s) + s * 0.6 * k;
      double cy = hilumY(g, s) + 0.3 * k;
      double a = (lateral ? 2.2 : 1.4) * k;
      double b = 2.4 * k;
      for (int j = f.rowFloor(cy - b); j <= f.rowCeil(cy + b); j++) {
        for (int i = f.colFloor(cu - a); i <= f.colCeil(cu + a); i++) {
          double du = (f.u(i) - cu) / a;
          double dv = (f.y(j) - cy) / b;
          double r = du * du + dv * dv;
          if (r < 1) {
            vessels[j * f.n + i] += (float) (PaRenderer.MU * 1.6 * k * Math.pow(1 - r, 0.7));
          }
        }
      }
    }
    for (int p = 0; p < dens.length; p++) {
      dens[p] += vessels[p] * weight[p];
    }
  }

  private void branch(int s, double[] p, double[] d, double len, double rad, int depth) {
    if (count >= MAX - 3 || rad < 0.055) {
      return;
    }
    double[] perp = perpendicular(d);
    double[] perp2 = perpendicular(d);
    double b1 = Seeds.range(r, -0.16, 0.16) * len;
    double b2 = Seeds.range(r, -0.16, 0.16) * len;
    double[] m1 = new double[3];
    double[] mid = new double[3];
    double[] end = new double[3];
    for (int i = 0; i < 3; i++) {
      m1[i] = p[i] + d[i] * len * 0.33 + perp[i] * b1;
      mid[i] = p[i] + d[i] * len * 0.66 + perp2[i] * b2;
      end[i] = p[i] + d[i] * len;
    }
    if (!inside(s, end)) {
      if (inside(s, m1)) {
        add(p, m1, rad, rad * 0.85);
      }
      return;
    }
    double rEnd = rad * 0.9;
    add(p, m1, rad, rad * 0.97);
    add(m1, mid, rad * 0.97, rad * 0.93);
    add(mid, end, rad * 0.93, rEnd);
    if (depth >= 9) {
      return;
    }
    double[] nd = {end[0] - mid[0], end[1] - mid[1], end[2] - mid[2]};
    nd = norm(nd);
    int kids = r.nextDouble() < 0.15 ? 3 : 2;
    for (int c = 0; c < kids; c++) {
      double[] q = perpendicular(nd);
      double spread = Math.tan(Math.toRadians(Seeds.range(r, 12, 34)));
      double sign = c == 0 ? 1 : -1;
      double[] cd =
          norm(
              new double[] {
                nd[0] + sign * q[0] * spread,
                nd[1] + sign * q[1] * spread,
                nd[2] + sign * q[2] * spread
              });
      double share = c == 0 ? Seeds.range(r, 0.78, 0.9) : Seeds.range(r, 0.6, 0.78);
      branch(s, end, cd, len * Seeds.range(r, 0.72, 0.9), rEnd * share, depth + 1);
    }
  }

  private boolean inside(int s, double[] p) {
    return s * p[0] > 0
        && g.lungR2(s, p[0], p[1]) < 0.97
        && p[1] < g.dome(s, p[0]) + 2.0
        && g.lungLatR2(p[2], p[1]) < 0.95;
  }

  private void add(double[] a, double[] b, double ra, double rb) {
    int o = count * 8;
    seg[o] = a[0];
    seg[o + 1] = a[1];
    seg[o + 2] = a[2];
    seg[o + 3] = b[0];
    seg[o + 4] = b[1];
    seg[o + 5] = b[2];
    seg[o + 6] = ra;
    seg[o + 7] = rb;
    count++;
  }

  private double[] perpendicular(double[] d) {
    double[] v = {r.nextDouble() - 0.5, r.nextDouble() - 0.5, r.nextDouble() - 0.5};
    double dot = v[0] * d[0] + v[1] * d[1] + v[2] * d[2];
    for (int i = 0; i < 3; i++) {
      v[i] -= dot * d[i];
    }
    return norm(v);
  }

  private static double[] norm(double[] v) {
    double l = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (l < 1e-9) {
      return new double[] {0, 1, 0};
    }
    return new double[] {v[0] / l, v[1] / l, v[2] / l};
  }

  /** Splats the tree into the canvas, projected onto u = x (PA) or u = -z (lateral). */
  void draw(TubeCanvas c, boolean lateral) {
    for (int k = 0; k < count; k++) {
      int o = k * 8;
      double ua = lateral ? -seg[o + 2] : seg[o];
      double ub = lateral ? -seg[o + 5] : seg[o + 3];
      c.capsule(ua, seg[o + 1], seg[o + 6], ub, seg[o + 4], seg[o + 7], 0);
    }
  }
}
