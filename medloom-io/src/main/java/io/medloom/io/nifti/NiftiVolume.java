package io.medloom.io.nifti;

import java.util.Locale;

/**
 * A NIfTI volume read by {@link NiftiReader}: header essentials plus all voxel values as floats.
 *
 * @param nx voxels along i (dim[1])
 * @param ny voxels along j (dim[2]; 1 if absent)
 * @param nz voxels along k (dim[3]; 1 if absent)
 * @param nt volumes (dim[4]; 1 if absent)
 * @param channels 3 for RGB24, else 1
 * @param pixdim voxel size {dx, dy, dz} as stored (pixdim[1..3], normally mm)
 * @param datatype the NIfTI datatype code as stored (e.g. 4 = int16)
 * @param data scaled values ({@code raw * scl_slope + scl_inter} when slope is neither 0 nor NaN),
 *     x fastest, then y, z, t; RGB channels interleaved innermost. int32/uint32/int64/float64
 *     values are rounded to the nearest float. NaN and ±inf are kept (see {@link #hasNonFinite()}).
 * @param affine 4x4 voxel → world (RAS+, mm): sform if sform_code &gt; 0, else qform if qform_code
 *     &gt; 0, else diag(dx, dy, dz, 1)
 * @param axisCodes the world direction each voxel axis increases towards, as {@code
 *     nibabel.aff2axcodes} reports it (e.g. "RAS", "LAS", "LPS")
 * @param description the header's descrip (up to the first NUL)
 * @param integerData true when every value is an integer by construction: an integer datatype whose
 *     scaling (if any) has integral slope and intercept
 */
public record NiftiVolume(
    int nx,
    int ny,
    int nz,
    int nt,
    int channels,
    double[] pixdim,
    int datatype,
    float[] data,
    double[][] affine,
    String axisCodes,
    String description,
    boolean integerData) {

  /**
   * One 2-D display slice; {@code values[(row * width + col) * channels + c]}, row 0 at the top.
   */
  public record Slice(int width, int height, float[] values) {}

  public NiftiVolume {
    if (nx < 1 || ny < 1 || nz < 1 || nt < 1 || channels < 1) {
      throw new IllegalArgumentException(
          "dims must be >= 1: " + nx + "x" + ny + "x" + nz + "x" + nt + " c" + channels);
    }
    long n = (long) nx * ny * nz * nt * channels;
    if (data.length != n) {
      throw new IllegalArgumentException("data has " + data.length + " values, dims say " + n);
    }
  }

  /** Voxels (not values: RGB counts one per voxel). */
  public long voxelCount() {
    return (long) nx * ny * nz * nt;
  }

  /** The value at (x, y, z, t) of a single-channel volume. */
  public float get(int x, int y, int z, int t) {
    if (channels != 1) {
      throw new IllegalStateException(
          "volume has " + channels + " channels; use get(x, y, z, t, channel)");
    }
    return get(x, y, z, t, 0);
  }

  public float get(int x, int y, int z, int t, int channel) {
    check("x", x, nx);
    check("y", y, ny);
    check("z", z, nz);
    check("t", t, nt);
    check("channel", channel, channels);
    return data[index(x, y, z, t) * channels + channel];
  }

  private int index(int x, int y, int z, int t) {
    return ((t * nz + z) * ny + y) * nx + x;
  }

  private static void check(String name, int v, int n) {
    if (v < 0 || v >= n) {
      throw new IndexOutOfBoundsException(name + " = " + v + " outside [0, " + n + ")");
    }
  }

  /** True if any value is NaN or infinite. */
  public boolean hasNonFinite() {
    for (float v : data) {
      if (!Float.isFinite(v)) {
        return true;
      }
    }
    return false;
  }

  /** Number of slices in a plane: the length of the voxel axis that runs through it. */
  public int sliceCount(String plane) {
    return dimOf(throughAxis(plane));
  }

  /**
   * A 2-D slice in radiological display orientation, whatever the voxel order on disk:
   *
   * <ul>
   *   <li>axial: patient anterior at the top, patient right on the image left (viewed from the
   *       feet);
   *   <li>coronal: superior at the top, patient right on the image left (viewed from the front);
   *   <li>sagittal: superior at the top, anterior on the image left (viewed from the patient's
   *       left).
   * </ul>
   *
   * The planes are picked by the {@link #axisCodes()}: "axial" is the voxel axis that runs S/I, and
   * so on; each in-plane voxel axis is flipped when it runs opposite to the display direction (e.g.
   * an "R" axis is reversed so that columns go from patient right to left). Planes therefore follow
   * the nearest world axes; oblique data is not resampled.
   *
   * @param index voxel index along the through-plane voxel axis, in file order (0 .. sliceCount-1)
   * @param t volume index
   */
  public Slice slice(String plane, int index, int t) {
    int through = throughAxis(plane);
    check(plane + " index", index, dimOf(through));
    check("t", t, nt);
    String p = plane.toLowerCase(Locale.ROOT);
    // Each display direction names the world letter at image left / image top.
    char colStart = p.equals("sagittal") ? 'A' : 'R';
    char rowStart = p.equals("axial") ? 'A' : 'S';
    int colAxis = axisFor(p.equals("sagittal") ? "AP" : "RL");
    int rowAxis = axisFor(p.equals("axial") ? "AP" : "SI");
    int w = dimOf(colAxis);
    int h = dimOf(rowAxis);
    // An axis whose code is the letter shown at the image start increases *towards* that start,
    // so display position 0 is its last voxel.
    boolean flipCol = axisCodes.charAt(colAxis) == colStart;
    boolean flipRow = axisCodes.charAt(rowAxis) == rowStart;
    float[] out = new float[w * h * channels];
    int[] v = new int[3];
    v[through] = index;
    for (int row = 0; row < h; row++) {
      v[rowAxis] = flipRow ? h - 1 - row : row;
      for (int col = 0; col < w; col++) {
        v[colAxis] = flipCol ? w - 1 - col : col;
        int src = index(v[0], v[1], v[2], t) * channels;
        System.arraycopy(data, src, out, (row * w + col) * channels, channels);
      }
    }
    return new Slice(w, h, out);
  }

  private int throughAxis(String plane) {
    switch (plane == null ? "" : plane.toLowerCase(Locale.ROOT)) {
      case "axial":
        return axisFor("SI");
      case "coronal":
        return axisFor("AP");
      case "sagittal":
        return axisFor("RL");
      default:
        throw new IllegalArgumentException(
            "unknown plane '" + plane + "', expected axial, coronal or sagittal");
    }
  }

  /** The voxel axis (0, 1, 2) whose code is one of the two letters. */
  private int axisFor(String letters) {
    for (int i = 0; i < 3; i++) {
      if (letters.indexOf(axisCodes.charAt(i)) >= 0) {
        return i;
      }
    }
    throw new IllegalStateException(
        "axis codes '" + axisCodes + "' have no " + letters + " axis; cannot orient a slice");
  }

  private int dimOf(int axis) {
    return axis == 0 ? nx : axis == 1 ? ny : nz;
  }

  @Override
  public String toString() {
    return "NiftiVolume["
        + nx
        + "x"
        + ny
        + "x"
        + nz
        + "x"
        + nt
        + (channels > 1 ? " c" + channels : "")
        + ", datatype "
        + datatype
        + ", "
        + axisCodes
        + ", '"
        + description
        + "']";
  }
}
