package io.medloom.learn.train;

/** What a training run reports while it works; the command line draws a progress bar from it. */
public interface TrainListener {
  TrainListener NONE = new TrainListener() {};

  /** A free-form line (resume, early stop, data counts). */
  default void message(String line) {}

  default void epochStarted(int epoch, int epochs, int batches) {}

  /**
   * @param meanLoss mean training loss of the epoch so far
   * @param imagesPerSecond images consumed per second in this epoch
   * @param etaSeconds estimated seconds left for the whole run
   */
  default void batch(
      int epoch,
      int done,
      int batches,
      double meanLoss,
      double imagesPerSecond,
      double etaSeconds) {}

  default void epochFinished(EpochRow row) {}
}
