package io.medloom.learn.seg;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code state.json} of a segmentation checkpoint, after {@code epoch} epochs. */
public record SegState(
    int epoch,
    long step,
    @JsonProperty("best_epoch") int bestEpoch,
    @JsonProperty("best_val_dice") Double bestValDice,
    @JsonProperty("best_net") int bestNet,
    @JsonProperty("config_hash") String configHash,
    @JsonProperty("train_seconds") double trainSeconds,
    List<SegEpochRow> rows) {
  public SegState {
    rows = List.copyOf(rows);
  }
}
