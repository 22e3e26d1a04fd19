import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.medloom.learn.Djl;
import io.medloom.learn.Preset;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.nn.Encoders;
import io.medloom.learn.train.AdamOptimizer;
import io.medloom.learn.train.TaskLoss;
import java.util.Arrays;
import java.util.Random;

/**
 * One training step of MedLoom's standard ResNet-18 (torchvision widths, 1 input channel, 10
 * classes): batch B of 1xSxS, forward + cross-entropy + backward + Adam update, exactly the calls
 * ClassifyTraining makes. Prints "steps median_seconds min_seconds".
 */
public class TrainStepBench {
  public static void main(String[] a) throws Exception {
    int batch = Integer.parseInt(a[0]);
    int size = Integer.parseInt(a[1]);
    int warmup = Integer.parseInt(a[2]);
    int steps = Integer.parseInt(a[3]);
    Djl.engine();
    Djl.seed(1);
    Preset p = new Preset("bench", "resnet18", null, size, batch, 1, 1e-3, "adam", 0, 0, 0, false, null);
    AdamOptimizer opt = new AdamOptimizer(false, 0f);
    opt.setLearningRate(1e-3f);
    TaskLoss loss = new TaskLoss(TargetSpec.Loss.CROSS_ENTROPY, new float[10]);
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(loss)
            .optOptimizer(opt)
            .optDevices(new Device[] {Device.cpu()});
    Random r = new Random(1);
    float[] x = new float[batch * size * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] y = new float[batch * 10];
    for (int i = 0; i < batch; i++) {
      y[i * 10 + r.nextInt(10)] = 1;
    }
    double[] secs = new double[steps];
    try (Model model = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
      model.setBlock(Encoders.classifier(p, 10));
      try (Trainer t = model.newTrainer(tc)) {
        t.initialize(new Shape(batch, 1, size, size));
        for (int i = -warmup; i < steps; i++) {
          long t0 = System.nanoTime();
          try (NDManager m = t.getManager().newSubManager()) {
            NDArray xa = m.create(x, new Shape(batch, 1, size, size));
            NDArray ya = m.create(y, new Shape(batch, 10));
            try (GradientCollector gc = t.newGradientCollector()) {
              gc.zeroGradients();
              NDArray l = loss.evaluate(new NDList(ya), t.forward(new NDList(xa)));
              gc.backward(l);
              l.getFloat();
            }
            t.step();
          }
          if (i >= 0) {
            secs[i] = (System.nanoTime() - t0) / 1e9;
          }
          System.err.printf("step %d: %.2f s, RSS %s%n", i, (System.nanoTime() - t0) / 1e9, rss());
        }
      }
    }
    Arrays.sort(secs);
    System.out.println(steps + " " + secs[steps / 2] + " " + secs[0]);
  }

  /** The process's resident set size from /proc (Linux). */
  static String rss() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS"))
          .map(l -> l.replaceAll("\\s+", " ").substring(7))
          .findFirst()
          .orElse("?");
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
