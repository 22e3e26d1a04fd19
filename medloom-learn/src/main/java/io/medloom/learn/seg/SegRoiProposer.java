package io.medloom.learn.seg;

import io.medloom.core.image.Raster;
import io.medloom.core.image.RegionLocation;
import io.medloom.core.image.Resampler;
import io.medloom.core.model.Box;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.pipeline.RoiProposer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A segmentation model as a region proposer ({@code annotate --roi-model}). The film's content box
 * (the letterbox padding cut away, {@link RegionLocation#contentBox}) is resized to the model's
 * side, predicted, and the probabilities resized back. A lung model (trained on {@code right lung}
 * and {@code left lung}) gives one region per side on frontal views ({@link LungFields}) and
 * nothing on other views; any other model gives one region per connected piece of at least 0.1% of
 * the image, labelled with its single training label (or {@code lesion}). A region's confidence is
 * the mean predicted probability over its pixels.
 */
public final class SegRoiProposer implements RoiProposer, AutoCloseable {
  static final Set<String> LUNGS = Set.of("right lung", "left lung");

  private final SegModel model;
  private final String name;
  private final boolean lungs;
  private final String label;

  private SegRoiProposer(SegModel model, String name) {
    this.model = model;
    this.name = name;
    Set<String> trained = Set.copyOf(model.info().roiLabels());
    this.lungs = trained.equals(LUNGS);
    this.label = trained.size() == 1 ? trained.iterator().next() : "lesion";
  }

  /** The finished model in {@code folder}; its name is the folder's name. */
  public static SegRoiProposer load(Path folder) throws IOException {
    Path abs = folder.toAbsolutePath().normalize();
    String n = abs.getFileName() == null ? "seg" : abs.getFileName().toString();
    return new SegRoiProposer(SegModel.load(folder), n.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> labels() {
    return lungs ? LUNGS : model.info().roiLabels().size() == 1 ? Set.of(label) : Set.of();
  }

  /** The lung probabilities of {@code gray} at its own size, 0 outside {@code content}. */
  public float[] probabilities(Raster gray, Box content) {
    int w = gray.width();
    int cw = content.width();
    int ch = content.height();
    byte[] px = gray.pixels();
    byte[] crop = new byte[cw * ch];
    for (int y = 0; y < ch; y++) {
      System.arraycopy(px, (content.y0() + y) * w + content.x0(), crop, y * cw, cw);
    }
    int s = model.size();
    Raster small = Resampler.resize(new Raster(cw, ch, 1, crop), s, s);
    float[] p;
    synchronized (model) { // one native model, possibly several annotate threads
      p = model.foreground(model.floats(small), 1);
    }
    float[] out = new float[w * gray.height()];
    for (int y = 0; y < ch; y++) {
      double sy = Math.min(s - 1, Math.max(0, (y + 0.5) * s / ch - 0.5));
      int y0 = (int) sy;
      int y1 = Math.min(s - 1, y0 + 1);
      double fy = sy - y0;
      for (int x = 0; x < cw; x++) {
        double sx = Math.min(s - 1, Math.max(0, (x + 0.5) * s / cw - 0.5));
        int x0 = (int) sx;
        int x1 = Math.min(s - 1, x0 + 1);
        double fx = sx - x0;
        double v =
            (1 - fy) * ((1 - fx) * p[y0 * s + x0] + fx * p[y0 * s + x1])
                + fy * ((1 - fx) * p[y1 * s + x0] + fx * p[y1 * s + x1]);
        out[(content.y0() + y) * w + content.x0() + x] = (float) v;
      }
    }
    return out;
  }

  /** Whether the lung model applies to a view (frontal views only). */
  public static boolean frontal(String view) {
    return RegionLocation.FRONTAL_VIEWS.contains(view.toUpperCase(Locale.ROOT).strip());
  }

  /** Whether this is a lung model (one region per side on frontal views). */
  public boolean lungs() {
    return lungs;
  }

  @Override
  public List<Roi> propose(Sample s) {
    if (s.image().isEmpty() || (lungs && !frontal(s.view()))) {
      return List.of();
    }
    Raster gray = s.image().get().toGray();
    int w = gray.width();
    int h = gray.height();
    Box content = RegionLocation.contentBox(gray);
    if (content.width() < 8 || content.height() < 8) {
      return List.of();
    }
    float[] prob = probabilities(gray, content);
    List<Roi> out = new ArrayList<>();
    if (lungs) {
      for (LungFields.Field f : LungFields.of(prob, w, h, content)) {
        region(f.label(), f.label().replace(' ', '-'), f.mask(), prob, w, h).ifPresent(out::add);
      }
      return out;
    }
    boolean[] fg = new boolean[w * h];
    for (int i = 0; i < fg.length; i++) {
      fg[i] = prob[i] > 0.5f;
    }
    LungFields.Components c = LungFields.Components.of(fg, w, h);
    for (int k = 0; k < c.count(); k++) {
      if (c.size(k) >= 0.001 * w * h) {
        region(label, label.replace(' ', '-') + "-" + (out.size() + 1), c.mask(k), prob, w, h)
            .ifPresent(out::add);
      }
    }
    return out;
  }

  private java.util.Optional<Roi> region(
      String lbl, String id, boolean[] m, float[] prob, int w, int h) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < m.length; i++) {
      if (m[i]) {
        sum += prob[i];
        n++;
      }
    }
    double conf = n == 0 ? 0 : Math.max(0, Math.min(1, sum / n));
    return Roi.fromMask("model-" + id, lbl, SegData.mask(m, w, h), "model:" + name, Map.of())
        .map(
            r ->
                new Roi(
                    r.id(),
                    r.label(),
                    r.box(),
                    r.mask(),
                    r.areaFraction(),
                    r.origin(),
                    conf,
                    r.attributes()));
  }

  @Override
  public void close() {
    model.close();
  }
}
