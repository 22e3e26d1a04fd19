package io.medloom.cli;

import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.store.build.BuildConfig;
import io.medloom.store.build.BuildEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Builds a standardized dataset from one or more sources.",
      "Re-running the same command resumes an unfinished build."
    },
    footer = {
      "",
      "Source kinds: phantom:N (synthetic chest films), folder:DIR (DIR/<class>/<image>).",
      "",
      "Examples:",
      "  ./medloom build --source phantom:2000 --out /tmp/m2 --seed 5",
      "  ./medloom build --source 'folder:/data/busi?modality=US&body_part=BREAST' --out /tmp/busi",
      "  ./medloom build --source phantom:2000 --out /tmp/m2s --engine spark --master 'local[2]'"
    })
final class BuildCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      required = true,
      paramLabel = "KIND:LOCATION[?opt=v&...]",
      description = {
        "A source; repeat for several. Every source takes paths=keyed|clear: original paths",
        "are stored as keyed hashes (the default; the phantom's synthetic names stay clear),",
        "paths=clear keeps them as they are. Credentials (auth=, token=, ...) never reach",
        "an output file."
      })
  List<String> sources;

  @Option(names = "--out", required = true, description = "Output dataset directory.")
  Path out;

  @Option(
      names = "--name",
      defaultValue = "",
      description = "Dataset name (default: the output folder's name).")
  String name;

  @Option(
      names = "--engine",
      defaultValue = "local",
      description = {
        "local (threads on this machine, the default) or spark (Apache Spark; the same rows).",
        "A build may be resumed on the other engine with the same arguments."
      })
  String engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = {
        "Spark master for --engine spark (default: local[THREADS]; spark://host:7077, yarn,",
        "k8s://...). Under spark-submit the submitted master is used."
      })
  Optional<String> master;

  @Mixin BuildOptions options;

  @Override
  public Integer call() throws Exception {
    BuildEngine chosen = BuildEngine.named(engine);
    Map<String, String> engineOptions = new LinkedHashMap<>();
    if (master.isPresent()) {
      if (engine.equals("local")) {
        throw new IllegalArgumentException("--master needs --engine spark");
      }
      engineOptions.put("master", master.get());
    }
    List<SourceSpec> specs = sources.stream().map(SourceSpec::parse).toList();
    for (SourceSpec s : specs) {
      if (!Sources.providers().containsKey(s.kind())) {
        throw new IllegalArgumentException(
            "unknown source kind '" + s.kind() + "'; known: " + Sources.providers().keySet());
      }
    }
    DatasetInfo info = run(specs, out, name, options, chosen, engineOptions);
    System.out.println(Summaries.oneLine(out, info));
    return ExitCodes.OK;
  }

  static DatasetInfo run(List<SourceSpec> specs, Path out, String name, BuildOptions o)
      throws Exception {
    return run(specs, out, name, o, BuildEngine.named("local"), Map.of());
  }

  static DatasetInfo run(
      List<SourceSpec> specs,
      Path out,
      String name,
      BuildOptions o,
      BuildEngine engine,
      Map<String, String> engineOptions)
      throws Exception {
    Optional<byte[]> secret =
        o.keyFile == null ? Optional.empty() : Optional.of(Files.readAllBytes(o.keyFile));
    BuildConfig cfg =
        new BuildConfig(
            specs,
            out,
            o.size,
            o.seed,
            o.val,
            o.test,
            o.threadsOrDefault(),
            o.shardSize,
            o.maxPixels,
            secret,
            name);
    return engine.run(cfg, engineOptions, ConsoleProgress.forStderr());
  }
}
