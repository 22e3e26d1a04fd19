package io.medloom.phantom;

/**
 * Analytic 3-D chest model in centimetres. Axes: x = patient's left (+) / right (-), y = down from
 * the top edge of the 43 cm detector field, z = anterior (+) / posterior (-). Sides are encoded as
 * s = -1 (patient right) and s = +1 (patient left). Both renderers, the lesion placer and the
 * report zones read the same functions, so pixels, masks and text agree.
 */
final class ChestGeometry {
  static final double FOV = 43.0;

  final double k;
  final double xm; // mediastinum / spine centre line (shifted by rotation)
  final double yApex; // top of both lungs
  final double hl; // apex to right dome height
  final double yc; // row where the lung outline stops being the apical ellipse
  final double bTop; // vertical semi-axis of the apical ellipse
  final double lungDepth; // maximal AP air depth of a lung
  final double[] w = new double[2]; // lateral rib-cage half width per side
  final double[] cxL = new double[2]; // lung ellipse centre |x|
  final double[] aL = new double[2]; // lung ellipse lateral semi-axis
  final double[] yD = new double[2]; // dome peaks
  final double[] dLat = new double[2]; // dome drop towards the costophrenic angle
  final double dMed;
  final double trunkW; // skin half width of the trunk
  final double shoulderW;
  final double bodyDepth; // AP skin-to-skin depth
  final double aorta;
  final double yCarina;
  // Heart (PA): rotated ellipse in the x-y plane.
  final double xh;
  final double yh;
  final double ah;
  final double bh;
  final double heartDepth;
  final double cosH;
  final double sinH;
  final double ctrTarget;
  // Lateral model.
  final double zL; // lung centre in z
  final double azL; // lung AP semi-extent
  final double zSpine; // anterior face of the vertebral bodies
  final double zSternum;
  final double zh; // heart centre z on the lateral
  final double ahz; // heart AP semi-axis

  ChestGeometry(PatientModel p, Acquisition a, double ctr) {
    k = p.scale();
    double insp = Math.max(-1, Math.min(1.3, a.inspiration()));
    xm = a.rotation() * 1.1;
    double half = 14.0 * k;
    w[0] = half * (1 - 0.025 * a.rotation());
    w[1] = half * (1 + 0.025 * a.rotation());
    for (int i = 0; i < 2; i++) {
      cxL[i] = 0.515 * w[i];
      aL[i] = 0.485 * w[i];
    }
    yApex = 8.2 + a.offY() - 0.4 * insp;
    hl = (22.5 + 2.6 * insp) * k;
    yc = yApex + 0.56 * hl;
    bTop = 0.56 * hl;
    lungDepth = 13.0 * k;
    yD[0] = yApex + hl;
    yD[1] = yD[0] + 1.1 + 0.4 * Math.sin(p.number() * 1.7);
    dLat[0] = (3.0 + 0.9 * insp) * k;
    dLat[1] = dLat[0] * 1.05;
    dMed = 1.8 * k;
    trunkW = half + 1.6 + p.fat();
    shoulderW = half + 6.5 * k;
    bodyDepth = (21.0 * k + 1.8 * p.fat()) * (p.female() ? 0.95 : 1.0);
    aorta = p.aorta();
    yCarina = yApex + 7.0 * k;

    ctrTarget = ctr;
    double phi = 0.5;
    cosH = Math.cos(phi);
    sinH = Math.sin(phi);
    double hw = ctr * (w[0] + w[1]) / 2;
    bh = Math.min(5.4 * k, 0.88 * hw) * (ctr > 0.5 ? 1.1 : 1.0);
    ah = Math.sqrt(Math.max(bh * bh, (hw * hw - bh * bh * sinH * sinH) / (cosH * cosH)));
    xh = xm + 1.3 + 0.45 * (hw - 6.2 * k);
    yh = (yD[0] + yD[1]) / 2 + 0.3 * dMed - 0.62 * bh;
    heartDepth = 10.5 * k * (ctr > 0.5 ? 1.15 : 1.0);

    zL = -0.6 * k;
    azL = bodyDepth / 2 - 2.3 * k - 0.4 * p.fat();
    zSpine = -bodyDepth / 2 + 7.8 * k + 0.5 * p.fat();
    zSternum = bodyDepth / 2 - 1.4 - 0.6 * p.fat();
    ahz = 5.0 * k * Math.pow(ctr / 0.44, 0.8);
    zh = zSternum - 1.0 - 0.8 * ahz;
  }

  static int idx(int s) {
    return s < 0 ? 0 : 1;
  }

  /** Upper surface of the hemidiaphragm of side s at lateral position x (PA). */
  double dome(int s, double x) {
    int i = idx(s);
    double q = s * x;
    double xp = 0.95 * cxL[i];
    if (q >= xp) {
      double t = (q - xp) / (w[i] - xp);
      return yD[i] + dLat[i] * Math.pow(t, 2.4);
    }
    double t = Math.min(1.4, (xp - q) / xp);
    return yD[i] + dMed * t * t;
  }

  double domeAt(double x) {
    return dome(x < 0 ? -1 : 1, x);
  }

  /** The costophrenic angle: the lowest point of the lung field. */
  double yCp(int s) {
    return dome(s, s * w[idx(s)]);
  }

  /** Lateral half-width of the lung outline shrinks slightly towards the base. */
  double aLat(int s, double y) {
    double a = aL[idx(s)];
    return y <= yc ? a : a * (1 - 0.03 * (y - yc) / bTop);
  }

  /** Normalised radius^2 of the lung outline (&lt; 1 inside), ignoring medial/diaphragm cuts. */
  double lungR2(int s, double x, double y) {
    int i = idx(s);
    double u = (s * x - cxL[i]) / aLat(s, y);
    double v = y < yc ? (yc - y) / bTop : 0;
    return u * u + v * v;
  }

  /** Distance of the mediastinal border from the midline xm, towards side s. */
  double med(int s, double y) {
    double t = y - yApex;
    if (s < 0) {
      return (2.2 + 0.9 * smooth(3 * k, 11 * k, t) + 1.1 * smooth(11 * k, 15 * k, t)) * k;
    }
    double knob = 2.0 * aorta * Math.exp(-sq((t - 5.2 * k) / (1.8 * k)));
    double pa = 1.3 * Math.exp(-sq((t - 9.0 * k) / (1.6 * k)));
    return (2.0 + knob + pa + 2.2 * smooth(9.5 * k, 14.5 * k, t)) * k;
  }

  /** Normalised radius^2 of the (rotated) cardiac ellipse. */
  double heartR2(double x, double y) {
    double dx = x - xh;
    double dy = y - yh;
    double u = (dx * cosH + dy * sinH) / ah;
    double v = (-dx * sinH + dy * cosH) / bh;
    return u * u + v * v;
  }

  boolean inHeart(double x, double y) {
    return heartR2(x, y) < 1 && y < dome(1, Math.max(x, 0.01)) + 0.2;
  }

  boolean inLungField(int s, double x, double y) {
    return s * x > 0
        && lungR2(s, x, y) < 1
        && y < dome(s, x)
        && s * (x - xm) > med(s, y)
        && !inHeart(x, y);
  }

  /** Anatomical zone ("upper", "middle", "lower") by thirds of the lung height. */
  String zone(int s, double y) {
    double t = (y - yApex) / (yCp(s) - yApex);
    return t < 1.0 / 3 ? "upper" : t < 2.0 / 3 ? "middle" : "lower";
  }

  static String sideName(int s) {
    return s < 0 ? "right" : "left";
  }

  // ---- lateral projection -------------------------------------------------------------

  /** Hemidiaphragm of side s on the lateral: peak anterior of centre, deepest posteriorly. */
  double domeLat(int s, double z) {
    int i = idx(s);
    double zp = zL + 1.8 * k;
    if (z <= zp) {
      double t = (zp - z) / (zp - (zL - azL));
      return yD[i] + (dLat[i] + 1.8 * k) * Math.pow(Math.max(0, t), 2.2);
    }
    double t = (z - zp) / (zL + azL - zp);
    return yD[i] + 2.0 * k * t * t;
  }

  double lungLatR2(double z, double y) {
    double u = (z - zL) / azL;
    double v = y < yc ? (yc - y) / bTop : 0;
    return u * u + v * v;
  }

  boolean inLungLat(int s, double z, double y) {
    return lungLatR2(z, y) < 1 && y < domeLat(s, z) && !inHeartLat(z, y);
  }

  double heartLatR2(double z, double y) {
    double dz = z - zh;
    double dy = y - yh;
    double c = Math.cos(-0.5);
    double sn = Math.sin(-0.5);
    double v = (-dz * sn + dy * c) / bh;
    // Egg-shaped: broad base on the diaphragm, narrower towards the great vessels above.
    double u = (dz * c + dy * sn) / (ahz * (1 + 0.16 * Math.max(-1, Math.min(1, v))));
    return u * u + v * v;
  }

  boolean inHeartLat(double z, double y) {
    return heartLatR2(z, y) < 1 && y < domeLat(1, z) + 0.2;
  }

  /** Transverse (x) extent of one lung at height y, used as the lateral beam path length. */
  double lungWidth(int s, double y) {
    int i = idx(s);
    double v = y < yc ? (yc - y) / bTop : 0;
    double half = aLat(s, y) * Math.sqrt(Math.max(0, 1 - v * v));
    double lateral = cxL[i] + half;
    double medial = Math.max(cxL[i] - half, med(s, y) + s * xm);
    return Math.max(0, lateral - medial);
  }

  static double smooth(double e0, double e1, double x) {
    double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
    return t * t * (3 - 2 * t);
  }

  static double sq(double v) {
    return v * v;
  }
}
