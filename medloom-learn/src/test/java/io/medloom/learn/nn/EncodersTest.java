package io.medloom.learn.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.medloom.learn.Djl;
import io.medloom.learn.Preset;
import org.junit.jupiter.api.Test;

class EncodersTest {
  /**
   * Trainable weights of torchvision's resnet18/34/50 with conv1 made 1-channel and a 10-class fc,
   * counted with torchvision 0.14 (sum of p.numel() over parameters()).
   */
  @Test
  void resNetsHaveTorchvisionWidths() throws Exception {
    Djl.engine();
    long[][] expected = {{18, 11_175_370L}, {34, 21_283_530L}, {50, 23_522_250L}};
    for (long[] e : expected) {
      Preset p =
          new Preset("r", "resnet" + e[0], null, 64, 2, 1, 1e-3, "adam", 0, 0, 0, false, null);
      Block b = Encoders.classifier(p, 10);
      try (NDManager m = NDManager.newBaseManager()) {
        b.initialize(m, DataType.FLOAT32, new Shape(2, 1, 64, 64));
        long trainable = 0;
        for (var pair : b.getParameters()) {
          Parameter prm = pair.getValue();
          if (prm.getType() != Parameter.Type.RUNNING_MEAN
              && prm.getType() != Parameter.Type.RUNNING_VAR) {
            trainable += prm.getArray().size();
          }
        }
        assertThat(trainable).as("resnet%s", e[0]).isEqualTo(e[1]);
        if (e[0] == 18) {
          NDList out =
              b.forward(
                  new ParameterStore(m, false), new NDList(m.ones(new Shape(2, 1, 64, 64))), false);
          assertThat(out.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 10));
        }
      }
    }
  }
}
