package io.medloom.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A build wrote a dataset that fails the checks of {@code verify}, so it was not marked finished.
 * The rows stay in place for inspection; readers refuse the folder, as they refuse any unfinished
 * dataset.
 */
public final class VerificationFailedException extends DatasetException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public VerificationFailedException(Path root, List<String> problems) {
    super(message(root, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, as {@code verify} lists them ({@code check: message}). */
  public List<String> problems() {
    return problems;
  }

  private static String message(Path root, List<String> problems) {
    StringBuilder sb =
        new StringBuilder("the dataset built in ")
            .append(root)
            .append(" fails verification, so it is not marked finished (no ")
            .append(DatasetLayout.SUCCESS)
            .append("); ")
            .append(problems.size())
            .append(" problem(s):");
    problems.forEach(p -> sb.append(System.lineSeparator()).append("  - ").append(p));
    return sb.toString();
  }
}
