package io.medloom.cli;

import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.BuildEngine;
import io.medloom.learn.seg.SegModel;
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
      "Examples:",
      "  ./medloom build --source phantom:2000 --out /tmp/m2 --seed 5",
      "  ./medloom build --source 'folder:/data/busi?modality=US&body_part=BREAST' --out /tmp/busi",
      "  ./medloom build --source phantom:2000 --out /tmp/m2s --engine spark --master 'local[2]'",
      "  ./medloom build --source covid-chestxray:/data/covid --out /tmp/covid --roi-model /tmp/lungs"
    })
final class BuildCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      required = true,
      paramLabel = "KIND:LOCATION[?opt=v&...]",
      description = {
        "A source; repeat for several. The kinds and their options are listed below. Every",
        "source also takes paths=keyed|clear: original paths are stored as keyed hashes (the",
        "default; the phantom's synthetic names stay clear), paths=clear keeps them as they",
        "are; files=inside|anywhere says whether links and listed paths may lead out of the",
        "source's folder (default inside). Credentials (auth=, token=, ...) never reach an",
        "output file."
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

  @Option(
      names = "--profile",
      description = {
        "After the build, print where its time went: seconds per step (read and decode, each",
        "stage, PNG encoding, hashes, rows, Parquet, duplicates), summed over worker threads,",
        "with each step's share and microseconds per input. dataset.json keeps the same table",
        "(key timings) for every local build; a resumed build counts this run's work only."
      })
  boolean profile;

  @Mixin BuildOptions options;

  @Option(
      names = "--roi-model",
      paramLabel = "MODEL",
      description = {
        "After the build, add this segmentation model's regions where its label is missing",
        "(as ./medloom annotate DATASET --roi-model MODEL does); repeatable."
      })
  List<Path> roiModels;

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
    if (options.keyFile != null && !Files.isRegularFile(options.keyFile)) {
      throw new UnusableInputException(
          "--key-file "
              + options.keyFile
              + " does not exist (create one, e.g. head -c 32 /dev/urandom > "
              + options.keyFile
              + ", and keep it private)");
    }
    List<SourceSpec> specs = sources.stream().map(SourceSpec::parse).toList();
    // Every source is checked before anything is created: a typo in a path or an option ends the
    // build here, with no output folder or build key left behind.
    for (SourceSpec s : specs) {
      Sources.check(s);
    }
    List<Path> models = roiModels == null ? List.of() : roiModels;
    for (Path m : models) {
      SegModel.readInfo(m); // a wrong folder fails before the build, not after it
    }
    DatasetInfo info = run(specs, out, name, options, chosen, engineOptions);
    System.out.println(Summaries.oneLine(out, info));
    if (!models.isEmpty()) {
      AnnotateCommand.run(out, models, Optional.empty());
    }
    if (profile) {
      System.out.print(Summaries.timings(info));
    }
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
