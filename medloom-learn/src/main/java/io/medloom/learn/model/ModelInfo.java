package io.medloom.learn.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.medloom.core.model.Task;
import io.medloom.learn.Preset;
import io.medloom.learn.data.Normalization;

/**
 * {@code model.json}: everything needed to rebuild, check and use a trained classifier.
 *
 * @param status {@code training} while checkpoints are being written, {@code finished} after
 * @param task the task with its label map (class index to name)
 * @param channels input channels (the dataset's)
 * @param configHash what a resumed run must match: dataset fingerprint, task, preset, seed, splits
 */
public record ModelInfo(
    @JsonProperty("format_version") int formatVersion,
    String kind,
    String status,
    Task task,
    Preset preset,
    DatasetRef dataset,
    int channels,
    Normalization normalization,
    @JsonProperty("positive_weights") float[] positiveWeights,
    long seed,
    @JsonProperty("config_hash") String configHash,
    @JsonProperty("train_samples") int trainSamples,
    @JsonProperty("val_samples") int valSamples,
    @JsonProperty("skipped_without_label") int skipped,
    @JsonProperty("epochs_run") int epochsRun,
    @JsonProperty("best_epoch") int bestEpoch,
    @JsonProperty("best_val_auroc") Double bestValAuroc,
    @JsonProperty("stopped_early") boolean stoppedEarly,
    @JsonProperty("train_seconds") double trainSeconds) {

  public static final int FORMAT_VERSION = 1;

  /**
   * The dataset a model was trained on.
   *
   * @param fingerprint SHA-256 (first 128 bits) of the dataset's {@code _SUCCESS}
   * @param splitScheme {@code medloom} ({@code split}) or {@code original} ({@code original_split})
   * @param inputSize the dataset's [C,H,W], the size {@code predict} standardizes images to
   */
  public record DatasetRef(
      String id,
      String name,
      String path,
      String fingerprint,
      @JsonProperty("split_scheme") String splitScheme,
      @JsonProperty("input_size") java.util.List<Integer> inputSize) {}

  public ModelInfo finished(
      int epochsRun, int bestEpoch, Double bestValAuroc, boolean stoppedEarly, double secs) {
    return new ModelInfo(
        formatVersion,
        kind,
        "finished",
        task,
        preset,
        dataset,
        channels,
        normalization,
        positiveWeights,
        seed,
        configHash,
        trainSamples,
        valSamples,
        skipped,
        epochsRun,
        bestEpoch,
        bestValAuroc,
        stoppedEarly,
        secs);
  }
}
