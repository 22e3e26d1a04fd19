package io.medloom.learn.seg;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * One epoch of a segmentation run.
 *
 * @param valDice mean validation Dice of each network (one for supervised, two for AIDE)
 * @param relabelled labels replaced by AIDE's update after this epoch (both networks' sets)
 */
public record SegEpochRow(
    int epoch,
    double lr,
    @JsonProperty("train_loss") double trainLoss,
    @JsonProperty("val_dice") List<Double> valDice,
    double ramp,
    int relabelled,
    double seconds) {

  public static String csv(List<SegEpochRow> rows) {
    StringBuilder sb = new StringBuilder("epoch,lr,train_loss,val_dice_net1,val_dice_net2,ramp,");
    sb.append("relabelled,seconds\n");
    for (SegEpochRow r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%d,%.6g,%.5f,%.5f,%s,%.4f,%d,%.2f%n",
              r.epoch,
              r.lr,
              r.trainLoss,
              r.valDice.get(0),
              r.valDice.size() > 1 ? String.format(Locale.ROOT, "%.5f", r.valDice.get(1)) : "",
              r.ramp,
              r.relabelled,
              r.seconds));
    }
    return sb.toString();
  }
}
