package io.medloom.learn.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/** One line of {@code train-log.csv}. */
public record EpochRow(
    int epoch,
    double lr,
    @JsonProperty("train_loss") double trainLoss,
    @JsonProperty("val_loss") double valLoss,
    @JsonProperty("val_auroc") Double valAuroc,
    @JsonProperty("val_accuracy") Double valAccuracy,
    @JsonProperty("images_per_second") double imagesPerSecond,
    double seconds) {

  public static final String HEADER =
      "epoch,lr,train_loss,val_loss,val_auroc,val_accuracy,images_per_second,seconds";

  public String csv() {
    return String.format(
        Locale.ROOT,
        "%d,%.6g,%.6f,%.6f,%s,%s,%.1f,%.1f",
        epoch,
        lr,
        trainLoss,
        valLoss,
        valAuroc == null ? "" : String.format(Locale.ROOT, "%.6f", valAuroc),
        valAccuracy == null ? "" : String.format(Locale.ROOT, "%.6f", valAccuracy),
        imagesPerSecond,
        seconds);
  }

  public static String csv(List<EpochRow> rows) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    rows.forEach(r -> sb.append(r.csv()).append('\n'));
    return sb.toString();
  }
}
