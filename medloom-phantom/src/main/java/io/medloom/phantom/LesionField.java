package io.medloom.phantom;

import static io.medloom.phantom.PhantomFindings.*;

import io.medloom.phantom.Lesions.Consolidation;
import io.medloom.phantom.Lesions.Device;
import io.medloom.phantom.Lesions.Effusion;
import io.medloom.phantom.Lesions.Nodular;
import io.medloom.phantom.Lesions.Pneumothorax;
import io.medloom.phantom.Lesions.StudyTruth;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Applies the findings of a study to one projection. Airspace findings (effusion, consolidation,
 * pneumothorax) act on the lung air path inside the renderer's pixel loop; solid findings (nodule,
 * mass) and devices are added afterwards. Masks are filled with the very same tests.
 */
final class LesionField {
  /** Medial fluid level of an effusion as a fraction of its lateral meniscus height. */
  static final double MEDIAL_LEVEL = 0.55;

  private final ChestGeometry g;
  private final StudyTruth truth;
  private final Rendering out;
  private final boolean lateral;
  private final byte[][] effMask;
  private final byte[] ptxMask;
  private final byte[] consMask;

  /** Outputs of the last modifyAir call (kept as fields to avoid per-pixel allocation). */
  double pleuralLine;

  boolean inPtx;

  LesionField(ChestGeometry g, StudyTruth truth, Rendering out, boolean lateral) {
    this.g = g;
    this.truth = truth;
    this.out = out;
    this.lateral = lateral;
    int nn = out.n * out.n;
    effMask = new byte[truth.effusions().size()][];
    for (int i = 0; i < effMask.length; i++) {
      effMask[i] = new byte[nn];
    }
    ptxMask = truth.pneumothorax() != null && !lateral ? new byte[nn] : null;
    consMask = truth.consolidation() != null ? new byte[nn] : null;
  }

  /**
   * Fluid surface: a meniscus rising towards the lateral (PA) or posterior (lateral) wall, {@code
   * height} above the costophrenic angle there and {@value #MEDIAL_LEVEL} of it medially (or
   * anteriorly). The hemidiaphragm peaks about 3 cm above the angle, so a small effusion only
   * blunts the angle while a moderate or large one covers the dome (the silhouette sign); with the
   * medial level at a fifth of the height, as before, even a 10 cm effusion stayed below the dome.
   */
  double effusionSurface(Effusion e, double q) {
    q = q < 0 ? 0 : q > 1 ? 1 : q;
    double bottom = lateral ? g.domeLat(e.side(), g.zL - g.azL) : g.yCp(e.side());
    return bottom - e.height() * (MEDIAL_LEVEL + (1 - MEDIAL_LEVEL) * Math.pow(q, 1.8));
  }

  /**
   * PA: c = body x; lateral: c = body z. Returns the modified air path length.
   *
   * @param full air path without heart overlap, for pneumothorax (pure air)
   * @param field pixel is in this lung's mask
   * @param thorax pixel is inside the lung outline above the diaphragm (ignoring heart)
   */
  double modifyAir(
      int p, int s, double c, double y, double a, double full, boolean field, boolean thorax) {
    pleuralLine = 0;
    inPtx = false;
    Pneumothorax px = truth.pneumothorax();
    if (px != null && !lateral && px.side() == s && thorax) {
      int i = ChestGeometry.idx(s);
      double yEnd = g.yc + 0.45 * (g.yCp(s) - g.yc);
      double gl =
          0.75
              * px.gap()
              * (c * s > g.cxL[i]
                  ? (y < g.yc ? 1 : Math.max(0, 1 - (y - g.yc) / (yEnd - g.yc)))
                  : 0);
      double aeff = g.aLat(s, y) - gl;
      double beff = g.bTop - px.gap();
      double u = (s * c - g.cxL[i]) / aeff;
      double v = y < g.yc ? (g.yc - y) / beff : 0;
      double r2c = u * u + v * v;
      if (r2c >= 1) {
        inPtx = true;
        if (field) {
          ptxMask[p] = 1;
        }
        return full / 0.82;
      }
      double de = (1 - Math.sqrt(r2c)) * Math.min(aeff, beff);
      if (de < 0.14 && (y < g.yc || gl > 0)) {
        pleuralLine = 0.9 * (1 - de / 0.14);
      }
      a *= 0.93;
    }
    for (int e = 0; e < effMask.length; e++) {
      Effusion ef = truth.effusions().get(e);
      if (ef.side() != s) {
        continue;
      }
      double q =
          lateral
              ? (g.zL + 0.6 * g.azL - c) / (1.6 * g.azL)
              : (s * c - 1.5) / (g.w[ChestGeometry.idx(s)] - 1.5);
      double ys = effusionSurface(ef, q);
      if (y > ys) {
        // Below its level the fluid fills that hemithorax, on the lateral as on the PA: the lateral
        // beam crosses both lungs, and the other side's air (its own term) stays.
        double alpha = 0.97 * Math.sqrt(Math.min(1, (y - ys) / 1.1));
        a *= 1 - alpha;
        if (field) {
          effMask[e][p] = 1;
        }
      }
    }
    Consolidation cs = truth.consolidation();
    if (cs != null && cs.side() == s) {
      double cc = lateral ? cs.z() : cs.x();
      double rc = lateral ? cs.rz() : cs.rx();
      double dx = (c - cc) / rc;
      double dy = (y - cs.y()) / cs.ry();
      double e2 = dx * dx + dy * dy;
      if (e2 < 2.2) {
        double gv = 1 - e2 + 1.1 * (Seeds.noise(cs.key() + (lateral ? 1 : 0), c, y, 1.4) - 0.5);
        if (gv > 0.15) {
          // Hazy, ill-defined airspace opacity: partial air loss ramping up slowly from the edge.
          double ramp = Math.min(1, (gv - 0.15) / 0.85);
          double mottle = Seeds.noise(cs.key() + 3, c, y, 0.6);
          double alpha = (0.42 + 0.2 * mottle) * ramp * ramp * (3 - 2 * ramp);
          if (!lateral) {
            alpha *= 1 - 0.75 * bronchogram(cs, c, y);
          }
          // PA: the opacity fills the lung's depth here. Lateral: the beam crosses the whole
          // lung width, of which only the consolidated lobe (~2 rx) loses its air.
          a = lateral ? Math.max(0, a - alpha * 1.6 * cs.rx()) : a * (1 - alpha);
          if (field) {
            consMask[p] = 1;
          }
        }
      }
    }
    return a;
  }

  /**
   * Air bronchograms: a few tapering airways fanning out from the hilar side of the consolidation
   * stay aerated inside the opacity. Returns 0..1 (1 on an airway axis).
   */
  private static double bronchogram(Consolidation cs, double x, double y) {
    int s = cs.side();
    double x0 = cs.x() - s * 1.1 * cs.rx();
    double y0 = cs.y() - 0.5 * cs.ry();
    double best = 0;
    for (int b = 0; b < 4; b++) {
      double th = 0.25 + 0.32 * b + 0.3 * (Seeds.unit(cs.key(), b, 17) - 0.5);
      double dx = s * Math.cos(th);
      double dy = Math.sin(th);
      double len = 1.9 * Math.max(cs.rx(), cs.ry());
      double px = x - x0;
      double py = y - y0;
      double t = px * dx + py * dy;
      if (t <= 0 || t >= len) {
        continue;
      }
      // Gentle curvature and a side branch halfway along.
      double bend = 0.25 * Math.sin(t * 1.3 + b) * (t / len);
      double dist = Math.abs(-px * dy + py * dx - bend);
      double w = 0.24 - 0.14 * t / len;
      if (dist < w) {
        best = Math.max(best, 1 - dist / w);
      }
      double tb = 0.5 * len;
      if (t > tb) {
        double bx = dx * Math.cos(0.45) - s * dy * Math.sin(0.45);
        double by = s * dx * Math.sin(0.45) + dy * Math.cos(0.45);
        double qx = x - (x0 + dx * tb);
        double qy = y - (y0 + dy * tb);
        double tt = qx * bx + qy * by;
        double dd = Math.abs(-qx * by + qy * bx);
        double ww = 0.14 - 0.08 * Math.min(1, tt / (0.5 * len));
        if (tt > 0 && tt < 0.5 * len && dd < ww) {
          best = Math.max(best, 1 - dd / ww);
        }
      }
    }
    return best;
  }

  /** Nodule and mass: soft-tissue spheres; registers all airspace lesion masks as well. */
  void solidLesions(float[] dens, Frame f) {
    solid(dens, f, truth.nodule(), NODULE);
    solid(dens, f, truth.mass(), MASS);
    for (int e = 0; e < effMask.length; e++) {
      Effusion ef = truth.effusions().get(e);
      out.lesion(
          EFFUSION,
          EFFUSION,
          ef.location(),
          effMask[e],
          Map.of(
              "size",
              ef.size(),
              "height_mm",
              Integer.toString((int) Math.round(ef.height() * 10)),
              "side",
              ChestGeometry.sideName(ef.side())));
    }
    if (ptxMask != null) {
      Pneumothorax px = truth.pneumothorax();
      out.lesion(
          PNEUMOTHORAX,
          PNEUMOTHORAX,
          px.location(),
          ptxMask,
          Map.of(
              "size",
              px.size(),
              "gap_mm",
              Integer.toString((int) Math.round(px.gap() * 10)),
              "side",
              ChestGeometry.sideName(px.side())));
    }
    if (consMask != null) {
      Consolidation cs = truth.consolidation();
      out.lesion(
          CONSOLIDATION,
          CONSOLIDATION,
          cs.location(),
          consMask,
          Map.of(
              "pattern", "patchy airspace opacity",
              "size_mm", Integer.toString((int) Math.round(20 * Math.max(cs.rx(), cs.ry()))),
              "side", ChestGeometry.sideName(cs.side())));
    }
  }

  private void solid(float[] dens, Frame f, Nodular nd, String finding) {
    if (nd == null) {
      return;
    }
    byte[] mask = new byte[out.n * out.n];
    double cu = lateral ? -nd.z() : nd.x();
    double rmax = nd.radius() * 1.2;
    for (int j = f.rowFloor(nd.y() - rmax); j <= f.rowCeil(nd.y() + rmax); j++) {
      for (int i = f.colFloor(cu - rmax); i <= f.colCeil(cu + rmax); i++) {
        double dx = f.u(i) - cu;
        double dy = f.y(j) - nd.y();
        double d2 = dx * dx + dy * dy;
        if (d2 >= rmax * rmax) {
          continue;
        }
        double rr = nd.radiusAt(Math.atan2(dy, dx));
        if (d2 < rr * rr) {
          int p = j * f.n + i;
          dens[p] += (float) (PaRenderer.MU * 0.92 * 2 * Math.sqrt(rr * rr - d2));
          mask[p] = 1;
        }
      }
    }
    Map<String, String> at = new LinkedHashMap<>();
    at.put("size_mm", Integer.toString(nd.sizeMm()));
    at.put("shape", nd.lobulated() ? "lobulated" : "round");
    at.put("margin", nd.lobulated() ? "lobulated" : "smooth");
    at.put("side", ChestGeometry.sideName(nd.side()));
    at.put("zone", nd.zone());
    out.lesion(finding, finding, nd.location(), mask, at);
  }

  /** Radiopaque devices: dense thin tubes, one region per device. */
  void devices(float[] dens, TubeCanvas c) {
    for (Device d : truth.devices()) {
      byte[] mask = new byte[out.n * out.n];
      double[] u = lateral ? negate(d.z()) : d.x();
      c.polyline(u, d.y(), d.radius(), d.hollow() ? 0.8 : 0);
      c.flush(dens, d.mu(), null, mask);
      if (d.hollow()) {
        // The radiopaque stripe embedded in the tube wall.
        double[] us = u.clone();
        for (int i = 0; i < us.length; i++) {
          us[i] += d.radius() * 0.6;
        }
        c.polyline(us, d.y(), 0.07, 0);
        c.flush(dens, 2.5, null, mask);
      }
      Map<String, String> at =
          Map.of(
              "device",
              d.name(),
              "access",
              d.access(),
              "tip",
              d.tip(),
              "radius_mm",
              String.format(Locale.ROOT, "%.1f", d.radius() * 10));
      out.lesion(d.name(), SUPPORT_DEVICES, "mediastinum", mask, at);
    }
  }

  private static double[] negate(double[] a) {
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = -a[i];
    }
    return b;
  }
}
