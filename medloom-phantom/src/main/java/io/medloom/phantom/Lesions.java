package io.medloom.phantom;

import java.util.List;

/** Immutable 3-D specifications of the findings of one study (shared by PA and lateral). */
final class Lesions {
  private Lesions() {}

  /** Nodule or mass: a (possibly lobulated) soft-tissue sphere inside a lung. */
  record Nodular(
      int side,
      double x,
      double y,
      double z,
      double radius,
      String zone,
      boolean lobulated,
      long shapeKey) {
    int sizeMm() {
      return (int) Math.round(radius * 20);
    }

    String location() {
      return ChestGeometry.sideName(side) + " " + zone + " zone";
    }

    /** Boundary radius in direction theta; lobulation is part of the exact geometry. */
    double radiusAt(double theta) {
      if (!lobulated) {
        return radius;
      }
      double p1 = (shapeKey & 0xFF) / 40.0;
      double p2 = ((shapeKey >>> 8) & 0xFF) / 40.0;
      return radius * (1 + 0.10 * Math.sin(3 * theta + p1) + 0.06 * Math.sin(5 * theta + p2));
    }
  }

  /** Pleural effusion: fluid above the costophrenic angle of one side, height in cm. */
  record Effusion(int side, double height, String size) {
    String location() {
      return ChestGeometry.sideName(side)
          + ("small".equals(size) ? " costophrenic angle" : " lower zone");
    }
  }

  /** Apical pneumothorax; gap = apical distance between pleural line and chest wall, cm. */
  record Pneumothorax(int side, double gap, String size) {
    String location() {
      return ChestGeometry.sideName(side) + " apex";
    }
  }

  /** Patchy airspace opacity: noise-textured blob within an ellipsoid. */
  record Consolidation(
      int side,
      double x,
      double y,
      double z,
      double rx,
      double ry,
      double rz,
      String zone,
      long key) {
    String location() {
      return ChestGeometry.sideName(side) + " " + zone + " zone";
    }
  }

  /** Radiopaque tube or line: a 3-D polyline with constant radius. */
  record Device(
      String name,
      String access,
      String tip,
      double[] x,
      double[] y,
      double[] z,
      double radius,
      double mu,
      boolean hollow) {}

  /** Truth of one study: sorted findings plus the geometry of each instance. */
  record StudyTruth(
      List<String> findings,
      double ctr,
      Nodular nodule,
      Nodular mass,
      List<Effusion> effusions,
      Pneumothorax pneumothorax,
      Consolidation consolidation,
      List<Device> devices) {
    boolean has(String finding) {
      return findings.contains(finding);
    }
  }
}
