package io.medloom.core.pipeline;

import io.medloom.core.model.Task;
import java.util.List;

/**
 * A stage that modules add to every build (e.g. the report text engine labelling reports), found
 * with {@link java.util.ServiceLoader}, so the build runner does not depend on those modules. Added
 * stages run after standardization, in the order of their names.
 */
public interface StageProvider {
  /** A unique name; also the stage's name in rejections. */
  String name();

  /** Tasks whose labels the stage may add; declared in dataset.json when any sample has them. */
  default List<Task> tasks() {
    return List.of();
  }

  Stage stage();
}
