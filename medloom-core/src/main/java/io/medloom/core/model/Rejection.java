package io.medloom.core.model;

import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

/**
 * An input that could not become a sample: kept as a value so one bad file never stops a build.
 *
 * @param source the source spec it came from
 * @param originalPath the input's path (or item name) in that source
 * @param stage the stage that refused it
 * @param reason why, in words that name the value at fault
 */
public record Rejection(String source, String originalPath, String stage, String reason) {
  public Rejection {
    notBlank(source, "rejection source");
    notNull(originalPath, "rejection path");
    notBlank(stage, "rejection stage");
    notBlank(reason, "rejection reason");
  }

  /** Describes an exception, cause chain included, in one line. */
  public static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (sb.length() > 0) {
        sb.append(" <- ");
      }
      String msg = c.getMessage();
      sb.append(c.getClass().getSimpleName());
      if (msg != null && !msg.isBlank()) {
        sb.append(": ").append(msg.strip());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }
}
