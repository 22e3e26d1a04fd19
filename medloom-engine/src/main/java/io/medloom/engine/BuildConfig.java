package io.medloom.engine;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import io.medloom.core.source.SourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Everything a build needs. {@link #configHash()} covers every setting that changes the rows, and
 * nothing that does not (threads), so a resumed build may use another thread count. Stages added by
 * other modules are part of it: installing the text engine changes the rows.
 */
public record BuildConfig(
    List<SourceSpec> sources,
    Path out,
    int size,
    long seed,
    double valFraction,
    double testFraction,
    int threads,
    int shardSize,
    long maxPixels,
    Optional<byte[]> secret,
    String name) {

  public static final String MEDLOOM_VERSION = "0.1.0";

  public BuildConfig {
    sources = List.copyOf(sources);
    checkArgument(!sources.isEmpty(), "at least one --source is needed");
    java.util.Set<String> names = new java.util.HashSet<>();
    for (SourceSpec s : sources) {
      // One location is one set of inputs: twice would write every sample twice.
      checkArgument(
          names.add(s.name()),
          "source %s is given twice; give each source once (its options may not differ either)",
          s.name());
    }
    notNull(out, "out");
    checkArgument(size >= 8 && size <= 4096, "size must be in 8..4096: %s", size);
    checkArgument(threads >= 1 && threads <= 256, "threads must be in 1..256: %s", threads);
    checkArgument(shardSize >= 1, "shard size must be positive: %s", shardSize);
    notNull(secret, "secret");
    notNull(name, "name");
  }

  /**
   * The stages other modules add to every build, in their run order (see {@link StageProvider}).
   */
  public static List<io.medloom.core.pipeline.StageProvider> addedStages() {
    List<io.medloom.core.pipeline.StageProvider> out = new java.util.ArrayList<>();
    java.util.ServiceLoader.load(io.medloom.core.pipeline.StageProvider.class).forEach(out::add);
    out.sort(
        java.util.Comparator.comparingInt(io.medloom.core.pipeline.StageProvider::order)
            .thenComparing(io.medloom.core.pipeline.StageProvider::name));
    return out;
  }

  public String configHash() {
    // v2: splits are drawn on the source's kind, not its location; a build begun under v1 is not
    // resumed with v2 rows (its finished shards would hold the old splits).
    StringBuilder sb = new StringBuilder("medloom-build-v2");
    sources.forEach(s -> sb.append('|').append(s));
    sb.append("|size=").append(size).append("|seed=").append(seed);
    sb.append("|val=").append(valFraction).append("|test=").append(testFraction);
    sb.append("|shard=").append(shardSize).append("|maxpx=").append(maxPixels);
    sb.append("|version=").append(MEDLOOM_VERSION);
    addedStages().forEach(p -> sb.append("|stage=").append(p.name()));
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
