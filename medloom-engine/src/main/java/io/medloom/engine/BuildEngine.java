package io.medloom.engine;

import io.medloom.core.Progress;
import io.medloom.core.model.DatasetInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A way to run a build: {@code local} (threads on this machine) or another engine found with {@link
 * ServiceLoader} (the Spark runner). Every engine cuts shards with {@link ShardPlan}, computes them
 * with {@link ShardComputer} and ends with {@link BuildFinisher}, so the rows do not depend on the
 * engine.
 */
public interface BuildEngine {
  String name();

  /**
   * Runs, resumes or recognises as done the build.
   *
   * @param options engine settings (for Spark: {@code master}); unknown keys are an error
   */
  DatasetInfo run(BuildConfig cfg, Map<String, String> options, Progress progress) throws Exception;

  /** The local engine and every engine on the class path. */
  static List<BuildEngine> available() {
    List<BuildEngine> out = new ArrayList<>(List.of(new Local()));
    ServiceLoader.load(BuildEngine.class).forEach(out::add);
    return out;
  }

  static BuildEngine named(String name) {
    List<BuildEngine> all = available();
    return all.stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown --engine '"
                        + name
                        + "'; available: "
                        + all.stream().map(BuildEngine::name).toList()));
  }

  /** The default engine: {@link LocalBuild}. */
  final class Local implements BuildEngine {
    @Override
    public String name() {
      return "local";
    }

    @Override
    public DatasetInfo run(BuildConfig cfg, Map<String, String> options, Progress progress)
        throws Exception {
      if (!options.isEmpty()) {
        throw new IllegalArgumentException(
            "the local engine takes no engine options: " + options.keySet());
      }
      return LocalBuild.run(cfg, progress);
    }
  }
}
