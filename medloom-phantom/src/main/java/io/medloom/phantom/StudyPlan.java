package io.medloom.phantom;

import static io.medloom.phantom.PhantomFindings.*;

import io.medloom.phantom.Lesions.Consolidation;
import io.medloom.phantom.Lesions.Device;
import io.medloom.phantom.Lesions.Effusion;
import io.medloom.phantom.Lesions.Nodular;
import io.medloom.phantom.Lesions.Pneumothorax;
import io.medloom.phantom.Lesions.StudyTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything study-level: patient, acquisition, geometry and placed findings. A pure function of
 * (seed, patient, study), recomputed per render (cheap) instead of cached, so that the generator
 * holds no mutable state.
 */
record StudyPlan(
    PatientModel patient, Acquisition acquisition, ChestGeometry geometry, StudyTruth truth) {

  /** Per-finding probability within abnormal studies (about 60% of studies). */
  private static final double[] P = {0.25, 0.27, 0.15, 0.20, 0.15, 0.27, 0.22};

  static StudyPlan of(long seed, int patientNumber, int studyNumber) {
    PatientModel patient = PatientModel.of(seed, patientNumber);
    Acquisition acq = Acquisition.of(seed, patientNumber, studyNumber);
    SplittableRandom r = Seeds.rng(seed, Seeds.FINDINGS, patientNumber, studyNumber);
    boolean[] on = new boolean[FINDINGS.size()];
    if (r.nextDouble() >= 0.40) {
      boolean any = false;
      while (!any) {
        for (int i = 0; i < P.length; i++) {
          on[i + 1] = r.nextDouble() < P[i];
          any |= on[i + 1];
        }
      }
    }
    double ctr =
        on[1]
            ? Seeds.range(r, 0.55, 0.66)
            : Math.max(0.38, Math.min(0.47, patient.heartBase() + Seeds.range(r, -0.012, 0.012)));
    ChestGeometry g = new ChestGeometry(patient, acq, ctr);

    Nodular nodule = on[4] ? placeNodular(r, g, 0, Seeds.range(r, 0.3, 1.0), false) : null;
    Nodular mass = null;
    if (on[5]) {
      int avoid = nodule == null ? 0 : nodule.side();
      mass = placeNodular(r, g, -avoid, Seeds.range(r, 1.55, 3.3), true);
    }
    List<Effusion> effusions = new ArrayList<>();
    if (on[2]) {
      double u = r.nextDouble();
      if (u < 0.45 || u >= 0.8) {
        effusions.add(effusion(r, -1));
      }
      if (u >= 0.45) {
        effusions.add(effusion(r, 1));
      }
    }
    Pneumothorax ptx = null;
    if (on[3]) {
      double u = r.nextDouble();
      double gap =
          u < 0.45
              ? Seeds.range(r, 0.9, 1.6)
              : u < 0.85 ? Seeds.range(r, 1.8, 3.0) : Seeds.range(r, 3.2, 4.4);
      ptx =
          new Pneumothorax(
              r.nextBoolean() ? -1 : 1,
              gap,
              gap < 1.7 ? "small" : gap < 3.1 ? "moderate" : "large");
    }
    Consolidation cons = on[6] ? placeConsolidation(r, g) : null;
    List<Device> devices = on[7] ? Devices.place(r, g) : List.of();

    List<String> findings = new ArrayList<>();
    for (int i = 1; i < on.length; i++) {
      if (on[i]) {
        findings.add(FINDINGS.get(i));
      }
    }
    if (findings.isEmpty()) {
      findings.add(NO_FINDING);
    }
    StudyTruth truth =
        new StudyTruth(
            List.copyOf(findings), ctr, nodule, mass, List.copyOf(effusions), ptx, cons, devices);
    return new StudyPlan(patient, acq, g, truth);
  }

  private static Effusion effusion(SplittableRandom r, int side) {
    double u = r.nextDouble();
    double h =
        u < 0.45
            ? Seeds.range(r, 2.0, 3.2)
            : u < 0.85 ? Seeds.range(r, 3.6, 7.0) : Seeds.range(r, 7.5, 10.5);
    return new Effusion(side, h, h < 3.4 ? "small" : h < 7.2 ? "moderate" : "large");
  }

  /**
   * Places a sphere fully inside one lung field on the PA projection. The zone is chosen first and
   * the centre kept away from zone borders, so mask-based zone checks agree with the text.
   *
   * @param forceSide 0 = any side, otherwise that side
   */
  private static Nodular placeNodular(
      SplittableRandom r, ChestGeometry g, int forceSide, double radius, boolean lobulated) {
    for (int attempt = 0; attempt < 400; attempt++) {
      int s = forceSide != 0 ? forceSide : (r.nextBoolean() ? -1 : 1);
      double rr = attempt > 200 ? radius * 0.8 : radius;
      double zu = r.nextDouble();
      int zone = zu < 0.4 ? 0 : zu < 0.75 ? 1 : 2;
      double t = (zone + Seeds.range(r, 0.2, 0.8)) / 3;
      double y = g.yApex + t * (g.yCp(s) - g.yApex);
      double x = s * Seeds.range(r, 1.5, g.w[ChestGeometry.idx(s)]);
      if (fits(g, s, x, y, rr * 1.15)) {
        double z = g.zL + Seeds.range(r, -0.45, 0.45) * g.azL;
        return new Nodular(s, x, y, z, rr, g.zone(s, y), lobulated, r.nextLong());
      }
    }
    throw new IllegalStateException("could not place lesion");
  }

  private static boolean fits(ChestGeometry g, int s, double x, double y, double r) {
    for (int a = 0; a < 12; a++) {
      double th = a * Math.PI / 6;
      if (!g.inLungField(s, x + r * Math.cos(th), y + r * Math.sin(th))) {
        return false;
      }
    }
    return g.inLungField(s, x, y);
  }

  private static Consolidation placeConsolidation(SplittableRandom r, ChestGeometry g) {
    for (int attempt = 0; attempt < 400; attempt++) {
      int s = r.nextBoolean() ? -1 : 1;
      double zu = r.nextDouble();
      int zone = zu < 0.25 ? 0 : zu < 0.55 ? 1 : 2;
      double t = (zone + Seeds.range(r, 0.35, 0.65)) / 3;
      double y = g.yApex + t * (g.yCp(s) - g.yApex);
      double x = s * Seeds.range(r, 2.5, g.w[ChestGeometry.idx(s)]);
      double rx = Seeds.range(r, 2.2, 4.2) * g.k;
      double ry = Math.min(Seeds.range(r, 2.2, 4.5) * g.k, 0.12 * (g.yCp(s) - g.yApex));
      if (fits(g, s, x, y, 1.5) && g.lungR2(s, x, y) < 0.6) {
        double z = g.zL + Seeds.range(r, -0.4, 0.4) * g.azL;
        return new Consolidation(
            s, x, y, z, rx, ry, Seeds.range(r, 2.5, 4.5) * g.k, g.zone(s, y), r.nextLong());
      }
    }
    throw new IllegalStateException("could not place consolidation");
  }
}
