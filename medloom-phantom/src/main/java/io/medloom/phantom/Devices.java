package io.medloom.phantom;

import io.medloom.phantom.Lesions.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Places support devices (ETT, central line, NG tube) along the anatomy, in 3-D. */
final class Devices {
  private Devices() {}

  static List<Device> place(SplittableRandom r, ChestGeometry g) {
    boolean ett = r.nextDouble() < 0.55;
    boolean cvc = r.nextDouble() < 0.6;
    boolean ng = r.nextDouble() < 0.35;
    if (!ett && !cvc && !ng) {
      cvc = true;
    }
    List<Device> out = new ArrayList<>();
    double zt = tracheaZ(g, g.yCarina);
    if (ett) {
      double tip = g.yCarina - Seeds.range(r, 2.5, 5.5) * g.k;
      int n = 8;
      double[] x = new double[n];
      double[] y = new double[n];
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = -1 + (tip + 1) * i / (n - 1.0);
        x[i] = tracheaX(g, y[i]) + 0.15;
        z[i] = tracheaZ(g, y[i]);
      }
      out.add(new Device("endotracheal tube", "oral", "trachea", x, y, z, 0.42, 0.9, true));
    }
    if (cvc) {
      double tip = g.yCarina + Seeds.range(r, 1.0, 4.0) * g.k;
      double xm = g.xm;
      if (r.nextDouble() < 0.6) {
        out.add(
            new Device(
                "central venous catheter",
                "right internal jugular",
                "superior vena cava",
                new double[] {xm - 5.6, xm - 4.6, xm - 3.0, xm - 2.4, xm - 2.1},
                new double[] {-1, g.yApex - 2.5, g.yApex + 2.5, g.yCarina, tip},
                new double[] {1.0, 0.6, zt + 1.5, zt + 1.6, zt + 1.8},
                0.11,
                2.6,
                false));
      } else {
        double s = r.nextBoolean() ? -1 : 1;
        double xEnd = s < 0 ? xm - 2.1 : xm - 1.6;
        out.add(
            new Device(
                "central venous catheter",
                (s < 0 ? "right" : "left") + " subclavian",
                "superior vena cava",
                new double[] {xm + s * 17, xm + s * 10, xm + s * 4.2, xm + s * 1.2, xEnd, xEnd},
                new double[] {
                  g.yApex + 1.0, g.yApex + 1.6, g.yApex + 3.0, g.yApex + 4.4, g.yCarina - 0.5, tip
                },
                new double[] {2.0, 2.5, zt + 2.4, zt + 2.0, zt + 1.8, zt + 1.8},
                0.11,
                2.6,
                false));
      }
    }
    if (ng) {
      double zs = g.zSpine + 1.0;
      double xm = g.xm;
      out.add(
          new Device(
              "nasogastric tube",
              "nasal",
              "stomach",
              new double[] {xm + 0.2, xm + 0.4, xm + 0.8, xm + 1.6, xm + 4.0, xm + 6.5},
              new double[] {
                -1, g.yApex + 2, g.yCarina + 4, g.yD[1] - 1, g.yD[1] + 2.5, g.yD[1] + 4.0
              },
              new double[] {zs, zs, zs - 0.2, zs + 1, zs + 3, zs + 4},
              0.22,
              1.2,
              false));
    }
    return List.copyOf(out);
  }

  /** Trachea centre line: displaced slightly to the right by the aortic arch. */
  static double tracheaX(ChestGeometry g, double y) {
    return g.xm - 0.35 * g.aorta * Math.exp(-ChestGeometry.sq((y - g.yApex - 5) / 2.5));
  }

  /** Trachea runs obliquely backwards as it descends. */
  static double tracheaZ(ChestGeometry g, double y) {
    return g.zSpine + 2.6 * g.k + (g.yCarina - y) * 0.09;
  }
}
