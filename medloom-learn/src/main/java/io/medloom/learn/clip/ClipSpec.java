package io.medloom.learn.clip;

import static io.medloom.core.Checks.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.medloom.learn.Preset;

/**
 * The text side and the joint space of a vision–language model, derived from the image preset:
 * {@code tiny} gets a 2-layer, 64-wide text transformer; the others 4 layers, 128 wide (CXR-CLIP
 * uses a 12-layer BERT; these towers are sized for a CPU).
 *
 * @param vocabulary WordPiece vocabulary size
 * @param maxTokens tokens per text, {@code [CLS]} and {@code [SEP]} included
 * @param textWidth width of the text transformer
 * @param textLayers transformer layers
 * @param heads attention heads
 * @param embedding size of the joint (projected, L2-normalised) space
 * @param tags finding tags of the ASG tag head (0 when the model has none)
 */
public record ClipSpec(
    int vocabulary,
    @JsonProperty("max_tokens") int maxTokens,
    @JsonProperty("text_width") int textWidth,
    @JsonProperty("text_layers") int textLayers,
    int heads,
    int embedding,
    int tags) {

  public ClipSpec {
    checkArgument(vocabulary > 5, "vocabulary too small: %s", vocabulary);
    checkArgument(maxTokens >= 3, "max tokens must be >= 3: %s", maxTokens);
    checkArgument(textLayers >= 1, "text layers must be >= 1: %s", textLayers);
    checkArgument(textWidth % heads == 0, "text width must be a multiple of the heads");
    checkArgument(embedding >= 2, "embedding must be >= 2: %s", embedding);
    checkArgument(tags >= 0, "tags must be >= 0: %s", tags);
  }

  /** The text tower a preset gets. */
  public static ClipSpec forPreset(Preset preset, int vocabulary, int maxTokens, int tags) {
    boolean tiny = preset.name().equals("tiny");
    return tiny
        ? new ClipSpec(vocabulary, maxTokens, 64, 2, 4, 64, tags)
        : new ClipSpec(vocabulary, maxTokens, 128, 4, 4, 128, tags);
  }
}
