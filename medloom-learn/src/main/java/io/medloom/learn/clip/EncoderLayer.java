package io.medloom.learn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm transformer encoder layer (GPT-2/CLIP text tower style): {@code x +
 * attention(LN(x))}, then {@code x + MLP(LN(x))} with a GELU. Padding is kept out of attention by
 * an additive mask: inputs are {@code [B,T,E]} activations and a {@code [B,1,1,T]} bias (0 for
 * tokens, -1e9 for padding). DJL's own {@code TransformerEncoderBlock} takes no mask and normalizes
 * with batch norm, which is why this one exists.
 */
final class EncoderLayer extends AbstractBlock {
  private final int width;
  private final int heads;
  private final LayerNorm norm1;
  private final LayerNorm norm2;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Linear out;
  private final Linear up;
  private final Linear down;

  EncoderLayer(int width, int heads, int hidden) {
    if (width % heads != 0) {
      throw new IllegalArgumentException("width " + width + " is not a multiple of " + heads);
    }
    this.width = width;
    this.heads = heads;
    norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
    query = addChildBlock("query", Linear.builder().setUnits(width).build());
    key = addChildBlock("key", Linear.builder().setUnits(width).build());
    value = addChildBlock("value", Linear.builder().setUnits(width).build());
    out = addChildBlock("out", Linear.builder().setUnits(width).build());
    norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
    up = addChildBlock("up", Linear.builder().setUnits(hidden).build());
    down = addChildBlock("down", Linear.builder().setUnits(width).build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray bias = inputs.get(1);
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    int d = width / heads;
    NDArray h = norm1.forward(ps, new NDList(x), training).singletonOrThrow();
    NDArray q = split(query.forward(ps, new NDList(h), training).singletonOrThrow(), b, t, d);
    NDArray k = split(key.forward(ps, new NDList(h), training).singletonOrThrow(), b, t, d);
    NDArray v = split(value.forward(ps, new NDList(h), training).singletonOrThrow(), b, t, d);
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(d)).add(bias);
    NDArray att = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b, t, width);
    x = x.add(out.forward(ps, new NDList(att), training).singletonOrThrow());
    NDArray h2 = norm2.forward(ps, new NDList(x), training).singletonOrThrow();
    NDArray m = Activation.gelu(up.forward(ps, new NDList(h2), training).singletonOrThrow());
    x = x.add(down.forward(ps, new NDList(m), training).singletonOrThrow());
    return new NDList(x);
  }

  private NDArray split(NDArray a, long b, long t, int d) {
    return a.reshape(b, t, heads, d).transpose(0, 2, 1, 3);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    Shape x = shapes[0];
    norm1.initialize(manager, dataType, x);
    query.initialize(manager, dataType, x);
    key.initialize(manager, dataType, x);
    value.initialize(manager, dataType, x);
    out.initialize(manager, dataType, x);
    norm2.initialize(manager, dataType, x);
    up.initialize(manager, dataType, x);
    down.initialize(manager, dataType, up.getOutputShapes(new Shape[] {x})[0]);
  }
}
