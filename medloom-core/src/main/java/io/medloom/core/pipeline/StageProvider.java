package io.medloom.core.pipeline;

import io.medloom.core.model.Task;
import java.util.List;

/**
 * A stage that modules add to every build (e.g. the report text engine labelling reports), found
 * with {@link java.util.ServiceLoader}, so the build runner does not depend on those modules. Added
 * stages run after standardization, by {@link #order()} and then by name.
 */
public interface StageProvider {
  /** A unique name; also the stage's name in rejections. */
  String name();

  /**
   * Where the stage runs among the added stages: lower first. Text stages (that read reports into
   * labels and triplets) use 100-199 and annotation 200-299, so a generated description can be
   * checked against what the report says of the same image.
   */
  default int order() {
    return 500;
  }

  /** Tasks whose labels the stage may add; declared in dataset.json when any sample has them. */
  default List<Task> tasks() {
    return List.of();
  }

  /** The stage for one build (or one re-run over a finished dataset), given that run's context. */
  Stage stage(StageContext context);
}
