package io.medloom.core.pipeline;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a build tells the stages other modules add: its seed (so {@code --seed} reaches every random
 * choice a stage makes), the stored image size, and named options for stages (e.g. {@code
 * roi-model} for a learned region proposer). Options are sorted, so the context hashes the same in
 * every run.
 */
public record StageContext(long seed, int size, Map<String, String> options) {
  public StageContext {
    checkArgument(size > 0, "size must be positive: %s", size);
    notNull(options, "options");
    options = Map.copyOf(new TreeMap<>(options));
  }

  /** The context of a build with no stage options. */
  public static StageContext of(long seed, int size) {
    return new StageContext(seed, size, Map.of());
  }

  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /**
   * A per-item seed from the build seed and a stable key (e.g. a sample id): deterministic for one
   * seed, different across seeds. SplitMix64's finaliser spreads the bits.
   */
  public long seedFor(String key) {
    long z = seed * 0x9E3779B97F4A7C15L + key.hashCode();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
