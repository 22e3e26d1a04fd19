package io.medloom.phantom;

/**
 * Maps pixel indices of an n*n detector to image-plane centimetres: u grows to the image right, y
 * grows downwards. On a PA view u equals body x (patient's left is on the image right).
 */
final class Frame {
  final int n;
  final double pix;
  final double u0;
  final double y0;

  Frame(int n, double offU) {
    this(n, offU, ChestGeometry.FOV, 0);
  }

  /** A frame covering fov cm, starting yTop cm below the PA field's top edge. */
  Frame(int n, double offU, double fov, double yTop) {
    this.n = n;
    this.pix = fov / n;
    this.u0 = -fov / 2 + pix / 2 - offU;
    this.y0 = yTop + pix / 2;
  }

  double u(int i) {
    return u0 + i * pix;
  }

  double y(int j) {
    return y0 + j * pix;
  }

  int colFloor(double u) {
    return clamp((int) Math.floor((u - u0) / pix));
  }

  int colCeil(double u) {
    return clamp((int) Math.ceil((u - u0) / pix));
  }

  int rowFloor(double y) {
    return clamp((int) Math.floor((y - y0) / pix));
  }

  int rowCeil(double y) {
    return clamp((int) Math.ceil((y - y0) / pix));
  }

  private int clamp(int v) {
    return Math.max(0, Math.min(n - 1, v));
  }
}
