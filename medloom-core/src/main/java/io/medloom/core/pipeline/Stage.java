package io.medloom.core.pipeline;

import io.medloom.core.model.Sample;
import java.util.List;

/**
 * One pure step of the build: a sample in, zero or more samples out (a volume may become slices).
 *
 * <p>A stage knows nothing of threads, files or clusters, so the same stage runs in the local
 * runner and on Spark. It signals a bad input by throwing; the {@link Pipeline} turns the exception
 * into a {@link io.medloom.core.model.Rejection} that names the stage and keeps the cause.
 */
public interface Stage {
  /** A short name used in rejections and logs, e.g. {@code standardize}. */
  String name();

  List<Sample> apply(Sample sample) throws Exception;

  /** Adapts a one-to-one function into a stage. */
  static Stage of(String name, OneToOne fn) {
    return new Stage() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Sample> apply(Sample sample) throws Exception {
        return List.of(fn.apply(sample));
      }
    };
  }

  /** A stage that maps each sample to exactly one sample. */
  @FunctionalInterface
  interface OneToOne {
    Sample apply(Sample sample) throws Exception;
  }
}
