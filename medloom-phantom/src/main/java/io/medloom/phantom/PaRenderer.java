package io.medloom.phantom;

import static io.medloom.phantom.ChestGeometry.smooth;

import io.medloom.phantom.Lesions.StudyTruth;
import java.util.SplittableRandom;

/**
 * PA projection. Builds the attenuation line-integral map (soft tissue minus lung air plus bone,
 * vessels, lesions and devices) and the exact masks in the same pass, then develops the film. Image
 * u equals body x, so the patient's right (x &lt; 0) lands on the image left.
 */
final class PaRenderer {
  static final double MU = 0.20; // soft tissue / water, per cm
  static final double AIR = 0.82 * MU; // lung parenchyma is ~18% tissue by path

  private PaRenderer() {}

  static Rendering render(long seed, int patient, int study, StudyPlan plan, int n) {
    ChestGeometry g = plan.geometry();
    Acquisition acq = plan.acquisition();
    StudyTruth truth = plan.truth();
    Frame f = new Frame(n, acq.offX());
    Rendering out = new Rendering(n);
    float[] dens = new float[n * n];
    float[] vesselWeight = new float[n * n];
    byte[] lungR = out.anatomy("right lung");
    byte[] lungL = out.anatomy("left lung");
    byte[] heart = out.anatomy("heart");
    byte[] media = out.anatomy("mediastinum");
    byte[] spine = out.anatomy("spine");
    byte[] diaph = out.anatomy("diaphragm");
    byte[] ribs = out.anatomy("ribs");
    byte[] clav = out.anatomy("clavicles");
    LesionField lf = new LesionField(g, truth, out, false);
    boolean female = plan.patient().female();
    double k = g.k;

    for (int j = 0; j < n; j++) {
      double y = f.y(j);
      double bw = bodyHalfWidth(g, y);
      double bd =
          11.5 * k + (g.bodyDepth - 11.5 * k) * smooth(g.yApex - 7.0 * k, g.yApex - 1.0 * k, y);
      double lungDepth =
          g.lungDepth
              * (0.45 + 0.55 * Math.pow(Math.max(0, Math.min(1, (y - g.yApex) / g.hl)), 0.7));
      double medR = g.med(-1, y);
      double medL = g.med(1, y);
      for (int i = 0; i < n; i++) {
        int p = j * n + i;
        double x = f.u(i);
        double d = 0;
        double ax = Math.abs(x / bw);
        if (ax < 1) {
          // Rounded-rectangle cross-section: the chest wall stays thick out to the skin.
          d += MU * bd * Math.sqrt(1 - ax * ax * ax);
        }
        if (female) {
          d += MU * breast(g, x, y);
        }
        double hr2 = g.heartR2(x, y);
        double domeHere = g.domeAt(x);
        boolean inHeart = hr2 < 1 && y < g.dome(1, Math.max(x, 0.01)) + 0.2;
        if (inHeart) {
          heart[p] = 1;
        } else if (y >= g.yApex - 1 && y < domeHere && x - g.xm > -medR && x - g.xm < medL) {
          media[p] = 1;
        }
        if (!inHeart
            && y >= domeHere
            && y < domeHere + 1.0 * k
            && x > -Skeleton.cageX(g, -1, y)
            && x < Skeleton.cageX(g, 1, y)) {
          diaph[p] = 1;
        }
        int s = x < 0 ? -1 : 1;
        double r2 = g.lungR2(s, x, y);
        if (r2 < 1) {
          double prof = Math.sqrt(1 - r2);
          double a = lungDepth * prof;
          double dm = s * (x - g.xm) - (s < 0 ? medR : medL);
          a *= 0.1 + 0.9 * smooth(-0.35, 0.45, dm);
          double yd = g.dome(s, x);
          if (y > yd) {
            a *= 0.35 * Math.exp(-(y - yd) / 2.0);
          }
          if (hr2 < 1) {
            // The heart is tangent to the beam at its border: a sharp, dense silhouette.
            // Retrocardiac lung stays aerated behind it, so the heart is a soft-tissue density
            // (spine faintly visible through it), slightly less dense than the mediastinum.
            a *= 1 - Math.min(0.78, 0.5 + 0.4 * Math.sqrt(1 - hr2));
          }
          boolean field = dm > 0 && y < yd && !inHeart;
          if (field) {
            (s < 0 ? lungR : lungL)[p] = 1;
          }
          double full = lungDepth * prof * (0.1 + 0.9 * smooth(-0.35, 0.45, dm));
          a = lf.modifyAir(p, s, x, y, a, full, field, dm > 0 && y < yd);
          d -= AIR * a;
          d += MU * lf.pleuralLine;
          vesselWeight[p] = lf.inPtx ? 0f : (float) Math.min(1, a / (0.45 * g.lungDepth));
        }
        if (acq.stomachBubble() && y > g.dome(1, x) + 0.35) {
          double bu = (x - g.xm - 5.5 * k) / (3.3 * k);
          double bv = (y - g.yD[1] - 2.6 * k) / (2.2 * k);
          double br = bu * bu + bv * bv;
          if (br < 1) {
            d -= MU * 4.5 * k * Math.sqrt(1 - br);
          }
        }
        dens[p] = (float) d;
      }
    }
    lf.solidLesions(dens, f);

    TubeCanvas c = new TubeCanvas(f);
    // Arms hang beside the trunk: soft-tissue cylinders.
    for (int s = -1; s <= 1; s += 2) {
      double ax = s * (g.trunkW + 4.3 * k);
      c.capsule(ax - s * 0.8 * k, g.yApex - 1.0, 4.0 * k, ax + s * 1.5 * k, 60, 3.8 * k, 0);
      c.flush(dens, MU, null, null);
    }
    float[] vessels = new float[n * n];
    VesselTree.grow(g, seed, patient, study).draw(c, false);
    c.flush(vessels, MU * 1.6, null, null);
    VesselTree.compose(dens, vessels, vesselWeight, f, g, false);
    trachea(c, g);
    c.flush(dens, -MU, null, null);
    double bone = plan.patient().boneDensity();
    Skeleton.spine(dens, f, g, bone, spine);
    Skeleton.ribs(dens, c, g, bone, ribs);
    Skeleton.clavicles(dens, c, g, bone, clav);
    Skeleton.shoulders(dens, c, f, g, bone);
    lf.devices(dens, c);

    boolean right = acq.markerRight();
    Film.marker(
        dens,
        f,
        right ? 'R' : 'L',
        right ? f.u(0) + 2.0 : f.u(n - 1) - 3.4,
        2.2 + acq.offY() * 0.5);
    SplittableRandom noise = Seeds.rng(seed, Seeds.NOISE, patient, study, 1);
    out.pixels =
        Film.develop(
            dens,
            f,
            acq.exposure(),
            acq.contrast(),
            0.37,
            0.68,
            0.25,
            0.3,
            noise,
            new byte[][] {lungR, lungL},
            new byte[][] {media, heart});
    return out;
  }

  /** Skin outline: neck, rounded shoulders, then the trunk. */
  static double bodyHalfWidth(ChestGeometry g, double y) {
    double k = g.k;
    double neck = 5.6 * k;
    double top = g.yApex - 5.0 * k;
    if (y < top) {
      return neck;
    }
    // Shoulders slope down from the neck (trapezius), so the outline is not a flat shelf.
    double sh = Math.pow(Math.min(1, (y - top) / (5.0 * k)), 0.6);
    double w = neck + (g.shoulderW - neck) * sh;
    return w + (g.trunkW - g.shoulderW) * smooth(g.yApex + 3 * k, g.yApex + 10 * k, y);
  }

  private static double breast(ChestGeometry g, double x, double y) {
    double k = g.k;
    double t = 0;
    for (int s = -1; s <= 1; s += 2) {
      int i = ChestGeometry.idx(s);
      double cy = g.yD[i] - 2.2 * k;
      double bu = (x - s * 0.62 * g.w[i]) / (7.5 * k);
      double bv = (y - cy) / (y < cy ? 7.5 * k : 3.4 * k);
      double r = bu * bu + bv * bv;
      if (r < 1) {
        t += 3.0 * k * Math.pow(1 - r, 0.5);
      }
    }
    return t;
  }

  private static void trachea(TubeCanvas c, ChestGeometry g) {
    double k = g.k;
    int m = 8;
    double[] u = new double[m];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      y[i] = -1 + (g.yCarina + 1) * i / (m - 1.0);
      u[i] = Devices.tracheaX(g, y[i]);
    }
    c.polyline(u, y, 0.85 * k, 0);
    double cx = Devices.tracheaX(g, g.yCarina);
    c.capsule(cx, g.yCarina, 0.7 * k, cx - 2.6 * k, g.yCarina + 2.3 * k, 0.5 * k, 0);
    c.capsule(cx, g.yCarina, 0.7 * k, cx + 3.2 * k, g.yCarina + 3.3 * k, 0.5 * k, 0);
  }
}
