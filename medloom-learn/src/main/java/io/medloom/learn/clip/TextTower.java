package io.medloom.learn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The text encoder: token embeddings plus learned positional embeddings, {@code layers} pre-norm
 * transformer layers, a final layer norm, and the mean over real (unpadded) tokens. Inputs: ids
 * {@code [B,T]} (int64) and mask {@code [B,T]} (1 for tokens, 0 for padding); output {@code [B,E]}.
 */
final class TextTower extends AbstractBlock {
  private final int width;
  private final IdEmbedding tokens;
  private final Parameter positions;
  private final List<EncoderLayer> layers = new ArrayList<>();
  private final LayerNorm finalNorm;

  TextTower(int vocabulary, int maxLength, int width, int layerCount, int heads) {
    this.width = width;
    tokens =
        addChildBlock(
            "tokens",
            new IdEmbedding.Builder()
                .setDictionarySize(vocabulary)
                .setEmbeddingSize(width)
                .build());
    positions =
        addParameter(
            Parameter.builder()
                .setName("positions")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(maxLength, width))
                .optInitializer(new NormalInitializer(0.01f))
                .build());
    for (int i = 0; i < layerCount; i++) {
      layers.add(addChildBlock("layer" + i, new EncoderLayer(width, heads, 2 * width)));
    }
    finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(2).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1);
    long b = ids.getShape().get(0);
    long t = ids.getShape().get(1);
    NDArray pos = ps.getValue(positions, ids.getDevice(), training);
    NDArray x = tokens.forward(ps, new NDList(ids), training).singletonOrThrow();
    x = x.add(pos.get("0:" + t).expandDims(0));
    NDArray bias = mask.sub(1f).mul(1e9f).reshape(b, 1, 1, t);
    for (EncoderLayer layer : layers) {
      x = layer.forward(ps, new NDList(x, bias), training).singletonOrThrow();
    }
    x = finalNorm.forward(ps, new NDList(x), training).singletonOrThrow();
    NDArray m = mask.expandDims(2);
    NDArray pooled = x.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1f));
    return new NDList(pooled);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape ids = shapes[0];
    tokens.initialize(manager, dataType, ids);
    Shape x = new Shape(ids.get(0), ids.get(1), width);
    for (EncoderLayer layer : layers) {
      layer.initialize(manager, dataType, x, new Shape(ids.get(0), 1, 1, ids.get(1)));
    }
    finalNorm.initialize(manager, dataType, x);
  }
}
