package io.medloom.annotate;

/**
 * Shape measurements of one mask.
 *
 * @param area pixel count
 * @param cx centroid x (pixel centres)
 * @param cy centroid y
 * @param perimeter Cauchy-Crofton estimate (see Masks.perimeter)
 * @param circularity 4*pi*A/P^2, capped at 1 (small digital discs can exceed it slightly)
 * @param elongation major/minor axis ratio from the second moments, >= 1
 */
public record RoiGeometry(
    int area, double cx, double cy, double perimeter, double circularity, double elongation) {

  public static RoiGeometry of(byte[] m, int w, int h) {
    long n = 0;
    double sx = 0;
    double sy = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (m[y * w + x] != 0) {
          n++;
          sx += x;
          sy += y;
        }
      }
    }
    if (n == 0) {
      return new RoiGeometry(0, Double.NaN, Double.NaN, 0, 0, 1);
    }
    double cx = sx / n;
    double cy = sy / n;
    double mxx = 0;
    double myy = 0;
    double mxy = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (m[y * w + x] != 0) {
          mxx += (x - cx) * (x - cx);
          myy += (y - cy) * (y - cy);
          mxy += (x - cx) * (y - cy);
        }
      }
    }
    // +1/12 per axis: the variance of a unit pixel, so a single pixel is not infinitely thin.
    mxx = mxx / n + 1.0 / 12;
    myy = myy / n + 1.0 / 12;
    mxy /= n;
    double tr = (mxx + myy) / 2;
    double det = Math.sqrt(Math.max(0, (mxx - myy) * (mxx - myy) / 4 + mxy * mxy));
    double elong = Math.sqrt((tr + det) / Math.max(1e-9, tr - det));
    double p = Masks.perimeter(m, w, h);
    double circ = p <= 0 ? 0 : Math.min(1.0, 4 * Math.PI * n / (p * p));
    return new RoiGeometry((int) n, cx, cy, p, circ, elong);
  }
}
