package io.medloom.cli;

import io.medloom.core.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar redrawn in place on a terminal; on a pipe or in CI, one log line every ten seconds
 * instead, so logs stay readable.
 */
final class ConsoleProgress implements Progress {
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;
  private static final long DRAW_EVERY_NANOS = 200_000_000L;

  private final PrintStream out;
  private final boolean terminal;
  private String phase = "";
  private long total = -1;
  private long startNanos;
  private long lastNanos;
  private long done;
  private long rejected;

  ConsoleProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  static ConsoleProgress forStderr() {
    return new ConsoleProgress(System.err, System.console() != null);
  }

  @Override
  public synchronized void start(String phase, long total) {
    this.phase = phase;
    this.total = total;
    this.startNanos = System.nanoTime();
    this.lastNanos = startNanos;
    this.done = 0;
    this.rejected = 0;
    if (!terminal) {
      out.printf(Locale.ROOT, "%s: started, %s inputs%n", phase, total < 0 ? "unknown" : total);
    }
  }

  @Override
  public synchronized void update(long done, long rejected) {
    this.done = Math.max(this.done, done);
    this.rejected = rejected;
    long now = System.nanoTime();
    if (now - lastNanos < (terminal ? DRAW_EVERY_NANOS : LOG_EVERY_NANOS)) {
      return;
    }
    lastNanos = now;
    if (terminal) {
      out.print("\r" + line(now));
    } else {
      out.println(phase + ": " + line(now));
    }
    out.flush();
  }

  @Override
  public synchronized void finish() {
    long now = System.nanoTime();
    if (terminal) {
      out.print("\r" + line(now) + "\n");
    } else {
      out.println(phase + ": finished, " + line(now));
    }
    out.flush();
  }

  private String line(long now) {
    double secs = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = done / secs;
    StringBuilder sb = new StringBuilder();
    if (total > 0) {
      int width = 30;
      int filled = (int) Math.min(width, width * done / total);
      sb.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
      sb.append(String.format(Locale.ROOT, "%d/%d (%.0f%%)", done, total, 100.0 * done / total));
      if (rate > 0 && done < total) {
        sb.append(String.format(Locale.ROOT, " eta %.0fs", (total - done) / rate));
      }
    } else {
      sb.append(done).append(" inputs");
    }
    sb.append(String.format(Locale.ROOT, " %.1f/s, %d rejected, %.0fs", rate, rejected, secs));
    return sb.toString();
  }
}
