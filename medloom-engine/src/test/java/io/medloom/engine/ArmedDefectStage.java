package io.medloom.engine;

import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageContext;
import io.medloom.core.pipeline.StageProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * A test stage that, while armed, gives every sample a label of a task nobody declares: rows that
 * {@code verify} refuses, which no check before finishing catches. Disarmed it passes samples
 * through; it is on the class path of every test in this module.
 */
public final class ArmedDefectStage implements StageProvider {
  static volatile boolean armed;

  private static final Task UNDECLARED =
      Task.of("undeclared-task", TaskTarget.BINARY, List.of("no", "yes"));

  @Override
  public String name() {
    return "test-armed-defect";
  }

  @Override
  public Stage stage(StageContext context) {
    return Stage.of(
        name(),
        s -> {
          if (!armed) {
            return s;
          }
          List<Label> labels = new ArrayList<>(s.labels());
          labels.add(Label.single(UNDECLARED, 1));
          return s.withLabels(labels);
        });
  }
}
