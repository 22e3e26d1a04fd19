package io.medloom.cli;

import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.SourceSpec;
import io.medloom.store.DatasetReader;
import io.medloom.store.DatasetVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The main job on the built-in phantom: synthesizes N chest radiographs with exact masks and",
      "reports, builds DIR/dataset, verifies it, trains a tiny classifier of the findings",
      "(DIR/model) and a tiny CLIP model on the films and reports (DIR/clip-model: zero-shot",
      "and retrieval on the test split) and writes DIR/summary.md."
    },
    footer = {"", "Example:", "  ./medloom demo --out /tmp/m1 --n 600 --seed 42"})
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      defaultValue = "medloom-demo",
      description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--n",
      defaultValue = "600",
      description = "Number of phantom images (default ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", description = "Worker threads (default: the number of cores).")
  Integer threads;

  @Option(
      names = "--no-train",
      description = "Skip the learning steps (the tiny classifier and CLIP).")
  boolean noTrain;

  @Override
  public Integer call() throws Exception {
    if (n < 1) {
      throw new IllegalArgumentException("--n must be positive: " + n);
    }
    long t0 = System.nanoTime();
    Path datasetDir = out.resolve("dataset");
    BuildOptions o = new BuildOptions();
    o.size = 224;
    o.seed = seed;
    o.val = 0.1;
    o.test = 0.2;
    o.threads = threads;
    o.shardSize = BuildOptions.DEFAULT_SHARD_SIZE;
    o.maxPixels = io.medloom.core.source.SourceContext.DEFAULT_MAX_PIXELS;
    DatasetInfo info =
        BuildCommand.run(
            List.of(SourceSpec.parse("phantom:" + n)), datasetDir, "MedLoom phantom demo", o);
    double buildSecs = (System.nanoTime() - t0) / 1e9;
    System.out.println(Summaries.oneLine(datasetDir, info));
    DatasetVerifier.Report report = DatasetVerifier.verify(datasetDir);
    System.out.println(report.ok() ? "verify: OK" : "verify: FAILED " + report.problems());
    Path summary = out.resolve("summary.md");
    String learning =
        report.ok() && !noTrain
            ? DemoTraining.run(datasetDir, out.resolve("model"), seed)
                + DemoClip.run(datasetDir, out.resolve("clip-model"), seed)
            : "";
    Files.writeString(
        summary, summary(datasetDir, info, report, buildSecs) + learning, StandardCharsets.UTF_8);
    System.out.println("summary: " + summary);
    System.out.println(
        "look at it: ./medloom serve " + datasetDir + "   (then http://127.0.0.1:8080/)");
    return report.ok() ? ExitCodes.OK : ExitCodes.UNUSABLE_INPUT;
  }

  private static String summary(
      Path datasetDir, DatasetInfo info, DatasetVerifier.Report report, double buildSecs)
      throws Exception {
    StringBuilder sb = new StringBuilder();
    sb.append("# MedLoom demo\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "Built `%s` from the phantom in %.1f s: %d synthetic chest radiographs (PA and lateral),"
                + " %dx%d, with exact anatomy and lesion masks and a report per study.%n%n",
            datasetDir.getFileName(),
            buildSecs,
            info.counts().written(),
            info.inputSize().get(2),
            info.inputSize().get(1)));
    sb.append("- inputs: read ")
        .append(info.counts().read())
        .append(" = accepted ")
        .append(info.counts().accepted())
        .append(" + rejected ")
        .append(info.counts().rejected())
        .append('\n');
    sb.append("- splits (patient-disjoint): ").append(info.splitCounts()).append('\n');
    sb.append("- verify: ")
        .append(report.ok() ? "OK" : "FAILED " + report.problems())
        .append("\n\n");
    try (DatasetReader r = DatasetReader.open(datasetDir)) {
      sb.append(
          "## Findings (multilabel task `findings`)\n\n| finding | images | share |\n|---|---:|---:|\n");
      long total = info.counts().written();
      r.query(
          "SELECT f, count(*) FROM (SELECT unnest(string_split(l.name, ', ')) AS f FROM samples,"
              + " unnest(labels) t(l) WHERE l.task = 'findings') GROUP BY f ORDER BY count(*) DESC",
          rs -> {
            while (rs.next()) {
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %d | %.1f%% |%n",
                      rs.getString(1),
                      rs.getLong(2),
                      100.0 * rs.getLong(2) / total));
            }
          });
      sb.append("\n## Regions\n\n| region | count | mean area |\n|---|---:|---:|\n");
      r.query(
          "SELECT r.label, count(*), avg(r.area_fraction) FROM samples, unnest(rois) t(r)"
              + " GROUP BY r.label ORDER BY count(*) DESC",
          rs -> {
            while (rs.next()) {
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %d | %.3f |%n",
                      rs.getString(1),
                      rs.getLong(2),
                      rs.getDouble(3)));
            }
          });
      sb.append("\n## Multigranular text\n\n| level | samples |\n|---|---:|\n");
      r.query(
          "SELECT k, count(DISTINCT id) FROM (SELECT id, unnest(list_transform(texts, t -> t.kind)) AS k"
              + " FROM samples) WHERE k LIKE 'desc.%' OR k LIKE 'report.%' OR k = 'prompt'"
              + " GROUP BY k ORDER BY k",
          rs -> {
            while (rs.next()) {
              sb.append(
                  String.format(Locale.ROOT, "| %s | %d |%n", rs.getString(1), rs.getLong(2)));
            }
          });
      // The side and zone computed from pixels against the phantom's truth, for PA lesions whose
      // truth names a side and a zone.
      r.query(
          "SELECT count(*) FILTER (WHERE r.attributes['attr.loc.side'] IS NOT NULL),"
              + " count(*) FILTER (WHERE r.attributes['attr.loc.side'] || ' '"
              + " || r.attributes['attr.loc.zone'] || ' zone' = r.attributes['truth.location'])"
              + " FROM samples, unnest(rois) t(r) WHERE view = 'PA'"
              + " AND r.attributes['truth.location'] SIMILAR TO '(right|left) (upper|middle|lower) zone'",
          rs -> {
            if (rs.next() && rs.getLong(1) > 0) {
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "%nLesion location computed from pixels agrees with the phantom's truth for %d of %d"
                          + " PA lesions (%.1f%%).%n",
                      rs.getLong(2),
                      rs.getLong(1),
                      100.0 * rs.getLong(2) / rs.getLong(1)));
            }
          });
      sb.append("\n## Example report\n\n");
      r.query(
          "SELECT list_filter(texts, x -> x.kind = 'report.findings')[1].text,"
              + " list_filter(texts, x -> x.kind = 'report.impression')[1].text,"
              + " list_filter(labels, x -> x.task = 'findings')[1].name"
              + " FROM samples WHERE view = 'PA' AND list_filter(labels, x -> x.task = 'findings')[1].name <> 'no finding' ORDER BY id LIMIT 1",
          rs -> {
            if (rs.next()) {
              sb.append("Truth: ").append(rs.getString(3)).append("\n\n");
              sb.append("> FINDINGS: ").append(rs.getString(1)).append("\n>\n");
              sb.append("> IMPRESSION: ").append(rs.getString(2)).append('\n');
            }
          });
    }
    sb.append("\nTry: `./medloom query ")
        .append(datasetDir)
        .append(" \"select split, count(*) from samples group by split\"`\n");
    return sb.toString();
  }
}
