package io.medloom.learn.model;

import io.medloom.core.image.Letterbox;
import io.medloom.core.image.Raster;
import io.medloom.core.transform.Augmentation;
import io.medloom.core.transform.Keyed;
import io.medloom.learn.data.Examples;
import io.medloom.learn.metrics.ClassifyMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Class probabilities for new images, standardized exactly as a build does (gray stored as colour
 * becomes gray, then the letterbox to the dataset's size with black padding), then resized and
 * normalized as in training.
 */
public final class Predictor {
  private Predictor() {}

  /** The image as the dataset would have stored it. */
  public static Raster standardize(Raster img, ModelInfo info) {
    Raster r = img.channels() == 3 && img.isNearlyGray() ? img.toGray() : img;
    int size = info.dataset().inputSize().get(1);
    return Letterbox.fit(r.width(), r.height(), size).apply(r).withChannels(info.channels());
  }

  /** Class name to probability (for regression: "value" to the predicted value). */
  public static Map<String, Double> predict(Classifier clf, Raster img) {
    ModelInfo info = clf.info();
    int s = info.preset().imageSize();
    Raster std = standardize(img, info);
    Raster in = Augmentation.evaluation(s).apply(Keyed.of(std), null).image();
    float[][] logits = clf.logits(Examples.floats(in, info.normalization()), 1);
    Map<String, Double> out = new LinkedHashMap<>();
    List<String> names = clf.spec().classNames();
    if (clf.spec().loss() == io.medloom.learn.data.TargetSpec.Loss.MEAN_SQUARED_ERROR) {
      out.put(
          names.get(0),
          logits[0][0] * info.normalization().targetStd() + info.normalization().targetMean());
      return out;
    }
    double[] p = ClassifyMetrics.probabilities(clf.spec(), logits)[0];
    for (int c = 0; c < names.size(); c++) {
      out.put(names.get(c), p[c]);
    }
    return out;
  }
}
