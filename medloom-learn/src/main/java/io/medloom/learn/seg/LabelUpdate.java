package io.medloom.learn.seg;

import java.util.Arrays;

/**
 * AIDE's label update for one label set: every training sample is ranked by the Dice between the
 * network's prediction and its current label; of the lowest {@code fraction} of all samples (AIDE
 * takes int(fraction · n)), the non-expert ones take the prediction as their new label unless the
 * prediction is empty. AIDE's scripts skip expert labels inside that share rather than reaching
 * past it, and save only predictions with foreground, so a missed lesion never erases a label.
 *
 * @param replaced labels replaced by the prediction
 * @param keptEmpty labels kept because the prediction was empty
 */
record LabelUpdate(int replaced, int keptEmpty) {

  /** Updates {@code labels} in place (each replaced entry becomes the prediction array). */
  static LabelUpdate apply(
      boolean[][] pred, boolean[][] labels, boolean[] expert, double fraction) {
    int n = labels.length;
    double[] dice = new double[n];
    for (int i = 0; i < n; i++) {
      dice[i] = SegMetrics.dice(pred[i], labels[i]);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Stable: equal Dice keeps the sample order, so an update is reproducible.
    Arrays.sort(order, (a, b) -> Double.compare(dice[a], dice[b]));
    int k = (int) (fraction * n);
    int replaced = 0;
    int kept = 0;
    for (int j = 0; j < k; j++) {
      int i = order[j];
      if (expert[i]) {
        continue;
      }
      if (empty(pred[i])) {
        kept++;
      } else {
        labels[i] = pred[i];
        replaced++;
      }
    }
    return new LabelUpdate(replaced, kept);
  }

  private static boolean empty(boolean[] m) {
    for (boolean b : m) {
      if (b) {
        return false;
      }
    }
    return true;
  }
}
