package io.medloom.phantom;

/**
 * Bones of the PA projection: vertebral column, ribs, clavicles, scapulae and humeri. Bone is drawn
 * as path length through cylinders/plates times an attenuation coefficient, with hollow (cortical)
 * profiles so cortices appear as bright rims like on real films.
 */
final class Skeleton {
  static final double MU_BONE = 0.42;

  private Skeleton() {}

  /** Vertebral bodies with disc spaces, pedicle rings and spinous processes. */
  static void spine(float[] dens, Frame f, ChestGeometry g, double boneDensity, byte[] mask) {
    double k = g.k;
    double mu = MU_BONE * 0.17 * boneDensity;
    double y = g.yApex - 10 * k;
    while (y < ChestGeometry.FOV + 3) {
      double rel = (y - g.yApex) / g.hl;
      double h = (1.65 + 0.75 * Math.max(0, rel)) * k;
      double disc = 0.42 * k;
      double sw = (1.45 + 0.55 * Math.max(-0.3, rel)) * k;
      int j0 = f.rowFloor(y);
      int j1 = f.rowCeil(y + h + disc);
      int i0 = f.colFloor(g.xm - sw - 1.5);
      int i1 = f.colCeil(g.xm + sw + 1.5);
      for (int j = j0; j <= j1; j++) {
        double py = f.y(j);
        if (py < y || py >= y + h + disc) {
          continue;
        }
        double ly = (py - y) / h;
        for (int i = i0; i <= i1; i++) {
          double dx = f.u(i) - g.xm;
          double adx = Math.abs(dx);
          int p = j * f.n + i;
          if (adx < sw) {
            mask[p] = 1;
          }
          double t = 0;
          if (ly < 1 && adx < sw) {
            double e = (adx / sw) * (adx / sw);
            double plate = Math.abs(ly - 0.5) > 0.42 ? 0.25 : 0;
            t += 2.8 * k * Math.sqrt(Math.max(0, 1 - e)) * (0.85 + plate) + 0.8 * e;
          }
          // Pedicles: ring-shaped cortical ovals at the upper lateral corners of each body.
          double pcx = sw - 0.45 * k;
          double pu = (adx - pcx) / (0.32 * k);
          double pv = (py - (y + 0.38 * h)) / (0.48 * k);
          double pr = pu * pu + pv * pv;
          if (pr < 1) {
            t += pr > 0.45 ? 1.0 * k : 0.5 * k;
          }
          // Spinous process: a teardrop in the midline, projected over the lower body.
          double su = dx / (0.28 * k);
          double sv = (py - (y + 0.85 * h)) / (0.55 * k);
          double sr = su * su + sv * sv;
          if (sr < 1) {
            t += 1.3 * k * Math.sqrt(1 - sr);
          }
          // Transverse processes flare out laterally in the thoracic spine.
          if (rel > -0.2 && rel < 0.95) {
            double tu = (adx - sw - 0.55 * k) / (0.7 * k);
            double tv = (py - (y + 0.35 * h)) / (0.35 * k);
            double tr = tu * tu + tv * tv;
            if (tr < 1) {
              t += 1.2 * k * Math.sqrt(1 - tr);
            }
          }
          dens[p] += (float) (mu * t);
        }
      }
      y += h + disc;
    }
  }

  /** Lateral extent of the rib cage (rib centre line) at height y. */
  static double cageX(ChestGeometry g, int s, double y) {
    int i = ChestGeometry.idx(s);
    double v = y < g.yc ? Math.min(1, (g.yc - y) / g.bTop) : 0;
    return g.cxL[i] + g.aLat(s, y) * Math.sqrt(Math.max(0, 1 - v * v)) + 0.45 * g.k;
  }

  /**
   * Posterior ribs rise slightly from the spine, then arc down along the lateral wall (an inverted
   * "U" over each lung); anterior ribs run from the lateral wall steeply down and medially, ending
   * where the radiolucent costal cartilage begins. Their crossing gives the familiar lattice of a
   * PA film.
   */
  static void ribs(float[] dens, TubeCanvas c, ChestGeometry g, double bone, byte[] mask) {
    double k = g.k;
    double sp = (g.hl + 1.0) / 9.8;
    for (int s = -1; s <= 1; s += 2) {
      for (int n = 1; n <= 12; n++) {
        double y0 = g.yApex - 1.2 * k + (n - 1) * sp;
        double drop = (1.5 + 0.22 * n) * k;
        double slope = (0.9 + 0.14 * n) * k; // steady downward slope from spine to wall
        double jit = 0.05 * Math.sin(n * 2.3 + g.yApex * 7.1 + s);
        double q0 = 1.7 * k;
        double qL = cageX(g, s, y0 + drop * 0.6);
        if (n == 1) {
          qL = Math.max(q0 + 3.0, cageX(g, s, g.yApex + 1.2 * k));
        }
        int m = 16;
        double[] u = new double[m];
        double[] y = new double[m];
        double[] r = new double[m];
        for (int t = 0; t < m; t++) {
          double a = t / (m - 1.0);
          double q = q0 + (qL - q0) * Math.pow(Math.sin(a * Math.PI / 2), 0.75);
          u[t] = g.xm * (1 - a) + s * q;
          // Short rise at the costovertebral junction, then a downward slope that steepens
          // as the rib curves along the lateral chest wall.
          double rise = 0.8 * k * Math.sin(Math.min(1, a / 0.28) * Math.PI / 2) * (1 - a);
          y[t] = y0 - rise + slope * a + drop * Math.pow(a, 2.6);
          r[t] = (0.34 + jit + 0.1 * a + 0.012 * n) * k;
        }
        c.polyline(u, y, r, 0.6);
        c.flush(dens, MU_BONE * 0.48 * bone, null, mask);
        if (n > 9) {
          continue;
        }
        double yL = y[m - 1];
        double qa = (2.6 + 0.55 * n) * k;
        double ad = (3.6 + 0.45 * n) * k;
        int ma = 10;
        double[] ua = new double[ma];
        double[] ya = new double[ma];
        double[] ra = new double[ma];
        for (int t = 0; t < ma; t++) {
          double a = t / (ma - 1.0);
          double q = qL - (qL - qa) * Math.pow(a, 0.9);
          ua[t] = s * q;
          ya[t] = yL + 0.5 * k * Math.sin(a * Math.PI / 2) + ad * Math.pow(a, 1.2);
          ra[t] = (0.5 - 0.12 * a) * k;
        }
        c.polyline(ua, ya, ra, 0.6);
        c.flush(dens, MU_BONE * 0.15 * bone, null, mask);
      }
    }
  }

  static void clavicles(float[] dens, TubeCanvas c, ChestGeometry g, double bone, byte[] mask) {
    double k = g.k;
    for (int s = -1; s <= 1; s += 2) {
      int i = ChestGeometry.idx(s);
      double[] u = {
        g.xm + s * 1.6 * k, s * 4.5 * k, s * 9 * k, s * (g.w[i] + 1.2 * k), s * (g.w[i] + 3.2 * k)
      };
      double y0 = g.yApex + 1.7 * k;
      double[] y = {y0 + 0.2 * k, y0 - 0.2 * k, y0 - 0.9 * k, y0 - 2.0 * k, y0 - 1.9 * k};
      double[] r = {0.95 * k, 0.7 * k, 0.62 * k, 0.66 * k, 0.8 * k};
      c.polyline(u, y, r, 0.5);
      c.flush(dens, MU_BONE * 0.75 * bone, null, mask);
    }
  }

  /** Scapular blades projected over the lateral upper chest, plus humeral heads and shafts. */
  static void shoulders(float[] dens, TubeCanvas c, Frame f, ChestGeometry g, double bone) {
    double k = g.k;
    for (int s = -1; s <= 1; s += 2) {
      int idx = ChestGeometry.idx(s);
      double cx = s * (g.w[idx] + 1.4 * k);
      double cy = g.yApex + 5.0 * k;
      double a = 3.0 * k;
      double b = 7.2 * k;
      double rot = -s * 0.22;
      double cs = Math.cos(rot);
      double sn = Math.sin(rot);
      for (int j = f.rowFloor(cy - b); j <= f.rowCeil(cy + b); j++) {
        for (int i = f.colFloor(cx - b); i <= f.colCeil(cx + b); i++) {
          double dx = f.u(i) - cx;
          double dy = f.y(j) - cy;
          double uu = (dx * cs + dy * sn) / a;
          double vv = (-dx * sn + dy * cs) / b;
          double rr = uu * uu + vv * vv;
          if (rr < 1) {
            dens[j * f.n + i] += (float) (MU_BONE * bone * 0.45 * k * Math.pow(1 - rr, 0.25));
          }
        }
      }
      double hx = s * (g.w[idx] + 3.7 * k);
      double hy = g.yApex - 0.4 * k;
      c.capsule(hx, hy, 2.4 * k, hx, hy + 0.01, 2.4 * k, 0.2);
      c.flush(dens, MU_BONE * 0.25 * bone, null, null);
      c.capsule(hx + s * 0.4 * k, hy + 1.5 * k, 1.25 * k, hx + s * 1.6 * k, hy + 40, 1.1 * k, 0.6);
      c.flush(dens, MU_BONE * 0.5 * bone, null, null);
    }
  }
}
