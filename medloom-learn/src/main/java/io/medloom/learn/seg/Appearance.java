package io.medloom.learn.seg;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.transform.Augmentation;
import io.medloom.core.transform.Geometry;
import io.medloom.core.transform.Intensity;
import io.medloom.core.transform.Keyed;
import io.medloom.core.transform.RandomTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How much a training image's look is randomised. {@code standard}: the mild augmentation every
 * segmentation run uses. {@code strong}: for a model trained on one kind of image (the phantom's
 * films) and applied to another (real films) — a wide random crop and zoom-out (the thorax filling
 * 55–100% of the frame, as on real films, which are cropped from papers or include the neck and
 * abdomen), wide contrast, gamma and brightness changes, CLAHE a third of the time, bright
 * opacities over the target half of the time ({@link #opacities}), a Gaussian blur of up to 2 px
 * and noise of up to 12 gray levels; and the network sees every image standardised to its own mean
 * and spread instead of the training set's, so a film's overall exposure carries no information the
 * phantom could have taught wrongly.
 */
public enum Appearance {
  STANDARD,
  STRONG;

  static final Augmentation MILD = new Augmentation(0.85, 1.15, 10, 0.1, 0.15, 0.15, 0, 0, true);
  static final Augmentation WIDE = new Augmentation(0.55, 1.3, 8, 0.2, 0.5, 0.7, 0.33, 0, false);

  public static Appearance parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "standard" -> STANDARD;
      case "strong" -> STRONG;
      default ->
          throw new IllegalArgumentException("appearance must be standard or strong: '" + s + "'");
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether each image is standardised to its own mean and spread (see {@link #input}). */
  public boolean perImage() {
    return this == STRONG;
  }

  /** The largest rotation, ± degrees, of the training transform. */
  public double rotationDegrees() {
    return (this == STANDARD ? MILD : WIDE).rotationDegrees();
  }

  /** The training transform to {@code size x size}. */
  RandomTransform training(int size, boolean flipSafe) {
    if (this == STANDARD) {
      return MILD.training(size, flipSafe);
    }
    RandomTransform zoom = (in, rng) -> zoomOut(in, 0.7 + 0.3 * rng.nextDouble(), rng);
    RandomTransform blur = (in, rng) -> in.withImage(blur(in.image(), 2.0 * rng.nextDouble()));
    RandomTransform noise =
        (in, rng) -> in.withImage(Intensity.noise(in.image(), 12 * rng.nextDouble(), rng));
    RandomTransform opacity = Appearance::opacities;
    return zoom.withProbability(0.5)
        .then(WIDE.training(size, flipSafe))
        .then(opacity.withProbability(0.5))
        .then(blur.withProbability(0.7))
        .then(noise.withProbability(0.7));
  }

  /**
   * One to three smooth bright patches centred on random pixels of the target (its first mask),
   * each a Gaussian of 6–25% of the image side and 40–140 gray levels at its peak: consolidation
   * and effusion whiten the lung fields of real films far more than the phantom's findings do, and
   * a lung must stay a lung when it is white. Without a target pixel the image is unchanged.
   */
  static Keyed opacities(Keyed in, SplittableRandom rng) {
    if (in.masks().isEmpty()) {
      return in;
    }
    BitMask m = in.masks().get(0);
    int w = m.width();
    int h = m.height();
    int n = m.count();
    if (n == 0) {
      return in;
    }
    double[] add = new double[w * h];
    int blobs = 1 + rng.nextInt(3);
    for (int b = 0; b < blobs; b++) {
      int pick = rng.nextInt(n);
      int cx = 0;
      int cy = 0;
      for (int i = 0, seen = 0; i < w * h; i++) {
        if (m.get(i % w, i / w) && seen++ == pick) {
          cx = i % w;
          cy = i / w;
          break;
        }
      }
      double sigma = (0.06 + 0.19 * rng.nextDouble()) * Math.max(w, h);
      double amp = 40 + 100 * rng.nextDouble();
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double d2 = (x - cx) * (double) (x - cx) + (y - cy) * (double) (y - cy);
          add[y * w + x] += amp * Math.exp(-d2 / (2 * sigma * sigma));
        }
      }
    }
    byte[] px = in.image().pixels();
    byte[] out = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = (byte) Math.min(255, Math.round((px[i] & 0xff) + add[i]));
    }
    return in.withImage(new Raster(w, h, 1, out));
  }

  /**
   * The image shrunk by {@code scale} and placed at a random spot on a background of its own
   * border's mean gray (masks on empty), so the frame holds more than the thorax.
   */
  static Keyed zoomOut(Keyed in, double scale, SplittableRandom rng) {
    Raster img = in.image();
    int w = img.width();
    int h = img.height();
    int sw = Math.max(1, (int) Math.round(w * scale));
    int sh = Math.max(1, (int) Math.round(h * scale));
    Keyed small = Geometry.resize(in, sw, sh);
    int x0 = rng.nextInt(w - sw + 1);
    int y0 = rng.nextInt(h - sh + 1);
    byte fill = (byte) borderMean(small.image());
    byte[] px = new byte[w * h];
    java.util.Arrays.fill(px, fill);
    byte[] sp = small.image().pixels();
    for (int y = 0; y < sh; y++) {
      System.arraycopy(sp, y * sw, px, (y0 + y) * w + x0, sw);
    }
    List<BitMask> masks = new ArrayList<>();
    for (BitMask m : small.masks()) {
      byte[] bits = new byte[w * h];
      for (int y = 0; y < sh; y++) {
        for (int x = 0; x < sw; x++) {
          if (m.get(x, y)) {
            bits[(y0 + y) * w + x0 + x] = 1;
          }
        }
      }
      masks.add(BitMask.wrap(w, h, bits));
    }
    return new Keyed(new Raster(w, h, 1, px), masks);
  }

  private static int borderMean(Raster r) {
    long sum = 0;
    int n = 0;
    byte[] p = r.pixels();
    int w = r.width();
    int h = r.height();
    for (int x = 0; x < w; x++) {
      sum += (p[x] & 0xff) + (p[(h - 1) * w + x] & 0xff);
      n += 2;
    }
    for (int y = 0; y < h; y++) {
      sum += (p[y * w] & 0xff) + (p[y * w + w - 1] & 0xff);
      n += 2;
    }
    return (int) (sum / n);
  }

  /** A separable Gaussian blur of a gray image (edges clamped); sigma below 0.3 px is a copy. */
  static Raster blur(Raster r, double sigma) {
    if (sigma < 0.3) {
      return r;
    }
    int rad = (int) Math.ceil(2.5 * sigma);
    double[] k = new double[2 * rad + 1];
    double total = 0;
    for (int i = -rad; i <= rad; i++) {
      k[i + rad] = Math.exp(-i * i / (2 * sigma * sigma));
      total += k[i + rad];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= total;
    }
    int w = r.width();
    int h = r.height();
    byte[] p = r.pixels();
    double[] tmp = new double[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = 0;
        for (int i = -rad; i <= rad; i++) {
          int xx = Math.min(w - 1, Math.max(0, x + i));
          v += k[i + rad] * (p[y * w + xx] & 0xff);
        }
        tmp[y * w + x] = v;
      }
    }
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = 0;
        for (int i = -rad; i <= rad; i++) {
          int yy = Math.min(h - 1, Math.max(0, y + i));
          v += k[i + rad] * tmp[yy * w + x];
        }
        out[y * w + x] = (byte) Math.min(255, Math.max(0, Math.round(v)));
      }
    }
    return new Raster(w, h, 1, out);
  }

  /**
   * The network's input: with per-image standardisation, (v − mean) / std of this image's own
   * pixels; otherwise the training set's normalisation.
   */
  static float[] input(Raster gray, io.medloom.learn.data.Normalization n, boolean perImage) {
    if (!perImage) {
      return SegModel.floats(gray, n);
    }
    byte[] px = gray.pixels();
    double sum = 0;
    double sq = 0;
    for (byte b : px) {
      double v = (b & 0xff) / 255.0;
      sum += v;
      sq += v * v;
    }
    double mean = sum / px.length;
    double std = Math.sqrt(Math.max(1e-4, sq / px.length - mean * mean));
    float[] out = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = (float) (((px[i] & 0xff) / 255.0 - mean) / std);
    }
    return out;
  }
}
