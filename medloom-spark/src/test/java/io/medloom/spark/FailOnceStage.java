package io.medloom.spark;

import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageContext;
import io.medloom.core.pipeline.StageProvider;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test stage that, when armed, kills the first task that reaches it with an {@link Error} (which
 * the pipeline does not turn into a rejection), so the test can watch Spark retry the task.
 * Disarmed it passes samples through; it is on the class path of every test in this module, so both
 * engines run it and rows stay comparable.
 */
public final class FailOnceStage implements StageProvider {
  static final AtomicBoolean ARMED = new AtomicBoolean();

  /**
   * When set, every attempt on the input whose path ends with it fails (a task that cannot win).
   */
  static volatile String alwaysFailOn;

  static final java.util.concurrent.atomic.AtomicInteger FAILURES =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Thrown once per arming. */
  static final class InjectedFailure extends Error {
    InjectedFailure() {
      super("injected task failure");
    }
  }

  @Override
  public String name() {
    return "test-fail-once";
  }

  @Override
  public Stage stage(StageContext context) {
    return Stage.of(
        name(),
        s -> {
          String always = alwaysFailOn;
          if (ARMED.compareAndSet(true, false)
              || (always != null && s.originalPath().endsWith(always))) {
            FAILURES.incrementAndGet();
            throw new InjectedFailure();
          }
          return s;
        });
  }
}
