package io.medloom.learn.seg;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Roi;
import io.medloom.core.transform.Geometry;
import io.medloom.core.transform.Keyed;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The segmentation samples of one split: each image's target is the union of its regions that came
 * from a mask ({@code origin=mask}), restricted to {@code roiLabels} when given. Images without
 * such a region are left out and counted unless {@code withEmpty} (then their target is empty).
 * Image and mask are resized together (the keyed transform: bilinear image, nearest mask).
 */
public final class SegData {
  private SegData() {}

  /** The samples, and how many rows were read and left out: read = samples + without + blank. */
  public record Loaded(List<SegSample> samples, int read, int withoutRegion, int blank) {}

  public static final Set<Column> COLUMNS = Set.of(Column.IMAGE, Column.MASKS);

  public static Loaded load(SampleReader r, Set<String> roiLabels, int size, boolean withEmpty)
      throws IOException {
    return load(r, roiLabels, Set.of(), size, withEmpty);
  }

  /**
   * As {@link #load(SampleReader, Set, int, boolean)}, only images of {@code views} (all when
   * empty); an image of another view counts as without a region.
   */
  public static Loaded load(
      SampleReader r, Set<String> roiLabels, Set<String> views, int size, boolean withEmpty)
      throws IOException {
    List<SegSample> out = new ArrayList<>();
    int without = 0;
    int blank = 0;
    for (int p = 0; p < r.size(); p++) {
      SampleRecord s = r.get(p, COLUMNS);
      if (s.image().isEmpty() || s.width() == 0) {
        blank++;
        continue;
      }
      if (!views.isEmpty() && !views.contains(s.view())) {
        without++;
        continue;
      }
      Raster img = s.image().get().toGray();
      BitMask union = target(s, roiLabels, img.width(), img.height());
      if (union == null) {
        if (!withEmpty) {
          without++;
          continue;
        }
        union = BitMask.wrap(img.width(), img.height(), new byte[img.width() * img.height()]);
      }
      Keyed k = Geometry.resize(new Keyed(img, List.of(union)), size, size);
      out.add(new SegSample(p, s.id(), s.patientKey(), k.image(), k.masks().get(0)));
    }
    return new Loaded(List.copyOf(out), r.size(), without, blank);
  }

  /** The union of the matching mask regions at the image's size, or null when there is none. */
  static BitMask target(SampleRecord s, Set<String> roiLabels, int w, int h) {
    byte[] bits = null;
    for (Roi roi : s.rois()) {
      if (!"mask".equals(roi.origin()) || roi.mask().isEmpty()) {
        continue;
      }
      if (!roiLabels.isEmpty() && !roiLabels.contains(roi.label())) {
        continue;
      }
      BitMask m = roi.mask().get();
      if (m.width() != w || m.height() != h) {
        continue;
      }
      if (bits == null) {
        bits = new byte[w * h];
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (m.get(x, y)) {
            bits[y * w + x] = 1;
          }
        }
      }
    }
    return bits == null ? null : BitMask.wrap(w, h, bits);
  }

  /** The mask as booleans, row-major. */
  public static boolean[] bools(BitMask m) {
    boolean[] out = new boolean[m.width() * m.height()];
    for (int y = 0; y < m.height(); y++) {
      for (int x = 0; x < m.width(); x++) {
        out[y * m.width() + x] = m.get(x, y);
      }
    }
    return out;
  }

  public static BitMask mask(boolean[] b, int w, int h) {
    byte[] bits = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      bits[i] = (byte) (b[i] ? 1 : 0);
    }
    return BitMask.wrap(w, h, bits);
  }
}
