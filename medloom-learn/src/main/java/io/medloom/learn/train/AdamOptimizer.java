package io.medloom.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam, or AdamW (decoupled weight decay, Loshchilov &amp; Hutter), written over NDArray operations
 * so that its state — both moments and the step count — can be saved with a checkpoint and restored
 * exactly: a resumed run then continues the same trajectory as an uninterrupted one. (DJL's own
 * Adam keeps its moments private.) The learning rate is set by the trainer before each step.
 */
public final class AdamOptimizer extends Optimizer {
  private final boolean decoupled;
  private final float weightDecay;
  private final float beta1 = 0.9f;
  private final float beta2 = 0.999f;
  private final float epsilon = 1e-8f;
  private final Map<String, NDArray> mean = new HashMap<>();
  private final Map<String, NDArray> variance = new HashMap<>();
  private final Map<String, Integer> steps = new HashMap<>();
  private float lr = 1e-3f;

  /**
   * @param decoupled AdamW when true; plain Adam with L2 added to the gradient otherwise
   */
  public AdamOptimizer(boolean decoupled, float weightDecay) {
    super(new NoOptions());
    this.decoupled = decoupled;
    this.weightDecay = weightDecay;
  }

  public void setLearningRate(float lr) {
    this.lr = lr;
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    NDArray m = mean.get(parameterId);
    NDArray v = variance.get(parameterId);
    if (m == null) {
      m = weight.zerosLike();
      v = weight.zerosLike();
      m.setName("m");
      mean.put(parameterId, m);
      variance.put(parameterId, v);
    }
    int t = steps.merge(parameterId, 1, Integer::sum);
    // Temporaries live in a sub-manager closed right after the update, so nothing accumulates.
    try (NDManager scratch = weight.getManager().newSubManager()) {
      NDArray g = grad;
      if (!decoupled && weightDecay > 0) {
        g = scratch(scratch, grad.add(scratch(scratch, weight.mul(weightDecay))));
      }
      m.muli(beta1).addi(scratch(scratch, g.mul(1 - beta1)));
      v.muli(beta2).addi(scratch(scratch, g.square()).muli(1 - beta2));
      double bc1 = 1 - Math.pow(beta1, t);
      double bc2 = 1 - Math.pow(beta2, t);
      NDArray denom = scratch(scratch, scratch(scratch, v.div((float) bc2)).sqrt()).addi(epsilon);
      NDArray step = scratch(scratch, m.div(denom)).muli((float) (lr / bc1));
      if (decoupled && weightDecay > 0) {
        weight.muli(1 - lr * weightDecay);
      }
      weight.subi(step);
    }
  }

  private static NDArray scratch(NDManager m, NDArray a) {
    a.attach(m);
    return a;
  }

  /**
   * Writes the state by parameter name (ids change between runs): step counts, then both moments.
   */
  public void save(OutputStream out, Iterable<Pair<String, Parameter>> parameters)
      throws IOException {
    NDList list = new NDList();
    StringBuilder names = new StringBuilder();
    for (Pair<String, Parameter> p : parameters) {
      String id = p.getValue().getId();
      if (!mean.containsKey(id)) {
        continue;
      }
      names.append(p.getKey()).append('\t').append(steps.get(id)).append('\n');
      list.add(mean.get(id));
      list.add(variance.get(id));
    }
    byte[] header = names.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.io.DataOutputStream d = new java.io.DataOutputStream(out);
    d.writeInt(header.length);
    d.write(header);
    list.encode(d);
    d.flush();
  }

  /** Restores what {@link #save} wrote, mapping parameter names to this run's ids. */
  public void load(InputStream in, Iterable<Pair<String, Parameter>> parameters, NDManager manager)
      throws IOException {
    java.io.DataInputStream d = new java.io.DataInputStream(in);
    byte[] header = new byte[d.readInt()];
    d.readFully(header);
    NDList list = NDList.decode(manager, d);
    Map<String, String> idByName = new HashMap<>();
    for (Pair<String, Parameter> p : parameters) {
      idByName.put(p.getKey(), p.getValue().getId());
    }
    String[] lines = new String(header, java.nio.charset.StandardCharsets.UTF_8).split("\n");
    int k = 0;
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t");
      String id = idByName.get(f[0]);
      if (id == null) {
        throw new IOException("checkpoint has optimizer state for unknown parameter " + f[0]);
      }
      steps.put(id, Integer.parseInt(f[1]));
      mean.put(id, list.get(k++));
      variance.put(id, list.get(k++));
    }
  }

  /** Optimizer's constructor wants a builder; this one carries no options. */
  private static final class NoOptions extends OptimizerBuilder<NoOptions> {
    @Override
    protected NoOptions self() {
      return this;
    }
  }
}
