package io.medloom.learn.fewshot;

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
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A shared encoder with one linear head per task: images in, one logit tensor per head out. A batch
 * comes from one task, and only that head's output enters the loss, so the other heads get no
 * gradient from it while the encoder learns from every task in turn.
 */
final class MultiHead extends AbstractBlock {
  private final Block backbone;
  private final List<Linear> heads = new ArrayList<>();

  MultiHead(Block backbone, List<Integer> outputs) {
    this.backbone = addChildBlock("backbone", backbone);
    for (int i = 0; i < outputs.size(); i++) {
      Linear head = Linear.builder().setUnits(outputs.get(i)).build();
      head.setInitializer(
          new XavierInitializer(
              XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
          Parameter.Type.WEIGHT);
      heads.add(addChildBlock("head" + i, head));
    }
  }

  Block backbone() {
    return backbone;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray features = backbone.forward(ps, inputs, training).singletonOrThrow();
    NDList out = new NDList();
    for (Linear h : heads) {
      out.add(h.forward(ps, new NDList(features), training).singletonOrThrow());
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] in) {
    Shape features = backbone.getOutputShapes(in)[0];
    Shape[] out = new Shape[heads.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = heads.get(i).getOutputShapes(new Shape[] {features})[0];
    }
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    backbone.initialize(manager, dataType, shapes);
    Shape features = backbone.getOutputShapes(shapes)[0];
    for (Linear h : heads) {
      h.initialize(manager, dataType, features);
    }
  }
}
