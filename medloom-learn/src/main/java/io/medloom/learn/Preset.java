package io.medloom.learn;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.transform.Augmentation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A named training recipe (open_clip's model configs): the encoder, the input size, and the
 * optimisation. Built-in presets are JSON resources ({@code presets/NAME.json}); a path to a JSON
 * file works the same way. Command-line options override single fields.
 *
 * @param encoder {@code cnn}, {@code resnet18}, {@code resnet34} or {@code resnet50}
 * @param widths channels per stage of the {@code cnn} encoder (ignored by ResNets)
 * @param imageSize the square input side the loader resizes to
 * @param optimizer {@code adam} or {@code adamw}
 * @param warmupEpochs linear warm-up before the cosine decay, in epochs (may be fractional)
 * @param patience epochs without a better validation AUROC before stopping early (0 = never)
 * @param balanced draw training batches class-balanced (single-label tasks)
 */
public record Preset(
    String name,
    String encoder,
    List<Integer> widths,
    @JsonProperty("image_size") int imageSize,
    int batch,
    int epochs,
    double lr,
    String optimizer,
    @JsonProperty("weight_decay") double weightDecay,
    @JsonProperty("warmup_epochs") double warmupEpochs,
    int patience,
    boolean balanced,
    Augmentation augmentation) {

  public static final Set<String> ENCODERS = Set.of("cnn", "resnet18", "resnet34", "resnet50");
  public static final List<String> BUILT_IN = List.of("tiny", "small", "resnet18");
  private static final ObjectMapper JSON = new ObjectMapper();

  public Preset {
    notBlank(name, "preset name");
    checkArgument(ENCODERS.contains(encoder), "encoder must be one of %s: '%s'", ENCODERS, encoder);
    widths = widths == null ? List.of() : List.copyOf(widths);
    checkArgument(
        !encoder.equals("cnn") || !widths.isEmpty(), "the cnn encoder needs widths, e.g. [16,32]");
    checkArgument(
        imageSize >= 16 && imageSize <= 1024, "image_size must be in 16..1024: %s", imageSize);
    checkArgument(batch >= 1, "batch must be >= 1: %s", batch);
    checkArgument(epochs >= 1, "epochs must be >= 1: %s", epochs);
    checkArgument(lr > 0 && lr < 1, "lr must be in (0,1): %s", lr);
    checkArgument(
        optimizer.equals("adam") || optimizer.equals("adamw"),
        "optimizer must be adam or adamw: '%s'",
        optimizer);
    checkArgument(weightDecay >= 0, "weight_decay must be >= 0: %s", weightDecay);
    checkArgument(warmupEpochs >= 0, "warmup_epochs must be >= 0: %s", warmupEpochs);
    checkArgument(patience >= 0, "patience must be >= 0: %s", patience);
    augmentation = augmentation == null ? Augmentation.NONE : augmentation;
  }

  /** A built-in preset by name, or a preset JSON file by path. */
  public static Preset load(String nameOrPath) throws IOException {
    if (BUILT_IN.contains(nameOrPath)) {
      try (InputStream in = Preset.class.getResourceAsStream("presets/" + nameOrPath + ".json")) {
        return JSON.readValue(in, Preset.class);
      }
    }
    Path p = Path.of(nameOrPath);
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          "unknown preset '"
              + nameOrPath
              + "': built-in presets are "
              + BUILT_IN
              + ", or give a JSON file");
    }
    try {
      return JSON.readValue(p.toFile(), Preset.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable preset " + p + ": " + e.getMessage(), e);
    }
  }

  public String toJson() throws IOException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
  }

  public Preset withEpochs(int e) {
    return new Preset(
        name,
        encoder,
        widths,
        imageSize,
        batch,
        e,
        lr,
        optimizer,
        weightDecay,
        warmupEpochs,
        patience,
        balanced,
        augmentation);
  }

  public Preset withBatch(int b) {
    return new Preset(
        name,
        encoder,
        widths,
        imageSize,
        b,
        epochs,
        lr,
        optimizer,
        weightDecay,
        warmupEpochs,
        patience,
        balanced,
        augmentation);
  }

  public Preset withLr(double l) {
    return new Preset(
        name,
        encoder,
        widths,
        imageSize,
        batch,
        epochs,
        l,
        optimizer,
        weightDecay,
        warmupEpochs,
        patience,
        balanced,
        augmentation);
  }

  public Preset withImageSize(int s) {
    return new Preset(
        name,
        encoder,
        widths,
        s,
        batch,
        epochs,
        lr,
        optimizer,
        weightDecay,
        warmupEpochs,
        patience,
        balanced,
        augmentation);
  }

  public Preset withBalanced(boolean b) {
    return new Preset(
        name,
        encoder,
        widths,
        imageSize,
        batch,
        epochs,
        lr,
        optimizer,
        weightDecay,
        warmupEpochs,
        patience,
        b,
        augmentation);
  }
}
