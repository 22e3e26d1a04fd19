package io.medloom.cli;

import io.medloom.core.model.Counts;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.StageTime;
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
    if (!info.duplicates().isEmpty()) {
      sb.append("duplicates  ").append(info.duplicates()).append('\n');
    }
    sb.append(timings(info));
    sb.append(rejects(dir));
    return sb.toString();
  }

  /**
   * Where the build's time went, one line per step in the order the steps ran: thread-seconds,
   * share of all measured time, and microseconds per input read. Empty when the build measured
   * nothing (an older dataset, or one built on Spark).
   */
  static String timings(DatasetInfo info) {
    if (info.timings().isEmpty()) {
      return "";
    }
    double total = info.timings().values().stream().mapToDouble(StageTime::seconds).sum();
    long inputs = Math.max(1, info.counts().read());
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "time by step (thread-seconds over all workers; %.1f s in all)%n"
                + "  %-20s %10s %7s %12s %10s%n",
            total,
            "step",
            "seconds",
            "share",
            "us/input",
            "calls"));
    info.timings()
        .forEach(
            (step, t) ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "  %-20s %10.3f %6.1f%% %12.1f %10d%n",
                        step,
                        t.seconds(),
                        total > 0 ? 100 * t.seconds() / total : 0,
                        t.seconds() * 1e6 / inputs,
                        t.calls())));
    return sb.toString();
  }

  /**
   * The rejected inputs grouped by reason (paths and numbers blanked so that one cause is one
   * line), most frequent first, each with one example.
   */
  static String rejects(Path dir) {
    Path file = dir.resolve("rejects.jsonl");
    if (!java.nio.file.Files.exists(file)) {
      return "";
    }
    java.util.Map<String, long[]> counts = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> example = new java.util.HashMap<>();
    try (var lines = java.nio.file.Files.lines(file)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isBlank()) {
          continue;
        }
        var node = io.medloom.store.Json.MAPPER.readTree(line);
        String kind = node.path("source").asText().replaceAll(":.*", "");
        String reason =
            node.path("reason")
                .asText()
                .replaceFirst("^[A-Za-z]+(Exception|Error): ", "")
                .replaceAll(io.medloom.core.privacy.PathKeys.PREFIX + "[0-9a-f]{32}", "<path>")
                .replaceAll("(/[^\\s:,]+)+", "<path>")
                .replaceAll("\\d+", "#");
        if (reason.length() > 110) {
          reason = reason.substring(0, 107) + "...";
        }
        String key = kind + " | " + node.path("stage").asText() + " | " + reason;
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
        example.putIfAbsent(key, node.path("originalPath").asText());
      }
    } catch (java.io.IOException e) {
      return "rejects     unreadable: " + e.getMessage() + "\n";
    }
    if (counts.isEmpty()) {
      return "rejects     none\n";
    }
    StringBuilder sb =
        new StringBuilder("rejects     by reason (source | stage | reason; see rejects.jsonl)\n");
    counts.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
        .limit(20)
        .forEach(
            e ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        "  %5d  %s%n         e.g. %s%n",
                        e.getValue()[0],
                        e.getKey(),
                        example.get(e.getKey()))));
    if (counts.size() > 20) {
      sb.append("  ... ").append(counts.size() - 20).append(" more reasons\n");
    }
    return sb.toString();
  }
}
