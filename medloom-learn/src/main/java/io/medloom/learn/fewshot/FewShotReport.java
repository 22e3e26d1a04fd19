package io.medloom.learn.fewshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** What {@code eval fewshot} measures, as records that serialize to its JSON output. */
public final class FewShotReport {
  private FewShotReport() {}

  /** A mean over episodes with its 95% interval (normal approximation, 1.96 standard errors). */
  public record Score(double mean, double low, double high, int n) {
    static Score of(double[] values) {
      int n = 0;
      double sum = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          n++;
          sum += v;
        }
      }
      if (n == 0) {
        return new Score(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      double mean = sum / n;
      double ss = 0;
      for (double v : values) {
        if (!Double.isNaN(v)) {
          ss += (v - mean) * (v - mean);
        }
      }
      double half = n < 2 ? 0 : 1.96 * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
      return new Score(mean, mean - half, mean + half, n);
    }
  }

  /** One method at one shot count on one task. */
  public record Cell(String method, int shots, Score accuracy, Score auroc) {}

  /**
   * The fully supervised reference: a linear probe of the same frozen encoder fitted on every
   * train-split row of the task's episode classes, scored on the test-split rows.
   */
  public record Reference(
      String method,
      double accuracy,
      double auroc,
      @JsonProperty("train_rows") int trainRows,
      @JsonProperty("test_rows") int testRows) {}

  /** One (dataset, task) pair. */
  public record TaskResult(
      String dataset,
      String domain,
      String task,
      List<String> classes,
      int ways,
      @JsonProperty("rows") int rows,
      List<Cell> cells,
      Reference reference) {
    public TaskResult {
      classes = List.copyOf(classes);
      cells = List.copyOf(cells);
    }
  }

  /** The meta-training run of a held-out-domain evaluation. */
  public record MetaTrainingInfo(
      List<String> datasets,
      List<String> tasks,
      int epochs,
      int steps,
      @JsonProperty("train_rows") int trainRows,
      @JsonProperty("final_loss") double finalLoss,
      double seconds) {
    public MetaTrainingInfo {
      datasets = List.copyOf(datasets);
      tasks = List.copyOf(tasks);
    }
  }

  /** The whole run. */
  public record Report(
      String model,
      List<String> datasets,
      Map<String, String> domains,
      @JsonProperty("hold_out_domain") String holdOutDomain,
      List<Integer> shots,
      int episodes,
      @JsonProperty("query_per_class") int queryPerClass,
      @JsonProperty("finetune_episodes") int finetuneEpisodes,
      long seed,
      List<TaskResult> tasks,
      List<String> skipped,
      @JsonProperty("meta_training") MetaTrainingInfo metaTraining,
      double seconds) {
    public Report {
      datasets = List.copyOf(datasets);
      domains = Map.copyOf(domains);
      shots = List.copyOf(shots);
      tasks = List.copyOf(tasks);
      skipped = List.copyOf(skipped);
    }
  }

  /** Methods in the order they appear in the report. */
  public static List<String> methods(Report r) {
    List<String> out = new ArrayList<>();
    for (TaskResult t : r.tasks()) {
      for (Cell c : t.cells()) {
        if (!out.contains(c.method())) {
          out.add(c.method());
        }
      }
    }
    return out;
  }

  /** Mean over tasks of each method's accuracy at each shot count (tasks that have it). */
  public static Map<String, Map<Integer, Double>> meanAccuracy(Report r) {
    Map<String, Map<Integer, Double>> out = new LinkedHashMap<>();
    for (String m : methods(r)) {
      Map<Integer, Double> byShot = new LinkedHashMap<>();
      for (int k : new TreeSet<>(r.shots())) {
        double sum = 0;
        int n = 0;
        for (TaskResult t : r.tasks()) {
          for (Cell c : t.cells()) {
            if (c.method().equals(m) && c.shots() == k && !Double.isNaN(c.accuracy().mean())) {
              sum += c.accuracy().mean();
              n++;
            }
          }
        }
        byShot.put(k, n == 0 ? Double.NaN : sum / n);
      }
      out.put(m, byShot);
    }
    return out;
  }

  /** The plain-text table {@code eval fewshot} prints: one line per task, method and shots. */
  public static String table(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "model %s, %d episodes (fine-tune: %d), %d query rows per class, seed %d%s%n",
            r.model(),
            r.episodes(),
            r.finetuneEpisodes(),
            r.queryPerClass(),
            r.seed(),
            r.holdOutDomain() == null ? "" : ", held-out domain '" + r.holdOutDomain() + "'"));
    String fmt = "%-34s %-22s %-14s %5s  %-22s %-22s%n";
    sb.append(
        String.format(
            Locale.ROOT, fmt, "task", "domain", "method", "shots", "accuracy [95% CI]", "AUROC"));
    for (TaskResult t : r.tasks()) {
      String key = t.dataset() + "/" + t.task() + " (" + t.ways() + "-way)";
      for (Cell c : t.cells()) {
        sb.append(
            String.format(
                Locale.ROOT,
                fmt,
                key,
                t.domain(),
                c.method(),
                c.shots(),
                ci(c.accuracy()),
                ci(c.auroc())));
      }
      Reference ref = t.reference();
      if (ref != null) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%-34s %-22s %-14s %5s  %-22s %-22s%n",
                key,
                t.domain(),
                ref.method(),
                "all",
                String.format(Locale.ROOT, "%.3f (test %d)", ref.accuracy(), ref.testRows()),
                String.format(Locale.ROOT, "%.3f (train %d)", ref.auroc(), ref.trainRows())));
      }
    }
    sb.append(System.lineSeparator()).append("mean accuracy over tasks:").append('\n');
    meanAccuracy(r)
        .forEach(
            (m, byShot) -> {
              sb.append(String.format(Locale.ROOT, "  %-14s", m));
              byShot.forEach(
                  (k, v) -> sb.append(String.format(Locale.ROOT, "  %2d-shot %.3f", k, v)));
              sb.append('\n');
            });
    for (String s : r.skipped()) {
      sb.append("skipped: ").append(s).append('\n');
    }
    return sb.toString();
  }

  static String ci(Score s) {
    return Double.isNaN(s.mean())
        ? "-"
        : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s.mean(), s.low(), s.high());
  }
}
