package io.medloom.learn.seg;

import io.medloom.core.model.Box;
import java.util.ArrayList;
import java.util.List;

/**
 * Lung fields from a foreground map of a frontal chest film. The prediction is cut at the midline
 * (the centre of the film's content box) and the largest 8-connected piece on each side is that
 * side's lung: the image's left half holds the patient's right lung (radiological convention, PA
 * and AP alike). The cut keeps two lungs joined across the mediastinum apart; the largest piece
 * drops specks. That piece is then grown by hysteresis: every pixel above {@link #EDGE} on the same
 * side that is connected to it joins. The model's probability falls off over a few pixels at the
 * lung's border (it predicts at 96 px, resized back to the film), and a cut at 0.5 alone trims that
 * rim all round, so its boxes came out smaller than the lungs on every side; the low threshold
 * keeps the rim only where it touches confident lung, so it adds no new specks. {@link
 * #plausibility} judges the raw prediction, before any of this.
 */
public final class LungFields {
  private LungFields() {}

  /** Probability above which a pixel is lung. */
  static final float CORE = 0.5f;

  /** Probability above which a pixel joins the lung it touches (hysteresis). */
  static final float EDGE = 0.25f;

  /** One side's lung: its pixels (row-major over the whole image), box and mean probability. */
  public record Field(String label, boolean[] mask, Box box, int pixels, double confidence) {}

  /**
   * The lung of each side found in {@code prob} (w x h, probabilities of lung) thresholded at 0.5,
   * right lung first; a side with no foreground has none.
   */
  public static List<Field> of(float[] prob, int w, int h, Box content) {
    double mid = (content.x0() + content.x1()) / 2.0;
    List<Field> out = new ArrayList<>();
    for (String side : List.of("right", "left")) {
      boolean[] half = new boolean[w * h];
      boolean[] weak = new boolean[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          boolean imageLeft = x + 0.5 < mid;
          int i = y * w + x;
          boolean here = side.equals("right") == imageLeft;
          half[i] = prob[i] > CORE && here;
          weak[i] = prob[i] > EDGE && here;
        }
      }
      Components core = Components.of(half, w, h);
      if (core.count() == 0) {
        continue;
      }
      int seed = -1;
      for (int i = 0; i < half.length && seed < 0; i++) {
        if (core.label()[i] == core.largest()) {
          seed = i;
        }
      }
      // The core is connected and lies inside the weak set, so one weak piece holds all of it.
      Components c = Components.of(weak, w, h);
      int best = c.label()[seed];
      boolean[] m = c.mask(best);
      double sum = 0;
      for (int i = 0; i < m.length; i++) {
        if (m[i]) {
          sum += prob[i];
        }
      }
      out.add(new Field(side + " lung", m, c.box(best), c.size(best), sum / c.size(best)));
    }
    return out;
  }

  /**
   * The plausibility check on the raw thresholded prediction: exactly two pieces of at least 1% of
   * the content area, centroids on opposite sides of the midline, each covering 8–35% of the
   * content area and at least 40% of its height.
   *
   * @return empty when plausible, else the first reason it is not
   */
  public static String plausibility(float[] prob, int w, int h, Box content) {
    boolean[] fg = new boolean[w * h];
    for (int i = 0; i < fg.length; i++) {
      fg[i] = prob[i] > 0.5f;
    }
    Components c = Components.of(fg, w, h);
    double area = content.width() * (double) content.height();
    double mid = (content.x0() + content.x1()) / 2.0;
    List<Integer> big = new ArrayList<>();
    for (int k = 0; k < c.count(); k++) {
      if (c.size(k) >= 0.01 * area) {
        big.add(k);
      }
    }
    if (big.size() != 2) {
      return big.size() + " lung pieces, not 2";
    }
    boolean aLeft = c.centroidX(big.get(0)) < mid;
    boolean bLeft = c.centroidX(big.get(1)) < mid;
    if (aLeft == bLeft) {
      return "both pieces on one side of the midline";
    }
    for (int k : big) {
      double share = c.size(k) / area;
      if (share < 0.08 || share > 0.35) {
        return String.format(
            java.util.Locale.ROOT, "a piece covers %.1f%% of the film", 100 * share);
      }
      double tall = c.box(k).height() / (double) content.height();
      if (tall < 0.40) {
        return String.format(
            java.util.Locale.ROOT, "a piece spans %.0f%% of the film's height", 100 * tall);
      }
    }
    return "";
  }

  /** 8-connected components of a binary image, labelled by a flood fill. */
  record Components(int[] label, int w, int h, int[] sizes, Box[] boxes, double[] sumX) {
    static Components of(boolean[] fg, int w, int h) {
      int[] label = new int[w * h];
      java.util.Arrays.fill(label, -1);
      List<Integer> sizes = new ArrayList<>();
      List<Box> boxes = new ArrayList<>();
      List<Double> sumX = new ArrayList<>();
      int[] stack = new int[w * h];
      for (int start = 0; start < fg.length; start++) {
        if (!fg[start] || label[start] >= 0) {
          continue;
        }
        int id = sizes.size();
        int top = 0;
        stack[top++] = start;
        label[start] = id;
        int n = 0;
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        double sx = 0;
        while (top > 0) {
          int i = stack[--top];
          int x = i % w;
          int y = i / w;
          n++;
          sx += x + 0.5;
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int xx = x + dx;
              int yy = y + dy;
              if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
                continue;
              }
              int j = yy * w + xx;
              if (fg[j] && label[j] < 0) {
                label[j] = id;
                stack[top++] = j;
              }
            }
          }
        }
        sizes.add(n);
        boxes.add(new Box(x0, y0, x1 + 1, y1 + 1));
        sumX.add(sx);
      }
      return new Components(
          label,
          w,
          h,
          sizes.stream().mapToInt(Integer::intValue).toArray(),
          boxes.toArray(Box[]::new),
          sumX.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int count() {
      return sizes.length;
    }

    int size(int k) {
      return sizes[k];
    }

    Box box(int k) {
      return boxes[k];
    }

    double centroidX(int k) {
      return sumX[k] / sizes[k];
    }

    int largest() {
      int best = 0;
      for (int k = 1; k < sizes.length; k++) {
        if (sizes[k] > sizes[best]) {
          best = k;
        }
      }
      return best;
    }

    boolean[] mask(int k) {
      boolean[] m = new boolean[label.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = label[i] == k;
      }
      return m;
    }
  }
}
