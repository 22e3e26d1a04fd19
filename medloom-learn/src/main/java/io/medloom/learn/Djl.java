package io.medloom.learn;

import ai.djl.engine.Engine;

/**
 * The DJL engine, offline. MedLoom never lets DJL download anything: the PyTorch native library
 * comes from the {@code pytorch-native-cpu} jar on the class path, and without it DJL fails fast
 * instead of fetching one. Threads default to two intra-op and one inter-op thread unless the
 * launcher (or {@code -Dai.djl.pytorch.num_threads}) says otherwise.
 */
public final class Djl {
  private Djl() {}

  /** Sets the offline flag and default thread counts (unless already set), then the engine. */
  public static synchronized Engine engine() {
    System.setProperty("ai.djl.offline", "true");
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty(
          "ai.djl.pytorch.num_threads",
          String.valueOf(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))));
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    try {
      return Engine.getEngine("PyTorch");
    } catch (RuntimeException | LinkageError e) {
      throw new IllegalStateException(
          "the PyTorch engine did not start ("
              + e.getMessage()
              + "); learning commands need the DJL jars of the launcher (./medloom adds"
              + " medloom-cli/target/djl-lib) and a writable ENGINE_CACHE_DIR",
          e);
    }
  }

  /** Seeds the engine's generator (weight initialisation). */
  public static void seed(long seed) {
    engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
  }
}
