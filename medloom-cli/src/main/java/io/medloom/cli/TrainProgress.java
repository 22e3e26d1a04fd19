package io.medloom.cli;

import io.medloom.learn.train.EpochRow;
import io.medloom.learn.train.TrainListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress: on a terminal a bar redrawn in place (epoch, batches, mean loss, images per
 * second, time left); on a pipe one line every ten seconds; always one line per finished epoch.
 */
final class TrainProgress implements TrainListener {
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;
  private static final long DRAW_EVERY_NANOS = 200_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private long last;
  private int epochs;

  TrainProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  static TrainProgress forStderr() {
    return new TrainProgress(System.err, System.console() != null);
  }

  @Override
  public void message(String line) {
    out.println("train: " + line);
  }

  @Override
  public void epochStarted(int epoch, int epochs, int batches) {
    this.epochs = epochs;
    last = System.nanoTime();
  }

  @Override
  public void batch(
      int epoch, int done, int batches, double meanLoss, double imagesPerSecond, double eta) {
    long now = System.nanoTime();
    if (now - last < (terminal ? DRAW_EVERY_NANOS : LOG_EVERY_NANOS) && done < batches) {
      return;
    }
    last = now;
    int width = 24;
    int filled = batches == 0 ? width : Math.min(width, width * done / batches);
    String line =
        String.format(
            Locale.ROOT,
            "epoch %d/%d [%s%s] %d/%d loss %.4f %.0f img/s eta %s",
            epoch,
            epochs,
            "#".repeat(filled),
            " ".repeat(width - filled),
            done,
            batches,
            meanLoss,
            imagesPerSecond,
            duration(eta));
    if (terminal) {
      out.print("\r" + line);
    } else {
      out.println("train: " + line);
    }
    out.flush();
  }

  @Override
  public void epochFinished(EpochRow r) {
    if (terminal) {
      out.print("\r\033[K");
    }
    out.printf(
        Locale.ROOT,
        "train: epoch %d/%d  loss %.4f  val loss %.4f  val AUROC %s  %.0f img/s  %.0f s%n",
        r.epoch(),
        epochs,
        r.trainLoss(),
        r.valLoss(),
        r.valAuroc() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.valAuroc()),
        r.imagesPerSecond(),
        r.seconds());
    out.flush();
  }

  static String duration(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
