package io.medloom.learn.seg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.medloom.learn.data.Normalization;
import java.util.List;
import java.util.Map;

/**
 * {@code model.json} of a segmentation model: what rebuilds the network, which dataset, target and
 * label regime it learnt from, and how training went.
 *
 * @param status {@code training} while checkpoints are written, {@code finished} after
 * @param roiLabels the region labels of the target (empty: every region from a mask)
 * @param labelledSamples training samples whose (possibly corrupted) mask was used
 * @param expertSamples samples whose label AIDE never replaces (the labelled ones, unless noisy)
 * @param corruptions how many masks each noise operation changed
 * @param bestNet which of AIDE's two networks gave the kept weights (1 for supervised)
 * @param views the views trained on (empty: every view)
 * @param appearance {@code standard} or {@code strong} ({@link Appearance}); absent in older models
 * @param dataSeed the seed that drew the labelled patients and the corrupted masks when it is not
 *     {@code seed} (AIDE's second supervised start); null otherwise and in older models
 */
public record SegModelInfo(
    @JsonProperty("format_version") int formatVersion,
    String kind,
    String status,
    String method,
    SegPreset preset,
    @JsonProperty("roi_labels") List<String> roiLabels,
    @JsonProperty("with_empty") boolean withEmpty,
    @JsonProperty("dataset_name") String datasetName,
    @JsonProperty("dataset_path") String datasetPath,
    @JsonProperty("dataset_fingerprint") String datasetFingerprint,
    @JsonProperty("split_scheme") String splitScheme,
    Normalization normalization,
    @JsonProperty("label_fraction") double labelFraction,
    double noise,
    AideOptions aide,
    long seed,
    @JsonProperty("config_hash") String configHash,
    @JsonProperty("train_samples") int trainSamples,
    @JsonProperty("labelled_samples") int labelledSamples,
    @JsonProperty("expert_samples") int expertSamples,
    @JsonProperty("val_samples") int valSamples,
    @JsonProperty("left_out_without_region") int leftOut,
    Map<String, Integer> corruptions,
    @JsonProperty("epochs_run") int epochsRun,
    @JsonProperty("best_epoch") int bestEpoch,
    @JsonProperty("best_val_dice") Double bestValDice,
    @JsonProperty("best_net") int bestNet,
    @JsonProperty("train_seconds") double trainSeconds,
    List<String> views,
    String appearance,
    @JsonProperty("data_seed") @JsonInclude(JsonInclude.Include.NON_NULL) Long dataSeed) {

  public static final int FORMAT_VERSION = 1;

  public SegModelInfo finished(int epochs, int best, Double dice, int net, double secs) {
    return new SegModelInfo(
        formatVersion,
        kind,
        "finished",
        method,
        preset,
        roiLabels,
        withEmpty,
        datasetName,
        datasetPath,
        datasetFingerprint,
        splitScheme,
        normalization,
        labelFraction,
        noise,
        aide,
        seed,
        configHash,
        trainSamples,
        labelledSamples,
        expertSamples,
        valSamples,
        leftOut,
        corruptions,
        epochs,
        best,
        dice,
        net,
        secs,
        views,
        appearance,
        dataSeed);
  }

  /** The appearance the model was trained with; models from before the option are standard. */
  public Appearance appearanceOrDefault() {
    return appearance == null ? Appearance.STANDARD : Appearance.parse(appearance);
  }

  /** The views trained on; empty for every view (and for models from before the option). */
  public List<String> viewsOrEmpty() {
    return views == null ? List.of() : views;
  }
}
