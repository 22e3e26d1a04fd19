package io.medloom.annotate;

import io.medloom.core.image.BitMask;
import io.medloom.core.model.Roi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a mask ROI into its 8-connected components, one ROI per component.
 *
 * <p>Speck rule: a component with fewer than {@code max(16 px, 0.05% of the image)} pixels is a
 * speck (annotation noise: a stray brush stroke, a resampling fragment) and is dropped; the kept
 * ROIs record how many were dropped in {@code specks_dropped}. A mask none of whose components
 * reaches that size is a small annotated finding, not noise around a larger one, and is kept whole
 * and unchanged. When one component remains it keeps the original id (no suffix); several become
 * {@code <id>-1}, {@code <id>-2}, ... in raster order of their first pixel, each with {@code
 * component} = its index. Box and area fraction are recomputed from each component's own mask.
 *
 * <p>Whenever the drawn mask has more than one piece, each resulting ROI records {@value #SHARE}:
 * its pixels over all the drawn mask's pixels (specks included); a mask kept whole records its
 * largest piece's share. The description's confidence uses it ({@link WordConfidence}).
 */
final class MaskComponents {
  static final int MIN_SPECK_PIXELS = 16;
  static final double MIN_SPECK_FRACTION = 0.0005;
  static final String SHARE = "component_share";

  private MaskComponents() {}

  /** Components smaller than this many pixels are specks. */
  static int minPixels(int w, int h) {
    return Math.max(MIN_SPECK_PIXELS, (int) Math.ceil(MIN_SPECK_FRACTION * w * h));
  }

  /** Should this ROI be split: a finding (not anatomy) drawn as an exact mask. */
  static boolean applies(Roi r) {
    return r.origin().equals("mask") && r.mask().isPresent() && !Anatomy.isAnatomy(r);
  }

  static List<Roi> split(Roi r) {
    if (!applies(r)) {
      return List.of(r);
    }
    BitMask bm = r.mask().get();
    int w = bm.width();
    int h = bm.height();
    byte[] m = bm.toBytes();
    int[] lab = new int[w * h];
    List<Integer> sizes = new ArrayList<>();
    int[] stack = new int[w * h];
    for (int i = 0; i < m.length; i++) {
      if (m[i] == 0 || lab[i] != 0) {
        continue;
      }
      int id = sizes.size() + 1;
      int top = 0;
      stack[top++] = i;
      lab[i] = id;
      int n = 0;
      while (top > 0) {
        int p = stack[--top];
        n++;
        int px = p % w;
        int py = p / w;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int x = px + dx;
            int y = py + dy;
            if (x >= 0 && y >= 0 && x < w && y < h) {
              int q = y * w + x;
              if (m[q] != 0 && lab[q] == 0) {
                lab[q] = id;
                stack[top++] = q;
              }
            }
          }
        }
      }
      sizes.add(n);
    }
    if (sizes.size() <= 1) {
      return List.of(r);
    }
    int total = sizes.stream().mapToInt(Integer::intValue).sum();
    int min = minPixels(w, h);
    List<Integer> kept = new ArrayList<>();
    for (int c = 0; c < sizes.size(); c++) {
      if (sizes.get(c) >= min) {
        kept.add(c + 1);
      }
    }
    if (kept.isEmpty()) {
      int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(total);
      Map<String, String> a = new TreeMap<>(r.attributes());
      a.put(SHARE, RoiAttributes.num(largest / (double) total));
      return List.of(
          new Roi(
              r.id(),
              r.label(),
              r.box(),
              r.mask(),
              r.areaFraction(),
              r.origin(),
              r.confidence(),
              a));
    }
    int specks = sizes.size() - kept.size();
    List<Roi> out = new ArrayList<>();
    for (int k = 0; k < kept.size(); k++) {
      int c = kept.get(k);
      byte[] cm = new byte[w * h];
      for (int i = 0; i < lab.length; i++) {
        if (lab[i] == c) {
          cm[i] = 1;
        }
      }
      Map<String, String> a = new TreeMap<>(r.attributes());
      String id = r.id();
      if (kept.size() > 1) {
        id = r.id() + "-" + (k + 1);
        a.put("component", Integer.toString(k + 1));
      }
      if (specks > 0) {
        a.put("specks_dropped", Integer.toString(specks));
      }
      a.put(SHARE, RoiAttributes.num(sizes.get(c - 1) / (double) total));
      Roi base = Roi.fromMask(id, r.label(), BitMask.wrap(w, h, cm), r.origin(), a).orElseThrow();
      out.add(
          new Roi(
              base.id(),
              base.label(),
              base.box(),
              base.mask(),
              base.areaFraction(),
              base.origin(),
              r.confidence(),
              base.attributes()));
    }
    return out;
  }
}
