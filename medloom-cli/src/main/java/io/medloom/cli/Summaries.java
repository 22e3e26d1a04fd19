package io.medloom.cli;

import io.medloom.core.model.Counts;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Task;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/** Human-readable descriptions of a dataset, shared by build, info and demo. */
final class Summaries {
  private Summaries() {}

  static String oneLine(Path dir, DatasetInfo info) {
    Counts c = info.counts();
    return String.format(
        Locale.ROOT,
        "%s: read %d = accepted %d + rejected %d; wrote %d samples %s",
        dir,
        c.read(),
        c.accepted(),
        c.rejected(),
        c.written(),
        info.splitCounts());
  }

  static String text(Path dir, DatasetInfo info) {
    Counts c = info.counts();
    StringBuilder sb = new StringBuilder();
    sb.append("dataset     ").append(info.name()).append("  (").append(dir).append(")\n");
    sb.append("built       ")
        .append(info.build().createdAt())
        .append(", MedLoom ")
        .append(info.build().medloomVersion())
        .append(", seed ")
        .append(info.build().seed())
        .append(", config ")
        .append(info.build().configHash())
        .append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "inputs      read %d = accepted %d + rejected %d%s%n",
            c.read(),
            c.accepted(),
            c.rejected(),
            c.read() == c.accepted() + c.rejected() ? "" : "  (DOES NOT ADD UP)"));
    sb.append("samples     ")
        .append(c.written())
        .append("  by split ")
        .append(info.splitCounts())
        .append('\n');
    sb.append("input size  ").append(info.inputSize()).append(" [C,H,W]\n");
    sb.append("modalities  ")
        .append(info.modalities())
        .append("   body parts ")
        .append(info.bodyParts())
        .append('\n');
    sb.append("tasks\n");
    for (Task t : info.tasks()) {
      sb.append("  ")
          .append(t.name())
          .append(" (")
          .append(t.target().wireName())
          .append("): ")
          .append(
              t.classes().entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    sb.append("sources\n");
    for (DatasetInfo.SourceRecord s : info.sources()) {
      sb.append("  ")
          .append(s.kind())
          .append(':')
          .append(s.location())
          .append(s.options().isEmpty() ? "" : " " + s.options())
          .append("  read ")
          .append(s.counts().read())
          .append(", rejected ")
          .append(s.counts().rejected())
          .append('\n');
    }
    sb.append("license     ").append(info.license()).append('\n');
    return sb.toString();
  }
}
