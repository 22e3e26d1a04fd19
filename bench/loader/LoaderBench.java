import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.medloom.core.model.Task;
import io.medloom.learn.Djl;
import io.medloom.learn.Preset;
import io.medloom.learn.data.Examples;
import io.medloom.learn.data.HostBatch;
import io.medloom.learn.data.Loader;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.Samplers;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.nn.Encoders;
import io.medloom.learn.train.AdamOptimizer;
import io.medloom.learn.train.TaskLoss;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Optional;

/**
 * Images per second the prefetching loader delivers (PNG decode + the preset's full augmentation +
 * normalization, THREADS background threads, the trainer idle) and images per second the trainer
 * consumes (forward + backward + update of the preset's network on batches already in memory).
 * Prints "delivered consumed".
 */
public class LoaderBench {
  public static void main(String[] a) throws Exception {
    Path dataset = Path.of(a[0]);
    String task = a[1];
    Preset p = Preset.load(a[2]).withImageSize(Integer.parseInt(a[3]));
    int threads = Integer.parseInt(a[4]);
    int steps = Integer.parseInt(a[5]);
    try (SampleReader r =
        SampleReader.open(
            dataset, SplitScheme.MEDLOOM, Optional.empty(), EnumSet.of(Column.IMAGE, Column.LABELS))) {
      Task t = r.info().tasks().stream().filter(x -> x.name().equals(task)).findFirst().orElseThrow();
      TargetSpec spec = TargetSpec.of(t);
      Examples ex = new Examples(r, spec, p.imageSize(), new Normalization(0.5, 0.25, 0, 1),
          p.augmentation(), true, 1);
      double delivered = 0;
      try (Loader loader = new Loader(ex, threads, 2 * threads + 2)) {
        for (int epoch = 1; epoch <= 2; epoch++) { // the first epoch warms the JIT up
          long t0 = System.nanoTime();
          long n = 0;
          Iterator<HostBatch> it = loader.epoch(Samplers.shuffled(ex.size(), 1, epoch), p.batch(), epoch, true);
          while (it.hasNext()) {
            n += it.next().n();
          }
          delivered = n / ((System.nanoTime() - t0) / 1e9);
        }
      }
      Djl.engine();
      AdamOptimizer opt = new AdamOptimizer(true, 1e-4f);
      TaskLoss loss = new TaskLoss(spec.loss(), new float[spec.outputs()]);
      int b = p.batch();
      int s = p.imageSize();
      float[] x = new float[b * ex.channels() * s * s];
      float[] y = new float[b * spec.outputs()];
      try (Model model = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
        model.setBlock(Encoders.classifier(p, spec.outputs()));
        try (Trainer tr = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(opt))) {
          tr.initialize(new Shape(b, ex.channels(), s, s));
          long t0 = 0;
          for (int i = -3; i < steps; i++) {
            if (i == 0) {
              t0 = System.nanoTime();
            }
            try (NDManager m = tr.getManager().newSubManager()) {
              try (GradientCollector gc = tr.newGradientCollector()) {
                gc.zeroGradients();
                NDArray l =
                    loss.evaluate(
                        new NDList(m.create(y, new Shape(b, spec.outputs()))),
                        tr.forward(new NDList(m.create(x, new Shape(b, ex.channels(), s, s)))));
                gc.backward(l);
              }
              tr.step();
            }
          }
          double consumed = (double) steps * b / ((System.nanoTime() - t0) / 1e9);
          System.out.println(delivered + " " + consumed);
        }
      }
    }
  }
}
