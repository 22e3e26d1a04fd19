package io.medloom.annotate.qa;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.annotate.AnnotateStageProvider;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.pipeline.StandardizeStage;
import io.medloom.core.qa.QaPair;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The acceptance on real data: on BUSI, every answer about a lesion's side of the image and its
 * size agrees with the original mask file, measured here at the file's own resolution: the mask's
 * centroid against thirds of the original image's content, its area against the documented size
 * classes (0.2%, 1%, 5%, 15% of the square the image is letterboxed into).
 */
class QaBusiMasksTest {
  @Test
  void sideAndSizeAnswersAgreeWithTheMasks() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT");
    Source src =
        Sources.open(
            SourceSpec.parse("seg:" + busi + "?modality=US&body_part=BREAST&paths=clear"),
            SourceContext.withSeed(5));
    StandardizeStage std = new StandardizeStage(128);
    AnnotateStageProvider annotate = new AnnotateStageProvider();
    QaGenerator generator =
        new QaGenerator(
            src.tasks(), new QaGenerator.Config(12, 5, 0.75), QaTemplates.load(), QaReviews.NONE);
    Map<String, int[]> byKind = new TreeMap<>();
    List<String> misses = new ArrayList<>();
    for (Iterator<SourceItem> it = src.items(); it.hasNext(); ) {
      for (Sample raw : src.read(it.next())) {
        Sample s = QaStage.apply(generator, annotate.apply(std.apply(raw), 5));
        Path folder = busi.resolve(raw.originalPath()).getParent();
        for (QaPair q : QaStage.pairs(s)) {
          String kind = q.fact().kind();
          if (!kind.equals("roi.image_side") && !kind.equals("roi.size")) {
            continue;
          }
          Roi r = s.rois().stream().filter(x -> x.id().equals(q.fact().ref())).findFirst().get();
          if (r.attributes().containsKey("component_share")) {
            continue; // a piece of a drawn mask: the file's mask is the whole drawing
          }
          String truth =
              measure(
                  ImageIO.read(busi.resolve(raw.originalPath()).toFile()),
                  ImageIO.read(folder.resolve(r.attributes().get("mask_file")).toFile()),
                  kind);
          int[] c = byKind.computeIfAbsent(kind, k -> new int[2]);
          c[0]++;
          if (truth.equals(q.answer())) {
            c[1]++;
          } else {
            misses.add(raw.originalPath() + " " + kind + " mask says " + truth + ": " + q.toJson());
          }
        }
      }
    }
    StringBuilder rates = new StringBuilder();
    byKind.forEach(
        (k, c) -> rates.append(k).append(' ').append(c[1]).append('/').append(c[0]).append("; "));
    System.out.println("BUSI qa agreement with the mask files: " + rates);
    System.out.println(generator.tally().summary());
    assertThat(misses).isEmpty();
    assertThat(byKind.get("roi.size")[0]).isGreaterThan(50);
    assertThat(byKind.get("roi.image_side")[0]).isGreaterThan(30);
  }

  private static String measure(BufferedImage image, BufferedImage mask, String kind) {
    int w = mask.getWidth();
    int h = mask.getHeight();
    long n = 0;
    double sx = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (gray(mask.getRGB(x, y)) > 127) { // 1-bit, palette and 8-bit masks alike
          n++;
          sx += x + 0.5;
        }
      }
    }
    if (kind.equals("roi.size")) {
      double f = n / Math.pow(Math.max(w, h), 2);
      return f < 0.002
          ? "tiny"
          : f < 0.01 ? "small" : f < 0.05 ? "moderate-sized" : f < 0.15 ? "large" : "very large";
    }
    // Content: the columns holding any pixel brighter than black padding.
    int x0 = w;
    int x1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (gray(image.getRGB(x, y)) > 4) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
        }
      }
    }
    double fx = (sx / n - x0) / (x1 + 1 - x0);
    return fx < 1.0 / 3 ? "left" : fx < 2.0 / 3 ? "centre" : "right";
  }

  private static int gray(int rgb) {
    return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
  }
}
