package io.medloom.learn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import io.medloom.learn.Preset;
import io.medloom.learn.nn.Encoders;
import java.util.List;

/**
 * The two-tower network: the preset's image encoder and the text transformer, each followed by a
 * linear projection into the joint space where embeddings are L2-normalised, and CLIP's learnable
 * temperature, kept as {@code log(scale)}, initialised at {@code log(1/0.07)} and used as {@code
 * min(exp(·), 100)} (CLIP clamps the scale at 100). With {@code tags > 0}, ASG's tag head: a linear
 * layer from the image features to one logit per finding tag.
 *
 * <p>Inputs select what runs: {@code (images, ids, mask)} gives {@code (image embeddings, text
 * embeddings, scale, tag logits, feature map)} (tag logits only with a tag head); {@code (images)}
 * gives {@code (image embeddings, image features)}; {@code (ids, mask)} gives {@code (text
 * embeddings)}. The feature map is the image tower's last spatial output {@code [B,C,h,w]} (before
 * global average pooling), which ASG's region term pools per region.
 */
public final class ClipNet extends AbstractBlock {
  public static final float INITIAL_SCALE = (float) (1 / 0.07);
  public static final float MAX_SCALE = 100f;

  private final ClipSpec spec;
  private final Block image;
  private final Linear imageProjection;
  private final TextTower text;
  private final Linear textProjection;
  private final Linear tagHead;
  private final Parameter logScale;

  public ClipNet(Preset preset, ClipSpec spec) {
    this.spec = spec;
    image = addChildBlock("image", Encoders.backbone(preset));
    imageProjection =
        addChildBlock("image_projection", Linear.builder().setUnits(spec.embedding()).build());
    text =
        addChildBlock(
            "text",
            new TextTower(
                spec.vocabulary(),
                spec.maxTokens(),
                spec.textWidth(),
                spec.textLayers(),
                spec.heads()));
    textProjection =
        addChildBlock("text_projection", Linear.builder().setUnits(spec.embedding()).build());
    tagHead =
        spec.tags() > 0
            ? addChildBlock("tags", Linear.builder().setUnits(spec.tags()).build())
            : null;
    logScale =
        addParameter(
            Parameter.builder()
                .setName("log_scale")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer((float) Math.log(INITIAL_SCALE)))
                .build());
  }

  public ClipSpec spec() {
    return spec;
  }

  /** The image encoder (before the projection). */
  public Block imageTower() {
    return image;
  }

  /** The text transformer (before the projection). */
  public Block textTower() {
    return text;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() == 2) {
      return new NDList(texts(ps, inputs.get(0), inputs.get(1), training));
    }
    NDArray map = featureMap(ps, inputs.get(0), training);
    NDArray features = map.mean(new int[] {3}).mean(new int[] {2});
    NDArray img =
        normalize(imageProjection.forward(ps, new NDList(features), training).singletonOrThrow());
    if (inputs.size() == 1) {
      return new NDList(img, features);
    }
    NDArray txt = texts(ps, inputs.get(1), inputs.get(2), training);
    NDArray scale = ps.getValue(logScale, features.getDevice(), training).exp().minimum(MAX_SCALE);
    NDList out = new NDList(img, txt, scale);
    if (tagHead != null) {
      out.add(tagHead.forward(ps, new NDList(features), training).singletonOrThrow());
    }
    out.add(map);
    return out;
  }

  /**
   * ASG's tag logits {@code [B, tags]} of pooled image features {@code [B, F]}; null without a
   * head.
   */
  NDArray tagLogits(ParameterStore ps, NDArray features) {
    return tagHead == null
        ? null
        : tagHead.forward(ps, new NDList(features), false).singletonOrThrow();
  }

  /**
   * The image tower up to its global pooling: every block but the last two (global average pooling
   * and flattening, which {@link io.medloom.learn.nn.Encoders#backbone} ends with).
   */
  private NDArray featureMap(ParameterStore ps, NDArray x, boolean training) {
    List<Block> blocks = image.getChildren().values();
    for (int i = 0; i < blocks.size() - 2; i++) {
      x = blocks.get(i).forward(ps, new NDList(x), training).singletonOrThrow();
    }
    return x;
  }

  /** Side {@code h} (= {@code w}) of the feature map for square inputs of side {@code size}. */
  public long featureGrid(int channels, int size) {
    Shape s = new Shape(1, channels, size, size);
    List<Block> blocks = image.getChildren().values();
    for (int i = 0; i < blocks.size() - 2; i++) {
      s = blocks.get(i).getOutputShapes(new Shape[] {s})[0];
    }
    return s.get(2);
  }

  /** Pooled image features {@code [R,C]} projected into the joint space and normalised. */
  public NDArray projectFeatures(ParameterStore ps, NDArray features, boolean training) {
    return normalize(
        imageProjection.forward(ps, new NDList(features), training).singletonOrThrow());
  }

  private NDArray texts(ParameterStore ps, NDArray ids, NDArray mask, boolean training) {
    NDArray pooled = text.forward(ps, new NDList(ids, mask), training).singletonOrThrow();
    return normalize(textProjection.forward(ps, new NDList(pooled), training).singletonOrThrow());
  }

  /**
   * Rows divided by {@code sqrt(|x|² + 1e-12)}: the epsilon sits inside the root so the gradient
   * stays finite for every row, a zero row included (the gradient of a plain norm there is 0/0).
   */
  static NDArray normalize(NDArray x) {
    return x.div(x.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] in) {
    long e = spec.embedding();
    if (in.length == 2) {
      return new Shape[] {new Shape(in[0].get(0), e)};
    }
    Shape features = image.getOutputShapes(new Shape[] {in[0]})[0];
    if (in.length == 1) {
      return new Shape[] {new Shape(in[0].get(0), e), features};
    }
    Shape map = in[0];
    List<Block> blocks = image.getChildren().values();
    for (int i = 0; i < blocks.size() - 2; i++) {
      map = blocks.get(i).getOutputShapes(new Shape[] {map})[0];
    }
    Shape[] out =
        tagHead == null
            ? new Shape[] {
              new Shape(in[0].get(0), e), new Shape(in[1].get(0), e), new Shape(1), map
            }
            : new Shape[] {
              new Shape(in[0].get(0), e),
              new Shape(in[1].get(0), e),
              new Shape(1),
              new Shape(in[0].get(0), spec.tags()),
              map
            };
    return out;
  }

  /** Initialise with {@code (image shape, ids shape, mask shape)}. */
  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    image.initialize(manager, dataType, shapes[0]);
    Shape features = image.getOutputShapes(new Shape[] {shapes[0]})[0];
    imageProjection.initialize(manager, dataType, features);
    text.initialize(manager, dataType, shapes[1], shapes[2]);
    textProjection.initialize(
        manager, dataType, text.getOutputShapes(new Shape[] {shapes[1], shapes[2]})[0]);
    if (tagHead != null) {
      tagHead.initialize(manager, dataType, features);
    }
  }
}
