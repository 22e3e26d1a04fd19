package io.medloom.io.nifti;

/**
 * Voxel-to-world geometry: the 4x4 affine chosen the way NIfTI (and nibabel's {@code
 * get_best_affine}) choose it, and the axis codes in the manner of {@code nibabel.aff2axcodes}.
 */
final class NiftiGeometry {
  private NiftiGeometry() {}

  /**
   * sform when sform_code &gt; 0, else the qform quaternion when qform_code &gt; 0, else a plain
   * pixdim scaling. The last case is NIfTI "method 1" (diag(dx,dy,dz), origin at voxel 0); nibabel
   * instead returns an Analyze-style affine (x flipped, origin at the centre) there, which is a
   * guess the standard does not make.
   */
  static double[][] bestAffine(NiftiHeader h) {
    if (h.sformCode() > 0) {
      double[][] a = new double[4][];
      for (int r = 0; r < 3; r++) {
        a[r] = h.srow()[r].clone();
      }
      a[3] = new double[] {0, 0, 0, 1};
      return a;
    }
    if (h.qformCode() > 0) {
      return qform(h);
    }
    double[] p = h.pixdim();
    return new double[][] {
      {positiveOr1(p[1]), 0, 0, 0},
      {0, positiveOr1(p[2]), 0, 0},
      {0, 0, positiveOr1(p[3]), 0},
      {0, 0, 0, 1}
    };
  }

  /** The quaternion affine (NIfTI-1 "method 2"), computed as nibabel's {@code get_qform}. */
  static double[][] qform(NiftiHeader h) {
    double b = h.quatern()[0];
    double c = h.quatern()[1];
    double d = h.quatern()[2];
    // The header keeps only b,c,d of a unit quaternion; a is implied. Rounding of the stored floats
    // can make 1-(b²+c²+d²) slightly negative for 180° rotations: then a is 0 (as nibabel and
    // nifti1_io do) and quat2mat's normalisation absorbs the rest.
    double w2 = 1.0 - (b * b + c * c + d * d);
    double a = w2 > 0 ? Math.sqrt(w2) : 0.0;
    double nq = a * a + b * b + c * c + d * d;
    double[][] r = new double[3][3];
    if (nq < 1e-12) {
      r[0][0] = r[1][1] = r[2][2] = 1;
    } else {
      double s = 2.0 / nq;
      double x = b * s;
      double y = c * s;
      double z = d * s;
      r[0] = new double[] {1 - (c * y + d * z), b * y - a * z, b * z + a * y};
      r[1] = new double[] {b * y + a * z, 1 - (b * x + d * z), c * z - a * x};
      r[2] = new double[] {b * z - a * y, c * z + a * x, 1 - (b * x + c * y)};
    }
    double[] p = h.pixdim();
    // qfac (pixdim[0]) is ±1 and flips the third axis; 0 is a common sloppy value meaning 1.
    double qfac = p[0] < 0 ? -1 : 1;
    double[] zoom = {positiveOr1(p[1]), positiveOr1(p[2]), positiveOr1(p[3]) * qfac};
    double[][] m = new double[4][4];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i][j] = r[i][j] * zoom[j];
      }
      m[i][3] = h.qoffset()[i];
    }
    m[3][3] = 1;
    return m;
  }

  private static double positiveOr1(double v) {
    return v > 0 && Double.isFinite(v) ? v : 1.0;
  }

  /**
   * For each voxel axis (i, j, k) the world direction it increases towards, e.g. "LAS": like
   * nibabel's {@code aff2axcodes(affine)} ({@code io_orientation}): the columns are normalised, the
   * nearest orthogonal matrix is taken (the polar factor; nibabel gets it by SVD, here by Newton
   * iteration, which gives the same matrix), then each voxel axis in turn claims the world axis
   * with the largest |entry| not yet claimed. '?' marks an axis with no world direction (zero
   * column).
   */
  static String axisCodes(double[][] affine) {
    double[][] m = new double[3][3];
    for (int j = 0; j < 3; j++) {
      double norm = 0;
      for (int i = 0; i < 3; i++) {
        norm += affine[i][j] * affine[i][j];
      }
      norm = norm == 0 ? 1 : Math.sqrt(norm);
      for (int i = 0; i < 3; i++) {
        m[i][j] = affine[i][j] / norm;
      }
    }
    double[][] r = polar(m);
    char[][] labels = {{'L', 'R'}, {'P', 'A'}, {'I', 'S'}};
    StringBuilder codes = new StringBuilder();
    for (int j = 0; j < 3; j++) {
      int best = -1;
      double bestAbs = 0;
      for (int i = 0; i < 3; i++) {
        if (Math.abs(r[i][j]) > bestAbs) {
          bestAbs = Math.abs(r[i][j]);
          best = i;
        }
      }
      if (best < 0 || bestAbs < 1e-8) {
        codes.append('?');
        continue;
      }
      codes.append(labels[best][r[best][j] > 0 ? 1 : 0]);
      r[best] = new double[3]; // this world axis is taken
    }
    return codes.toString();
  }

  /** Orthogonal polar factor U·Vᵀ of m by Newton's iteration X ← (X + X⁻ᵀ)/2; m if singular. */
  private static double[][] polar(double[][] m) {
    double[][] x = copy(m);
    for (int iter = 0; iter < 100; iter++) {
      double[][] invT = inverseTranspose(x);
      if (invT == null) {
        return copy(m); // rank-deficient: fall back to the normalised columns themselves
      }
      double change = 0;
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          double next = 0.5 * (x[i][j] + invT[i][j]);
          change = Math.max(change, Math.abs(next - x[i][j]));
          x[i][j] = next;
        }
      }
      if (change < 1e-15) {
        break;
      }
    }
    return x;
  }

  private static double[][] inverseTranspose(double[][] a) {
    double c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1];
    double c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2];
    double c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0];
    double det = a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02;
    if (Math.abs(det) < 1e-12) {
      return null;
    }
    // Cofactor matrix / det is exactly the inverse transpose.
    double[][] cof = {
      {c00, c01, c02},
      {
        a[0][2] * a[2][1] - a[0][1] * a[2][2],
        a[0][0] * a[2][2] - a[0][2] * a[2][0],
        a[0][1] * a[2][0] - a[0][0] * a[2][1]
      },
      {
        a[0][1] * a[1][2] - a[0][2] * a[1][1],
        a[0][2] * a[1][0] - a[0][0] * a[1][2],
        a[0][0] * a[1][1] - a[0][1] * a[1][0]
      }
    };
    for (double[] row : cof) {
      for (int j = 0; j < 3; j++) {
        row[j] /= det;
      }
    }
    return cof;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
