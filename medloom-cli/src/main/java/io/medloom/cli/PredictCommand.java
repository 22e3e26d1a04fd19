package io.medloom.cli;

import io.medloom.core.image.Raster;
import io.medloom.core.source.SourceContext;
import io.medloom.io.image.RasterFiles;
import io.medloom.learn.model.Classifier;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.model.Predictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Class probabilities of a trained classifier for image files (PNG, JPEG, TIFF, BMP, GIF),",
      "standardized exactly as the build standardized the training images. One line per image:",
      "path, then class=probability; an unreadable file gets an error line and is skipped."
    },
    footer = {"", "Example:", "  ./medloom predict /tmp/pmn-model chest1.png chest2.png"})
final class PredictCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder.")
  Path model;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
  List<Path> images;

  @Override
  public Integer call() throws Exception {
    int failed = 0;
    try (Classifier clf = Classifier.load(new ModelFolder(model))) {
      for (Path p : images) {
        Raster img;
        try {
          img = RasterFiles.read(p, SourceContext.DEFAULT_MAX_PIXELS);
        } catch (IOException | RuntimeException e) {
          System.err.println("medloom: " + p + ": " + e.getMessage());
          failed++;
          continue;
        }
        Map<String, Double> probs = Predictor.predict(clf, img);
        StringBuilder sb = new StringBuilder(p.toString());
        probs.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "\t%s=%.4f", k, v)));
        System.out.println(sb);
      }
    }
    if (failed == images.size()) {
      throw new UnusableInputException("none of the " + failed + " images could be read");
    }
    return ExitCodes.OK;
  }
}
