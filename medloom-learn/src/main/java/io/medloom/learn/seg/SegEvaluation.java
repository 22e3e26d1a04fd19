package io.medloom.learn.seg;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.transform.Geometry;
import io.medloom.core.transform.Keyed;
import io.medloom.learn.model.ModelFolder;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import io.medloom.store.read.SplitScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Scores a segmentation model on one split at each image's stored size: the foreground
 * probabilities are resized back bilinearly and thresholded at 0.5, then Dice, IoU and HD95 per
 * image against the union of the image's mask regions of the model's labels; means with bootstrap
 * 95% intervals; overlays of the best and worst case by Dice beside the JSON.
 */
public final class SegEvaluation {
  private SegEvaluation() {}

  public static final int BOOTSTRAP_ROUNDS = 1000;

  public static Path defaultOut(Path model) {
    return new ModelFolder(model).eval().resolve("seg.json");
  }

  public static SegReport run(
      Path modelDir, Path dataset, String split, SplitScheme scheme, Path out) throws IOException {
    try (SegModel model = SegModel.load(modelDir);
        SampleReader r = SampleReader.open(dataset, scheme, Optional.of(split), SegData.COLUMNS)) {
      SegModelInfo info = model.info();
      int s = model.size();
      List<SegReport.PerSample> rows = new ArrayList<>();
      List<Integer> positions = new ArrayList<>();
      int without = 0;
      int blank = 0;
      for (int p = 0; p < r.size(); p++) {
        SampleRecord rec = r.get(p, SegData.COLUMNS);
        if (rec.image().isEmpty() || rec.width() == 0) {
          blank++;
          continue;
        }
        Raster img = rec.image().get().toGray();
        int w = img.width();
        int h = img.height();
        BitMask t = SegData.target(rec, new HashSet<>(info.roiLabels()), w, h);
        if (t == null) {
          if (!info.withEmpty()) {
            without++;
            continue;
          }
          t = BitMask.wrap(w, h, new byte[w * h]);
        }
        boolean[] pred = predict(model, img, s);
        boolean[] truth = SegData.bools(t);
        rows.add(
            new SegReport.PerSample(
                rec.id(),
                SegMetrics.dice(pred, truth),
                SegMetrics.iou(pred, truth),
                SegMetrics.hd95(pred, truth, w, h)));
        positions.add(p);
      }
      if (rows.isEmpty()) {
        throw new IllegalArgumentException(
            dataset + ": no image of split '" + split + "' has a region the model segments");
      }
      double[] d = rows.stream().mapToDouble(SegReport.PerSample::dice).toArray();
      double[] j = rows.stream().mapToDouble(SegReport.PerSample::iou).toArray();
      double[] hd = rows.stream().mapToDouble(SegReport.PerSample::hd95).toArray();
      int best = 0;
      int worst = 0;
      for (int i = 1; i < d.length; i++) {
        best = d[i] > d[best] ? i : best;
        worst = d[i] < d[worst] ? i : worst;
      }
      List<String> overlays = new ArrayList<>();
      String base = out.getFileName().toString().replaceFirst("\\.json$", "");
      for (int which : new int[] {best, worst}) {
        String tag = which == best ? "best" : "worst";
        Path png = out.resolveSibling(base + "-" + tag + ".png");
        SampleRecord rec = r.get(positions.get(which), SegData.COLUMNS);
        Raster img = rec.image().get().toGray();
        BitMask t = SegData.target(rec, new HashSet<>(info.roiLabels()), img.width(), img.height());
        boolean[] truth = t == null ? new boolean[img.width() * img.height()] : SegData.bools(t);
        Overlay.write(img, truth, predict(model, img, s), png);
        overlays.add(png.getFileName().toString());
      }
      SegReport report =
          new SegReport(
              modelDir.toString(),
              dataset.toString(),
              split,
              r.size(),
              rows.size(),
              without,
              blank,
              stat(d, 1),
              stat(j, 2),
              stat(hd, 3),
              rows,
              overlays);
      ModelFolder.writeAtomically(out, ModelFolder.JSON.writeValueAsBytes(report));
      return report;
    }
  }

  private static SegReport.Stat stat(double[] v, long seed) {
    return new SegReport.Stat(
        SegMetrics.mean(v), SegMetrics.bootstrapCi95(v, BOOTSTRAP_ROUNDS, seed));
  }

  /** The model's mask for a gray image at the image's own size. */
  public static boolean[] predict(SegModel model, Raster gray, int s) {
    float[] prob = probabilities(model, gray, s);
    boolean[] out = new boolean[prob.length];
    for (int i = 0; i < prob.length; i++) {
      out[i] = prob[i] > 0.5f;
    }
    return out;
  }

  /** Foreground probabilities at the image's own size. */
  public static float[] probabilities(SegModel model, Raster gray, int s) {
    Raster small = Geometry.resize(Keyed.of(gray), s, s).image();
    float[] p = model.foreground(model.floats(small), 1);
    return FloatMaps.resize(p, s, s, gray.width(), gray.height());
  }
}
