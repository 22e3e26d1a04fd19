package io.medloom.learn.clip;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Starts a tower from the weights of a TorchScript file ({@code --init torchscript:FILE}): the
 * module's parameters are copied, in order, into the tower's, every shape checked. The module must
 * have the tower's layout — for the ResNet presets a torchvision ResNet without its {@code fc}
 * (MedLoom's ResNets follow torchvision's order), for {@code cnn} the same conv/BN stack — and a
 * mismatch names the first pair that differs.
 *
 * <p>DJL exposes a TorchScript module's parameters; whether batch-norm running statistics (buffers
 * in PyTorch, parameters in DJL) come along depends on the count: when the module's tensors match
 * the tower's parameters with running statistics, those are copied too; when they match the tower
 * without them, the running statistics keep their start values and training re-estimates them.
 * Integer tensors (BN's {@code num_batches_tracked}) are ignored.
 */
public final class TorchScriptInit {
  public static final String PREFIX = "torchscript:";

  /** What was copied. */
  public record Report(Path file, String sha256, int tensors, long values, boolean runningStats) {}

  private TorchScriptInit() {}

  /** The file of a {@code torchscript:FILE} option value. */
  public static Path parse(String spec) {
    if (spec == null || !spec.startsWith(PREFIX) || spec.length() == PREFIX.length()) {
      throw new IllegalArgumentException(
          "--init must be torchscript:FILE (a TorchScript module saved by torch.jit.save): '"
              + spec
              + "'");
    }
    Path file = Path.of(spec.substring(PREFIX.length()));
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such TorchScript file");
    }
    return file;
  }

  /** Copies the module's weights into {@code tower}, which must be initialised. */
  public static Report apply(Block tower, Path file) throws IOException {
    String sha = sha256(file);
    try (Model m = Model.newInstance("init", Device.cpu(), "PyTorch")) {
      try {
        m.load(file.toAbsolutePath());
      } catch (MalformedModelException | RuntimeException e) {
        throw new IllegalArgumentException(
            file + ": not a TorchScript module DJL can load (" + e.getMessage() + ")", e);
      }
      List<Pair<String, NDArray>> source = new ArrayList<>();
      for (Pair<String, Parameter> p : m.getBlock().getParameters()) {
        NDArray a = p.getValue().getArray();
        if (a.getDataType() == DataType.FLOAT32 || a.getDataType() == DataType.FLOAT64) {
          source.add(new Pair<>(p.getKey(), a));
        }
      }
      List<Pair<String, Parameter>> all = new ArrayList<>();
      List<Pair<String, Parameter>> learned = new ArrayList<>();
      for (Pair<String, Parameter> p : tower.getParameters()) {
        all.add(p);
        Parameter.Type t = p.getValue().getType();
        if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
          learned.add(p);
        }
      }
      boolean running = source.size() == all.size() && all.size() != learned.size();
      List<Pair<String, Parameter>> target = running ? all : learned;
      if (source.size() != target.size()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s: the module has %d float tensors, the tower %d parameters (%d with batch-norm"
                    + " running statistics); the module must have the tower's layout",
                file,
                source.size(),
                learned.size(),
                all.size()));
      }
      long values = 0;
      for (int i = 0; i < target.size(); i++) {
        NDArray from = source.get(i).getValue();
        NDArray to = target.get(i).getValue().getArray();
        if (!from.getShape().equals(to.getShape())) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "%s: tensor %d '%s' %s does not fit the tower's parameter '%s' %s",
                  file,
                  i,
                  source.get(i).getKey(),
                  from.getShape(),
                  target.get(i).getKey(),
                  to.getShape()));
        }
        to.set(FloatBuffer.wrap(from.toType(DataType.FLOAT32, false).toFloatArray()));
        values += to.size();
      }
      return new Report(file, sha, target.size(), values, running);
    }
  }

  public static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
