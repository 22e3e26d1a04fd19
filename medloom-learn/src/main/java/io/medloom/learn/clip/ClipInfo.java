package io.medloom.learn.clip;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.medloom.learn.Preset;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.model.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;

/**
 * {@code model.json} of a vision–language model ({@code kind = "clip"}): what rebuilds the network
 * (preset, text spec, vocabulary in {@code vocab.txt} beside it) and what it was trained on.
 *
 * @param loss {@code clip}, {@code cxr-clip} or {@code asg}
 * @param bestValLoss the validation CLIP loss of the kept epoch
 * @param textMarks {@link TextMarks} wire name; absent (null) in models written before marks
 *     existed, which read as {@code none}
 */
public record ClipInfo(
    @JsonProperty("format_version") int formatVersion,
    String kind,
    String status,
    String loss,
    Preset preset,
    ClipSpec spec,
    ModelInfo.DatasetRef dataset,
    int channels,
    Normalization normalization,
    long seed,
    @JsonProperty("config_hash") String configHash,
    @JsonProperty("train_samples") int trainSamples,
    @JsonProperty("val_samples") int valSamples,
    @JsonProperty("skipped") int skipped,
    @JsonProperty("epochs_run") int epochsRun,
    @JsonProperty("best_epoch") int bestEpoch,
    @JsonProperty("best_val_loss") Double bestValLoss,
    @JsonProperty("train_seconds") double trainSeconds,
    @JsonProperty("text_marks") String textMarks) {

  public static final String KIND = "clip";

  public ClipInfo finished(int epochs, int best, Double bestLoss, double secs) {
    return new ClipInfo(
        formatVersion,
        kind,
        "finished",
        loss,
        preset,
        spec,
        dataset,
        channels,
        normalization,
        seed,
        configHash,
        trainSamples,
        valSamples,
        skipped,
        epochs,
        best,
        bestLoss,
        secs,
        textMarks);
  }

  /** How the model's texts are rewritten before tokenizing. */
  public TextMarks marks() {
    return TextMarks.parse(textMarks);
  }

  /** Reads a model folder's {@code model.json}, which must describe a vision–language model. */
  public static ClipInfo read(ModelFolder folder) throws IOException {
    if (!Files.isRegularFile(folder.info())) {
      throw new IllegalArgumentException(
          folder.root() + " is not a MedLoom model folder: model.json is missing");
    }
    var tree = ModelFolder.JSON.readTree(folder.info().toFile());
    if (!KIND.equals(tree.path("kind").asText())) {
      throw new IllegalArgumentException(
          folder.root()
              + " holds a '"
              + tree.path("kind").asText()
              + "' model, not a vision–language one (train it with ./medloom train clip)");
    }
    try {
      return ModelFolder.JSON.treeToValue(tree, ClipInfo.class);
    } catch (IOException e) {
      throw new IOException("unreadable " + folder.info() + ": " + e.getMessage(), e);
    }
  }

  public void write(ModelFolder folder) throws IOException {
    ModelFolder.writeAtomically(folder.info(), ModelFolder.JSON.writeValueAsBytes(this));
  }
}
