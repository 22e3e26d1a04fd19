package io.medloom.learn.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code state.json} of a checkpoint: where the run stands after {@code epoch} (1-based) epochs.
 *
 * @param step optimizer steps taken so far (the schedule's position)
 * @param sinceBest epochs since the best validation AUROC (early stopping)
 */
public record CheckpointState(
    int epoch,
    long step,
    @JsonProperty("best_epoch") int bestEpoch,
    @JsonProperty("best_val_auroc") Double bestValAuroc,
    @JsonProperty("since_best") int sinceBest,
    @JsonProperty("config_hash") String configHash,
    @JsonProperty("train_seconds") double trainSeconds,
    List<EpochRow> rows) {
  public CheckpointState {
    rows = List.copyOf(rows);
  }
}
