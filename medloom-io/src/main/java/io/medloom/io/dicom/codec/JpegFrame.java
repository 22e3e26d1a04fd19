package io.medloom.io.dicom.codec;

/**
 * The frame header (SOFn, T.81 B.2.2) and, per component, the sampling factors and the planes the
 * scans decode into.
 */
final class JpegFrame {
  final int process; // the SOF marker's low nibble: 0, 1 (DCT sequential), 3 (lossless)
  final int precision;
  final int height;
  final int width;
  final Component[] components;
  final int hMax;
  final int vMax;
  final int mcusX;
  final int mcusY;

  static final class Component {
    final int id;
    final int h;
    final int v;
    final int tq;

    /** Samples per line and lines of this component (T.81 A.1.1). */
    final int width;

    final int height;

    /** Blocks per line and per column including the MCU padding. */
    int blocksX;

    int blocksY;
    int[] coefficients; // DCT: 64 per block
    int[] quant; // latched at the component's first scan
    int[] samples; // lossless: width*height
    int dcPredictor;

    Component(int id, int h, int v, int tq, int width, int height) {
      this.id = id;
      this.h = h;
      this.v = v;
      this.tq = tq;
      this.width = width;
      this.height = height;
    }
  }

  JpegFrame(int process, byte[] d, int p, int len) throws CodecException {
    this.process = process;
    if (len < 8) {
      throw new CodecException("JPEG frame header too short");
    }
    precision = d[p] & 0xff;
    height = (d[p + 1] & 0xff) << 8 | (d[p + 2] & 0xff);
    width = (d[p + 3] & 0xff) << 8 | (d[p + 4] & 0xff);
    int n = d[p + 5] & 0xff;
    if (height == 0 || width == 0 || n == 0 || len < 6 + 3 * n) {
      throw new CodecException(
          "JPEG frame header declares "
              + width
              + "x"
              + height
              + " with "
              + n
              + " components"
              + (height == 0 ? " (a DNL marker for the height is not supported)" : ""));
    }
    components = new Component[n];
    int hm = 1;
    int vm = 1;
    for (int i = 0; i < n; i++) {
      int q = p + 6 + 3 * i;
      int hv = d[q + 1] & 0xff;
      int h = hv >> 4;
      int v = hv & 15;
      if (h < 1 || h > 4 || v < 1 || v > 4) {
        throw new CodecException("JPEG component sampling factors " + h + "x" + v);
      }
      hm = Math.max(hm, h);
      vm = Math.max(vm, v);
      components[i] = new Component(d[q] & 0xff, h, v, d[q + 2] & 0xff, 0, 0);
    }
    hMax = hm;
    vMax = vm;
    int unit = process == 3 ? 1 : 8;
    mcusX = ceil(width, unit * hMax);
    mcusY = ceil(height, unit * vMax);
    for (int i = 0; i < n; i++) {
      Component c = components[i];
      Component sized =
          new Component(c.id, c.h, c.v, c.tq, ceil(width * c.h, hMax), ceil(height * c.v, vMax));
      sized.blocksX = mcusX * c.h;
      sized.blocksY = mcusY * c.v;
      components[i] = sized;
    }
  }

  Component component(int id) throws CodecException {
    for (Component c : components) {
      if (c.id == id) {
        return c;
      }
    }
    throw new CodecException("JPEG scan names component " + id + ", which the frame lacks");
  }

  static int ceil(int a, int b) {
    return (a + b - 1) / b;
  }
}
