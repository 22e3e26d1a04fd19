package io.medloom.phantom;

import io.medloom.phantom.Lesions.StudyTruth;
import java.util.SplittableRandom;

/**
 * Left lateral projection (beam along x, patient facing the image left): image u = -z, so the
 * sternum is on the left and the spine on the right. Both lungs overlap; path lengths are the
 * transverse widths of the same 3-D model used by the PA view.
 */
final class LateralRenderer {
  private static final double MU = PaRenderer.MU;
  private static final double AIR = PaRenderer.AIR;

  private LateralRenderer() {}

  static Rendering render(long seed, int patient, int study, StudyPlan plan, int n) {
    ChestGeometry g = plan.geometry();
    Acquisition acq = plan.acquisition();
    StudyTruth truth = plan.truth();
    SplittableRandom vr = Seeds.rng(seed, Seeds.VIEW, patient, study);
    // Lateral films are coned tighter around the thorax than the PA field.
    double fov = 34.0 * g.k;
    Frame f =
        new Frame(
            n,
            Seeds.range(vr, -1.0, 1.0) + 0.6 * g.k,
            fov,
            g.yApex - 3.2 * g.k + Seeds.range(vr, -0.8, 0.8));
    Rendering out = new Rendering(n);
    float[] dens = new float[n * n];
    float[] vesselWeight = new float[n * n];
    byte[] lungR = out.anatomy("right lung");
    byte[] lungL = out.anatomy("left lung");
    byte[] heart = out.anatomy("heart");
    byte[] media = out.anatomy("mediastinum");
    byte[] spine = out.anatomy("spine");
    byte[] diaph = out.anatomy("diaphragm");
    byte[] stern = out.anatomy("sternum");
    LesionField lf = new LesionField(g, truth, out, true);
    double k = g.k;
    double hz = g.bodyDepth / 2;
    double heartHalfWidth = g.ah * 0.9;

    for (int j = 0; j < n; j++) {
      double y = f.y(j);
      double neckBlend = ChestGeometry.smooth(g.yApex - 6 * k, g.yApex + 1 * k, y);
      double bw = 5.6 * k + (g.trunkW - 5.6 * k) * neckBlend;
      double hzy = 6.0 * k + (hz - 6.0 * k) * neckBlend;
      double zc = -1.5 * k * (1 - neckBlend);
      double wR = g.lungWidth(-1, y);
      double wL = g.lungWidth(1, y);
      for (int i = 0; i < n; i++) {
        int p = j * n + i;
        double z = -f.u(i);
        double d = 0;
        double az = (z - zc) / hzy;
        if (az * az < 1) {
          // Elliptical chest cross-section: path along x thins towards sternum and back.
          d += MU * 2 * bw * Math.sqrt(1 - az * az);
        }
        // Superimposed shoulders and paraspinal muscles make the upper/posterior chest dense.
        double su = (z - g.zL + 1.0 * k) / (hz * 0.95);
        double sv = (y - g.yApex + 1.0 * k) / (9.0 * k);
        double sr = su * su + sv * sv;
        if (sr < 1) {
          d += MU * 6 * k * Math.pow(1 - sr, 1.5);
        }
        double pu = (z - (-hz + 3.0 * k)) / (3.0 * k);
        if (pu * pu < 1 && neckBlend > 0) {
          d += MU * 8 * k * Math.pow(1 - pu * pu, 1.5) * neckBlend;
        }
        double hr2 = g.heartLatR2(z, y);
        boolean inHeart = g.inHeartLat(z, y);
        if (inHeart) {
          heart[p] = 1;
        }
        double tz = Devices.tracheaZ(g, y);
        if (!inHeart && y > g.yApex - 1 && y < g.yh - 0.4 * g.bh && Math.abs(z - tz) < 2.4 * k) {
          media[p] = 1;
        }
        double r2 = g.lungLatR2(z, y);
        if (r2 < 1) {
          // Flat-topped profile: the lungs fill the chest from side to side over most of their
          // AP extent, and thin out only close to the anterior and posterior pleura.
          double prof = Math.pow(1 - r2, 0.42);
          double total = 0;
          boolean ptx = false;
          for (int s = -1; s <= 1; s += 2) {
            double a = (s < 0 ? wR : wL) * prof;
            double yd = g.domeLat(s, z);
            if (y > yd) {
              a *= 0.3 * Math.exp(-(y - yd) / 2.0);
            }
            if (hr2 < 1) {
              // The heart displaces lung over its whole transverse width (more on the left).
              double share = s < 0 ? 0.85 : 1.15;
              a = Math.max(0.12 * a, a - share * heartHalfWidth * Math.pow(1 - hr2, 0.35));
            }
            boolean field = y < yd && !inHeart;
            if (field) {
              (s < 0 ? lungR : lungL)[p] = 1;
            }
            double full = (s < 0 ? wR : wL) * prof;
            total += lf.modifyAir(p, s, z, y, a, full, field, y < yd);
            ptx |= lf.inPtx;
          }
          d -= AIR * total;
          vesselWeight[p] = ptx ? 0f : (float) Math.min(1, total / (0.6 * g.lungDepth));
        }
        for (int s = -1; s <= 1; s += 2) {
          double yd = g.domeLat(s, z);
          if (y >= yd && y < yd + 1.0 * k && Math.abs(z - g.zL) < g.azL && !inHeart) {
            diaph[p] = 1;
          }
        }
        if (acq.stomachBubble() && y > g.domeLat(1, z) + 0.35) {
          double bu = (z - g.zL - 1.0 * k) / (3.0 * k);
          double bv = (y - g.yD[1] - 2.6 * k) / (2.0 * k);
          double br = bu * bu + bv * bv;
          if (br < 1) {
            d -= MU * 4.0 * k * Math.sqrt(1 - br);
          }
        }
        dens[p] = (float) d;
      }
    }
    lf.solidLesions(dens, f);

    TubeCanvas c = new TubeCanvas(f);
    // Arms raised forward and up, as patients are positioned for a lateral film.
    for (int a = 0; a < 2; a++) {
      double z0 = g.zSternum + (1.5 + a * 1.2) * k;
      c.capsule(-z0, g.yApex - 4.0 * k, 3.6 * k, -(z0 + 7 * k), -6, 3.2 * k, 0);
      c.flush(dens, MU, null, null);
      c.capsule(-z0 - 0.5, g.yApex - 4.5 * k, 1.1 * k, -(z0 + 7.5 * k), -6, 0.9 * k, 0.6);
      c.flush(dens, Skeleton.MU_BONE * 0.5, null, null);
    }
    float[] vessels = new float[n * n];
    VesselTree.grow(g, seed, patient, study).draw(c, true);
    c.flush(vessels, MU * 2.0, null, null);
    VesselTree.compose(dens, vessels, vesselWeight, f, g, true);
    int m = 8;
    double[] tu = new double[m];
    double[] ty = new double[m];
    for (int i = 0; i < m; i++) {
      ty[i] = -1 + (g.yCarina + 1.5 - -1) * i / (m - 1.0);
      tu[i] = -Devices.tracheaZ(g, ty[i]);
    }
    c.polyline(tu, ty, 0.8 * k, 0);
    c.flush(dens, -MU, null, null);
    double bone = plan.patient().boneDensity();
    spine(dens, f, g, bone, spine);
    ribs(dens, c, g, bone);
    c.capsule(
        -g.zSternum,
        g.yApex + 1.2 * k,
        0.75 * k,
        -(g.zSternum - 0.8 * k),
        g.yApex + 17 * k,
        0.6 * k,
        0.5);
    c.flush(dens, Skeleton.MU_BONE * 0.7 * bone, null, stern);
    lf.devices(dens, c);

    Film.marker(dens, f, 'L', acq.markerRight() ? f.u(0) + 1.5 : f.u(n - 1) - 2.9, f.y(0) + 1.5);
    SplittableRandom noise = Seeds.rng(seed, Seeds.NOISE, patient, study, 2);
    out.pixels =
        Film.develop(
            dens,
            f,
            acq.exposure(),
            acq.contrast(),
            0.40,
            0.64,
            0.3,
            0.8,
            noise,
            new byte[][] {lungR, lungL},
            new byte[][] {heart, diaph});
    return out;
  }

  /** Vertebral bodies seen side-on: stacked boxes with end plates and disc spaces. */
  private static void spine(float[] dens, Frame f, ChestGeometry g, double bone, byte[] mask) {
    double k = g.k;
    double mu = Skeleton.MU_BONE * 0.22 * bone;
    double y = g.yApex - 10 * k;
    while (y < ChestGeometry.FOV + 3) {
      double rel = Math.max(-0.3, (y - g.yApex) / g.hl);
      double h = (1.65 + 0.75 * Math.max(0, rel)) * k;
      double disc = 0.42 * k;
      double depth = (2.4 + 1.2 * rel) * k;
      double front = g.zSpine + 0.25 * k * Math.sin(rel * 3);
      for (int j = f.rowFloor(y); j <= f.rowCeil(y + h + disc); j++) {
        double py = f.y(j);
        if (py < y || py >= y + h + disc) {
          continue;
        }
        double ly = (py - y) / h;
        for (int i = f.colFloor(-front); i <= f.colCeil(-(front - depth - 5 * k)); i++) {
          double z = -f.u(i);
          double back = front - depth;
          int p = j * f.n + i;
          double t = 0;
          if (z <= front && z >= back) {
            mask[p] = 1;
            if (ly < 1) {
              double edge = Math.min(Math.min(front - z, z - back), Math.min(ly, 1 - ly) * h);
              t += 3.0 * k * (edge < 0.2 * k ? 1.15 : 1.0);
            }
          } else if (z < back && z > back - 4.5 * k) {
            // Posterior elements: pedicles/laminae, fainter and overlapping.
            double w = (back - z) / (4.5 * k);
            double band = Math.abs(ly - 0.4 - 0.5 * w);
            if (band < 0.35) {
              t += 1.8 * k * (1 - w * 0.5);
            }
          }
          dens[p] += (float) (mu * t);
        }
      }
      y += h + disc;
    }
  }

  /** Posterior ribs of both sides (offset by magnification), fading anteriorly. */
  private static void ribs(float[] dens, TubeCanvas c, ChestGeometry g, double bone) {
    double k = g.k;
    double sp = (g.hl + 1.4) / 9.6;
    for (int s = 0; s < 2; s++) {
      for (int n = 1; n <= 11; n++) {
        double y0 = g.yApex - 1.6 * k + (n - 1) * sp + s * 0.5 * k;
        int m = 10;
        double[] u = new double[m];
        double[] y = new double[m];
        double[] r = new double[m];
        double zs = g.zSpine - 2.5 * k;
        double ze = g.zSternum - 1.5 * k;
        for (int t = 0; t < m; t++) {
          double a = t / (m - 1.0);
          double z = zs - (1.5 * k) * Math.sin(a * Math.PI * 0.6) + (ze - zs) * a * a;
          u[t] = -z;
          y[t] = y0 + (3.5 + 0.25 * n) * k * Math.pow(a, 1.3) - 0.6 * k * Math.sin(a * Math.PI);
          r[t] = (0.45 - 0.25 * a) * k;
        }
        c.polyline(u, y, r, 0.5);
        c.flush(dens, Skeleton.MU_BONE * 0.45 * bone, null, null);
      }
    }
  }
}
