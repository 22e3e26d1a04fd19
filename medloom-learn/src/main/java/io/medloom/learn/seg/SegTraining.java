package io.medloom.learn.seg;

import io.medloom.core.image.BitMask;
import io.medloom.core.transform.Augmentation;
import io.medloom.learn.Djl;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.model.ModelFolder;
import io.medloom.store.read.SampleReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Segmentation training, {@code supervised} or {@code aide}: reads the train and val splits, draws
 * the labelled patients ({@code --label-fraction}), corrupts a share of their masks ({@code
 * --noise}), and for AIDE first trains the supervised model on the labelled ones (into {@code
 * OUT/init}, and with two starts a second one with the next seed into {@code OUT/init2}) whose
 * predictions become the unlabelled samples' first labels. The epochs themselves run in {@link
 * SegLoop}, which checkpoints after every epoch; running the same command again resumes.
 */
public final class SegTraining {
  private SegTraining() {}

  /** A finished run. */
  public record Result(Path model, SegModelInfo info, List<SegEpochRow> rows) {}

  /**
   * What the loop trains on. {@code labels[k][i]} is label set k (0, 1) of sample i; {@code
   * warmStarts[k]} the weights AIDE network k starts from (null: a fresh initialisation).
   */
  record Prepared(
      List<SegSample> train,
      List<SegSample> val,
      int[] trainable,
      boolean[] expert,
      boolean[][][] labels,
      Normalization norm,
      boolean flipSafe,
      Path[] warmStarts) {}

  public static Result run(SegConfig c, SegListener listener) throws IOException {
    return run(c, listener, c.seed());
  }

  /**
   * @param dataSeed draws the labelled patients and the corrupted masks; {@code c.seed()} the
   *     weights, data order and augmentation (they differ for AIDE's second start only)
   */
  private static Result run(SegConfig c, SegListener listener, long dataSeed) throws IOException {
    ModelFolder folder = new ModelFolder(c.out());
    if (Files.exists(folder.info())
        && "finished".equals(SegModel.readInfo(c.out()).status())
        && Files.exists(folder.params())) {
      throw new IllegalArgumentException(
          c.out() + " already holds a finished model; choose another --out");
    }
    Djl.engine();
    int s = c.preset().imageSize();
    try (SampleReader tr =
            SampleReader.open(c.dataset(), c.scheme(), Optional.of("train"), SegData.COLUMNS);
        SampleReader vr =
            SampleReader.open(c.dataset(), c.scheme(), Optional.of("val"), SegData.COLUMNS)) {
      SegData.Loaded train = SegData.load(tr, c.roiLabels(), c.views(), s, c.withEmpty());
      SegData.Loaded val = SegData.load(vr, c.roiLabels(), c.views(), s, c.withEmpty());
      String what = c.roiLabels().isEmpty() ? "any label" : "label " + c.roiLabels();
      if (train.samples().isEmpty() || val.samples().isEmpty()) {
        throw new IllegalArgumentException(
            c.dataset()
                + ": no "
                + (train.samples().isEmpty() ? "training" : "validation")
                + " image has a region from a mask with "
                + what);
      }
      List<SegSample> ts = train.samples();
      int n = ts.size();
      Normalization norm = normalization(ts);
      boolean[] labelled = labelledByPatient(ts, c.labelFraction(), dataSeed);
      boolean[][][] labels = new boolean[2][n][];
      Map<String, Integer> ops = new TreeMap<>();
      SplittableRandom noiseRng = new SplittableRandom(dataSeed ^ 0x6E6F697365L);
      List<Integer> lab = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (labelled[i]) {
          lab.add(i);
        }
      }
      boolean[] noisy = pick(n, lab, c.noise(), noiseRng);
      for (int i = 0; i < n; i++) {
        boolean[] m = SegData.bools(ts.get(i).mask());
        if (labelled[i] && noisy[i]) {
          Corruption.Result r = Corruption.apply(m, s, noiseRng);
          ops.merge(r.operation(), 1, Integer::sum);
          m = r.mask();
        }
        labels[0][i] = m;
        labels[1][i] = m.clone();
      }
      // The trainer must not know which masks are corrupted: with noise no label is "expert".
      boolean[] expert = new boolean[n];
      int nExpert = 0;
      for (int i = 0; i < n; i++) {
        expert[i] = labelled[i] && c.noise() == 0;
        nExpert += expert[i] ? 1 : 0;
      }
      boolean aide = c.method().equals("aide");
      Path[] warmStarts = new Path[2];
      if (aide) {
        int starts = c.aide().starts();
        for (int k = 0; k < starts; k++) {
          Path init = supervisedStart(c, k, listener, ts, labelled, labels[k]);
          warmStarts[k] = c.aide().fromScratch() ? null : init;
        }
        if (starts == 1) {
          labels[1] = copy(labels[0]);
          warmStarts[1] = warmStarts[0];
        }
      }
      int[] trainable = aide ? java.util.stream.IntStream.range(0, n).toArray() : toArray(lab);
      SegModelInfo info =
          new SegModelInfo(
              SegModelInfo.FORMAT_VERSION,
              "seg",
              "training",
              c.method(),
              c.preset(),
              List.copyOf(new TreeSet<>(c.roiLabels())),
              c.withEmpty(),
              tr.info().name(),
              c.dataset().toAbsolutePath().normalize().toString(),
              tr.fingerprint(),
              c.scheme().wireName(),
              norm,
              c.labelFraction(),
              c.noise(),
              c.aide(),
              c.seed(),
              hash(tr.fingerprint(), c, dataSeed),
              n,
              lab.size(),
              nExpert,
              val.samples().size(),
              train.withoutRegion() + val.withoutRegion(),
              ops,
              0,
              0,
              null,
              1,
              0,
              List.copyOf(new TreeSet<>(c.views())),
              c.appearance().wireName(),
              dataSeed == c.seed() ? null : dataSeed);
      listener.message(
          String.format(
              Locale.ROOT,
              "%s: %d train images (%d labelled, %d corrupted), %d val; %d without a region of %s"
                  + " left out",
              c.method(),
              n,
              lab.size(),
              ops.values().stream().mapToInt(Integer::intValue).sum(),
              val.samples().size(),
              info.leftOut(),
              what));
      boolean flipSafe = Augmentation.flipIsSafe(tr.info().modalities());
      Prepared p =
          new Prepared(ts, val.samples(), trainable, expert, labels, norm, flipSafe, warmStarts);
      return new SegLoop(c, folder, info, p, listener).go();
    }
  }

  /**
   * AIDE's start {@code k} (0 or 1): the supervised model on the labelled (possibly noisy) masks,
   * trained first into {@code OUT/init} (k = 0) or {@code OUT/init2} (k = 1: the same labelled
   * patients and corrupted masks, drawn by the run's seed, but trained with the seed + 1); its
   * predictions become label set k's labels of the unlabelled samples and (unless {@link
   * AideOptions#fromScratch()}) its weights network k's starting point.
   */
  private static Path supervisedStart(
      SegConfig c,
      int k,
      SegListener listener,
      List<SegSample> ts,
      boolean[] labelled,
      boolean[][] labels)
      throws IOException {
    String name = k == 0 ? "init" : "init2";
    Path initDir = c.out().resolve(name);
    ModelFolder f = new ModelFolder(initDir);
    boolean done =
        Files.exists(f.info())
            && "finished".equals(SegModel.readInfo(initDir).status())
            && Files.exists(f.params());
    if (!done) {
      listener.message(
          "training the supervised model on the labelled samples first ("
              + name
              + "/, seed "
              + (c.seed() + k)
              + ")");
      run(
          c.withOut(initDir, "supervised", c.labelFraction()).withSeed(c.seed() + k),
          listener,
          c.seed());
    }
    try (SegModel m = SegModel.load(initDir)) {
      int s = m.size();
      int hw = s * s;
      int changed = 0;
      for (int from = 0; from < ts.size(); from += 16) {
        int to = Math.min(ts.size(), from + 16);
        float[] x = new float[(to - from) * hw];
        for (int i = from; i < to; i++) {
          System.arraycopy(m.floats(ts.get(i).image()), 0, x, (i - from) * hw, hw);
        }
        float[] p = m.foreground(x, to - from);
        for (int i = from; i < to; i++) {
          if (labelled[i]) {
            continue;
          }
          boolean[] pred = new boolean[hw];
          for (int q = 0; q < hw; q++) {
            pred[q] = p[(i - from) * hw + q] > 0.5f;
          }
          labels[i] = pred;
          changed++;
        }
      }
      listener.message(
          changed
              + " unlabelled samples start from the predictions of "
              + name
              + "/"
              + (c.aide().starts() == 1 ? " (both networks)" : " (network " + (k + 1) + ")"));
    }
    return f.params();
  }

  private static boolean[][] copy(boolean[][] labels) {
    boolean[][] out = new boolean[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i].clone();
    }
    return out;
  }

  static Normalization normalization(List<SegSample> ts) {
    double sum = 0;
    double sq = 0;
    long n = 0;
    for (SegSample t : ts) {
      for (byte b : t.image().pixels()) {
        double v = (b & 0xff) / 255.0;
        sum += v;
        sq += v * v;
        n++;
      }
    }
    double mean = sum / n;
    double std = Math.sqrt(Math.max(1e-8, sq / n - mean * mean));
    return new Normalization(mean, std, 0, 1);
  }

  /**
   * ceil(F · patients) patients drawn with a seeded shuffle. Patients enter the shuffle ordered by
   * their smallest sample id, not by their key: keys are keyed hashes that change with each build's
   * secret (unless a key file is given), sample ids do not, so two builds of one folder label the
   * same patients.
   */
  static boolean[] labelledByPatient(List<SegSample> ts, double fraction, long seed) {
    Map<String, String> firstId = new TreeMap<>();
    for (SegSample s : ts) {
      firstId.merge(s.patientKey(), s.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    List<String> patients = new ArrayList<>(firstId.keySet());
    patients.sort(java.util.Comparator.comparing(firstId::get));
    SplittableRandom rng = new SplittableRandom(seed ^ 0x6C6162656CL);
    for (int i = patients.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      String t = patients.get(i);
      patients.set(i, patients.get(j));
      patients.set(j, t);
    }
    int k = Math.max(1, (int) Math.ceil(fraction * patients.size() - 1e-9));
    java.util.Set<String> chosen = new java.util.HashSet<>(patients.subList(0, k));
    boolean[] out = new boolean[ts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = chosen.contains(ts.get(i).patientKey());
    }
    return out;
  }

  /** round(R · |from|) members of {@code from}, seeded; as a flag per sample index. */
  private static boolean[] pick(int n, List<Integer> from, double rate, SplittableRandom rng) {
    List<Integer> order = new ArrayList<>(from);
    for (int i = order.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order.get(i);
      order.set(i, order.get(j));
      order.set(j, t);
    }
    int k = (int) Math.round(rate * order.size());
    boolean[] out = new boolean[n];
    for (int i = 0; i < k; i++) {
      out[order.get(i)] = true;
    }
    return out;
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  static BitMask mask(boolean[] b, int s) {
    return SegData.mask(b, s, s);
  }

  private static String hash(String fingerprint, SegConfig c, long dataSeed) {
    String text =
        String.join(
                "|",
                fingerprint,
                c.method(),
                c.preset().toString(),
                c.scheme().wireName(),
                new TreeSet<>(c.roiLabels()).toString(),
                Double.toString(c.labelFraction()),
                Double.toString(c.noise()),
                Boolean.toString(c.withEmpty()),
                c.aide().toString(),
                Long.toString(c.seed()))
            // Added later; left out at their defaults so earlier checkpoints still resume.
            + (c.views().isEmpty() ? "" : "|views=" + new TreeSet<>(c.views()))
            + (c.appearance() == Appearance.STANDARD ? "" : "|appearance=" + c.appearance())
            + (dataSeed == c.seed() ? "" : "|data_seed=" + dataSeed);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
