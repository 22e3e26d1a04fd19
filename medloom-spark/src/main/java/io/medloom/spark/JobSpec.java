package io.medloom.spark;

import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A build's settings in a form Spark can ship to executors (records with {@code Optional} and
 * {@code Path} are not serializable). Executors rebuild the same {@link BuildConfig} from it, so
 * they compute the same config hash and stage list as the driver.
 *
 * <p>It carries the build key: Spark sends it to executors in the task closure. On a shared cluster
 * turn on {@code spark.authenticate} and {@code spark.network.crypto.enabled} (see the README).
 */
final class JobSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String[]> sources = new ArrayList<>();
  private final List<Map<String, String>> options = new ArrayList<>();
  private final String out;
  private final int size;
  private final long seed;
  private final double valFraction;
  private final double testFraction;
  private final int shardSize;
  private final long maxPixels;
  private final byte[] secret;
  private final String name;

  JobSpec(BuildConfig cfg, byte[] secret) {
    for (SourceSpec s : cfg.sources()) {
      sources.add(new String[] {s.kind(), s.location()});
      options.add(new LinkedHashMap<>(s.options()));
    }
    this.out = cfg.out().toAbsolutePath().toString();
    this.size = cfg.size();
    this.seed = cfg.seed();
    this.valFraction = cfg.valFraction();
    this.testFraction = cfg.testFraction();
    this.shardSize = cfg.shardSize();
    this.maxPixels = cfg.maxPixels();
    this.secret = secret.clone();
    this.name = cfg.name();
  }

  BuildConfig config() {
    List<SourceSpec> specs = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      specs.add(new SourceSpec(sources.get(i)[0], sources.get(i)[1], options.get(i)));
    }
    return new BuildConfig(
        specs,
        Path.of(out),
        size,
        seed,
        valFraction,
        testFraction,
        1,
        shardSize,
        maxPixels,
        Optional.of(secret.clone()),
        name);
  }

  byte[] secret() {
    return secret.clone();
  }
}
