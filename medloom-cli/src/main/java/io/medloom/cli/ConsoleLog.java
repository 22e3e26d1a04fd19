package io.medloom.cli;

import io.medloom.core.model.Rejection;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Log records (java.util.logging: MedLoom's own, and Jetty/Javalin/PixelMed through SLF4J) as one
 * line each on the current standard error: {@code medloom: warning: ...}. The JDK's default handler
 * writes two lines per record with a date, and a whole stack trace for a record with a cause.
 */
final class ConsoleLog extends Handler {
  private final SimpleFormatter messages = new SimpleFormatter();

  private ConsoleLog() {
    setLevel(Level.INFO);
  }

  /**
   * Replaces the JDK's console handler on the root logger, once; a user's own logging configuration
   * ({@code -Djava.util.logging.config.file}) is left alone.
   */
  static synchronized void install() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h instanceof ConsoleLog) {
        return;
      }
      if (h instanceof ConsoleHandler) {
        root.removeHandler(h);
      }
    }
    root.addHandler(new ConsoleLog());
  }

  @Override
  public void publish(LogRecord r) {
    if (!isLoggable(r)) {
      return;
    }
    String level =
        r.getLevel().intValue() >= Level.SEVERE.intValue()
            ? "error"
            : r.getLevel().intValue() >= Level.WARNING.intValue()
                ? "warning"
                : r.getLevel().getName().toLowerCase(Locale.ROOT);
    String text = messages.formatMessage(r);
    if (r.getThrown() != null) {
      text += ": " + Rejection.describe(r.getThrown());
    }
    System.err.println("medloom: " + level + ": " + Failures.oneLine(text));
  }

  @Override
  public void flush() {
    System.err.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
