package io.medloom.learn.seg;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medloom.core.image.PngEncoder;
import io.medloom.core.image.Raster;
import io.medloom.core.image.RegionLocation;
import io.medloom.core.image.Resampler;
import io.medloom.core.model.Box;
import io.medloom.core.model.Roi;
import io.medloom.learn.model.ModelFolder;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import io.medloom.store.read.SplitScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * How well a lung model does on real frontal films that have no lung masks. Two measures: (1) on
 * films with lung boxes ({@code origin=box} regions labelled {@code right lung} / {@code left
 * lung}, e.g. read from a COCO file with the source option {@code boxes}), the IoU of the box of
 * each predicted lung with the annotated box of the same side (a missing lung scores 0), next to a
 * fixed box — the median annotated box, in coordinates relative to the content box, placed on every
 * film; (2) on every frontal film, the share whose raw prediction is plausible ({@link
 * LungFields#plausibility}). Writes {@code lungs.json} and an overlay grid of {@code gridCount}
 * seeded random frontal films ({@code lungs-grid.png}: right lung red, left lung blue, annotated
 * boxes green).
 */
public final class LungCheck {
  private LungCheck() {}

  /** The measured numbers. */
  public record Result(
      int frontal,
      int plausible,
      int boxed,
      double meanIou,
      double meanIouRight,
      double meanIouLeft,
      double fixedBoxIou,
      Map<String, Integer> reasons,
      Path json,
      Path grid) {
    public double plausibleShare() {
      return frontal == 0 ? Double.NaN : plausible / (double) frontal;
    }
  }

  private record Film(SampleRecord s, Raster gray, Box content, float[] prob) {}

  public static Result run(Path model, Path dataset, Path outDir, int gridCount, long seed)
      throws IOException {
    return run(model, dataset, outDir, gridCount, seed, false);
  }

  /** As {@link #run(Path, Path, Path, int, long)}; the grid from boxed films only if asked. */
  public static Result run(
      Path model, Path dataset, Path outDir, int gridCount, long seed, boolean boxedOnly)
      throws IOException {
    Files.createDirectories(outDir);
    List<double[]> rel = new ArrayList<>(); // annotated boxes relative to the content, per side
    List<String> relSide = new ArrayList<>();
    List<Film> boxedFilms = new ArrayList<>();
    List<Double> ious = new ArrayList<>();
    List<Double> right = new ArrayList<>();
    List<Double> left = new ArrayList<>();
    Map<String, Integer> reasons = new TreeMap<>();
    ArrayNode perFilm = ModelFolder.JSON.createArrayNode();
    List<Integer> frontalPositions = new ArrayList<>();
    List<Integer> boxedPositions = new ArrayList<>();
    int plausible = 0;
    try (SegRoiProposer p = SegRoiProposer.load(model);
        SampleReader r =
            SampleReader.open(
                dataset,
                SplitScheme.parse("medloom"),
                Optional.empty(),
                java.util.Set.of(Column.IMAGE, Column.ROIS))) {
      if (!p.lungs()) {
        throw new IllegalArgumentException(
            model + " is not a lung model (trained on regions 'right lung' and 'left lung')");
      }
      for (int i = 0; i < r.size(); i++) {
        SampleRecord s = r.get(i, java.util.Set.of(Column.IMAGE, Column.ROIS));
        if (s.image().isEmpty() || !SegRoiProposer.frontal(s.view())) {
          continue;
        }
        frontalPositions.add(i);
        Film f = film(p, s);
        String why =
            LungFields.plausibility(f.prob(), f.gray().width(), f.gray().height(), f.content());
        ObjectNode row = perFilm.addObject();
        row.put("id", s.id());
        row.put("plausible", why.isEmpty());
        if (why.isEmpty()) {
          plausible++;
        } else {
          row.put("why", why);
          reasons.merge(why.replaceAll("[0-9.]+", "N"), 1, Integer::sum);
        }
        Map<String, Box> truth = annotated(s);
        if (truth.isEmpty()) {
          continue;
        }
        boxedFilms.add(f);
        Map<String, Box> pred = predicted(f);
        pred.forEach((k, b) -> row.put("box_" + k.replace(' ', '_'), b.toString()));
        truth.forEach((k, b) -> row.put("truth_" + k.replace(' ', '_'), b.toString()));
        boxedPositions.add(i);
        for (var e : truth.entrySet()) {
          Box t = e.getValue();
          double iou = pred.containsKey(e.getKey()) ? iou(pred.get(e.getKey()), t) : 0;
          ious.add(iou);
          (e.getKey().equals("right lung") ? right : left).add(iou);
          row.put("iou_" + e.getKey().replace(' ', '_'), iou);
          Box c = f.content();
          rel.add(
              new double[] {
                (t.x0() - c.x0()) / (double) c.width(),
                (t.y0() - c.y0()) / (double) c.height(),
                (t.x1() - c.x0()) / (double) c.width(),
                (t.y1() - c.y0()) / (double) c.height()
              });
          relSide.add(e.getKey());
        }
      }
      double fixed = fixedBoxIou(boxedFilms, rel, relSide);
      Path grid = outDir.resolve("lungs-grid.png");
      grid(p, r, boxedOnly ? boxedPositions : frontalPositions, gridCount, seed, grid);
      Result res =
          new Result(
              frontalPositions.size(),
              plausible,
              boxedFilms.size(),
              mean(ious),
              mean(right),
              mean(left),
              fixed,
              reasons,
              outDir.resolve("lungs.json"),
              grid);
      ObjectNode j = ModelFolder.JSON.createObjectNode();
      j.put("model", model.toString());
      j.put("dataset", dataset.toString());
      j.put("frontal_films", res.frontal());
      j.put("plausible", res.plausible());
      j.put("plausible_share", res.plausibleShare());
      j.put("films_with_boxes", res.boxed());
      j.put("box_iou_mean", res.meanIou());
      j.put("box_iou_right_lung", res.meanIouRight());
      j.put("box_iou_left_lung", res.meanIouLeft());
      j.put("fixed_median_box_iou", res.fixedBoxIou());
      j.set("implausible_reasons", ModelFolder.JSON.valueToTree(reasons));
      j.set("films", perFilm);
      ModelFolder.writeAtomically(
          res.json(), ModelFolder.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(j));
      return res;
    }
  }

  private static Film film(SegRoiProposer p, SampleRecord s) {
    Raster gray = s.image().get().toGray();
    Box content = RegionLocation.contentBox(gray);
    return new Film(s, gray, content, p.probabilities(gray, content));
  }

  private static Map<String, Box> annotated(SampleRecord s) {
    Map<String, Box> out = new TreeMap<>();
    for (Roi roi : s.rois()) {
      String l = roi.label().toLowerCase(Locale.ROOT);
      if (roi.origin().equals("box") && SegRoiProposer.LUNGS.contains(l)) {
        out.putIfAbsent(l, roi.box());
      }
    }
    return out;
  }

  private static Map<String, Box> predicted(Film f) {
    Map<String, Box> out = new TreeMap<>();
    for (LungFields.Field lf :
        LungFields.of(f.prob(), f.gray().width(), f.gray().height(), f.content())) {
      out.put(lf.label(), lf.box());
    }
    return out;
  }

  static double iou(Box a, Box b) {
    double ix = Math.max(0, Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()));
    double iy = Math.max(0, Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0()));
    double inter = ix * iy;
    double union = a.width() * (double) a.height() + b.width() * (double) b.height() - inter;
    return union <= 0 ? 0 : inter / union;
  }

  /**
   * The baseline: per side, the median of the annotated boxes' relative coordinates, placed in
   * every boxed film's content box. (It sees all the annotated boxes, so it flatters itself.)
   */
  private static double fixedBoxIou(List<Film> films, List<double[]> rel, List<String> side) {
    List<Double> out = new ArrayList<>();
    for (String lung : SegRoiProposer.LUNGS) {
      List<double[]> mine = new ArrayList<>();
      for (int k = 0; k < rel.size(); k++) {
        if (side.get(k).equals(lung)) {
          mine.add(rel.get(k));
        }
      }
      if (mine.isEmpty()) {
        continue;
      }
      double[] med = new double[4];
      for (int q = 0; q < 4; q++) {
        double[] v = new double[mine.size()];
        for (int k = 0; k < v.length; k++) {
          v[k] = mine.get(k)[q];
        }
        Arrays.sort(v);
        med[q] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      }
      for (Film f : films) {
        Box t = annotated(f.s()).get(lung);
        if (t == null) {
          continue;
        }
        Box c = f.content();
        Box fixed =
            new Box(
                (int) Math.round(c.x0() + med[0] * c.width()),
                (int) Math.round(c.y0() + med[1] * c.height()),
                (int) Math.round(c.x0() + med[2] * c.width()),
                (int) Math.round(c.y0() + med[3] * c.height()));
        out.add(iou(fixed, t));
      }
    }
    return mean(out);
  }

  private static double mean(List<Double> v) {
    return v.isEmpty()
        ? Double.NaN
        : v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /** {@code count} seeded random frontal films, 4 per row, 224 px tiles. */
  private static void grid(
      SegRoiProposer p, SampleReader r, List<Integer> frontal, int count, long seed, Path png)
      throws IOException {
    List<Integer> pick = new ArrayList<>(frontal);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = pick.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = pick.get(i);
      pick.set(i, pick.get(j));
      pick.set(j, t);
    }
    pick = pick.subList(0, Math.min(count, pick.size()));
    int tile = 224;
    int cols = 4;
    int rows = Math.max(1, (pick.size() + cols - 1) / cols);
    byte[] out = new byte[cols * tile * rows * tile * 3];
    for (int k = 0; k < pick.size(); k++) {
      Film f = film(p, r.get(pick.get(k), java.util.Set.of(Column.IMAGE, Column.ROIS)));
      byte[] rgb = tileOf(f, tile);
      int ox = (k % cols) * tile;
      int oy = (k / cols) * tile;
      for (int y = 0; y < tile; y++) {
        System.arraycopy(rgb, y * tile * 3, out, ((oy + y) * cols * tile + ox) * 3, tile * 3);
      }
    }
    ModelFolder.writeAtomically(
        png, new PngEncoder().encode(new Raster(cols * tile, rows * tile, 3, out)));
  }

  private static byte[] tileOf(Film f, int tile) {
    int w = f.gray().width();
    int h = f.gray().height();
    byte[] px = f.gray().pixels();
    byte[] rgb = new byte[w * h * 3];
    List<LungFields.Field> fields = LungFields.of(f.prob(), w, h, f.content());
    for (int i = 0; i < w * h; i++) {
      int v = px[i] & 0xff;
      int r = v;
      int g = v;
      int b = v;
      for (LungFields.Field lf : fields) {
        if (lf.mask()[i]) {
          boolean isRight = lf.label().equals("right lung");
          r = isRight ? (int) (v * 0.6 + 255 * 0.4) : (int) (v * 0.6);
          g = (int) (v * 0.6);
          b = isRight ? (int) (v * 0.6) : (int) (v * 0.6 + 255 * 0.4);
        }
      }
      rgb[i * 3] = (byte) r;
      rgb[i * 3 + 1] = (byte) g;
      rgb[i * 3 + 2] = (byte) b;
    }
    for (Box t : annotated(f.s()).values()) {
      for (int x = t.x0(); x < t.x1(); x++) {
        green(rgb, w, h, x, t.y0());
        green(rgb, w, h, x, t.y1() - 1);
      }
      for (int y = t.y0(); y < t.y1(); y++) {
        green(rgb, w, h, t.x0(), y);
        green(rgb, w, h, t.x1() - 1, y);
      }
    }
    Raster big = new Raster(w, h, 3, rgb);
    return (w == tile && h == tile ? big : Resampler.resize(big, tile, tile)).pixels();
  }

  private static void green(byte[] rgb, int w, int h, int x, int y) {
    if (x < 0 || y < 0 || x >= w || y >= h) {
      return;
    }
    int i = (y * w + x) * 3;
    rgb[i] = 0;
    rgb[i + 1] = (byte) 255;
    rgb[i + 2] = 0;
  }
}
