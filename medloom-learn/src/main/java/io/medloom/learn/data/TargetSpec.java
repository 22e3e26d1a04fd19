package io.medloom.learn.data;

import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;

/**
 * How a task's labels become training targets and which loss fits them: multiclass and ordinal →
 * one-hot targets, softmax cross-entropy; binary → one logit, binary cross-entropy; multilabel →
 * one logit per class, binary cross-entropy with positive weights; regression → one standardized
 * value, mean squared error.
 *
 * @param outputs logits the model produces
 */
public record TargetSpec(Task task, int outputs, Loss loss) {
  /** The loss a task type picks. */
  public enum Loss {
    CROSS_ENTROPY,
    BINARY_CROSS_ENTROPY,
    MEAN_SQUARED_ERROR
  }

  public static TargetSpec of(Task task) {
    return switch (task.target()) {
      case MULTICLASS, ORDINAL -> new TargetSpec(task, task.classes().size(), Loss.CROSS_ENTROPY);
      case BINARY -> new TargetSpec(task, 1, Loss.BINARY_CROSS_ENTROPY);
      case MULTILABEL -> new TargetSpec(task, task.classes().size(), Loss.BINARY_CROSS_ENTROPY);
      case REGRESSION -> new TargetSpec(task, 1, Loss.MEAN_SQUARED_ERROR);
      case SEGMENTATION ->
          throw new IllegalArgumentException(
              "task '" + task.name() + "' is a segmentation task; classify needs labels");
    };
  }

  public TaskTarget target() {
    return task.target();
  }

  /** Class names in index order (one "value" for regression). */
  public java.util.List<String> classNames() {
    return task.target() == TaskTarget.REGRESSION
        ? java.util.List.of("value")
        : java.util.List.copyOf(task.classes().values());
  }

  /**
   * The target vector of a label ({@code outputs} floats); regression values are standardized with
   * {@code mean} and {@code std} of the training split.
   */
  public float[] encode(Label label, double mean, double std) {
    float[] t = new float[outputs];
    switch (task.target()) {
      case MULTICLASS, ORDINAL -> t[label.index()] = 1;
      case BINARY -> t[0] = label.index() == 1 ? 1 : 0;
      case MULTILABEL -> label.indices().forEach(i -> t[i] = 1);
      case REGRESSION -> t[0] = (float) ((label.value() - mean) / std);
      default -> throw new IllegalStateException("not a classify task: " + task.target());
    }
    return t;
  }

  /** Whether a stored label can be trained on (a regression label needs a finite value). */
  public boolean usable(Label label) {
    return switch (task.target()) {
      case REGRESSION -> Double.isFinite(label.value());
      case MULTILABEL -> true;
      default -> label.index() >= 0 && label.index() < task.classes().size();
    };
  }
}
