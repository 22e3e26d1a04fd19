package io.medloom.learn.fewshot;

import io.medloom.learn.Preset;
import io.medloom.learn.clip.ClipModel;
import io.medloom.learn.fewshot.FewShotReport.Cell;
import io.medloom.learn.fewshot.FewShotReport.Reference;
import io.medloom.learn.fewshot.FewShotReport.Report;
import io.medloom.learn.fewshot.FewShotReport.Score;
import io.medloom.learn.fewshot.FewShotReport.TaskResult;
import io.medloom.learn.fewshot.MetaSource.TaskRows;
import io.medloom.learn.meta.Episodes;
import io.medloom.learn.meta.Episodes.Candidate;
import io.medloom.learn.meta.Episodes.Episode;
import io.medloom.learn.meta.Episodes.Item;
import io.medloom.learn.metrics.Auroc;
import io.medloom.learn.model.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * MedIMeta's few-shot protocol over several MedLoom datasets: for every classification task, N-way
 * K-shot episodes (N = every class with enough patients, the same seeded episodes for every
 * method), and per method and K the mean accuracy and AUROC over episodes with 95% intervals.
 * Methods: prototypes and a linear probe on the frozen encoder, fine-tuning (last stage and head,
 * see {@link FineTune}) on the support set, zero-shot scores when the model has a text tower, and,
 * with a held-out domain, the same adaptations of an encoder meta-trained on the other domains
 * ({@link MetaTraining}). Each image is embedded once per encoder and run; episodes reuse the
 * cached features.
 */
public final class FewShot {
  private FewShot() {}

  /**
   * @param model {@code random:PRESET}, or a model folder written by {@code train clip} or {@code
   *     train classify}
   * @param finetuneEpisodes episodes (the first ones) that are also fine-tuned; 0: none
   */
  public record Config(
      String model,
      List<Path> datasets,
      List<Integer> shots,
      int episodes,
      int query,
      long seed,
      Optional<String> holdOutDomain,
      int finetuneEpisodes,
      int finetuneSteps,
      double finetuneLr,
      int metaEpochs) {
    public Config {
      datasets = List.copyOf(datasets);
      shots = List.copyOf(new TreeSet<>(shots));
      if (datasets.isEmpty() || shots.isEmpty() || shots.get(0) < 1 || episodes < 1 || query < 1) {
        throw new IllegalArgumentException(
            "few-shot needs datasets, shots >= 1, episodes >= 1 and query >= 1");
      }
    }
  }

  /** An encoder under evaluation and the prefix of its methods' names. */
  record Named(String prefix, FrozenEncoder encoder) {}

  public static Report run(Config c, Consumer<String> log) throws IOException {
    long t0 = System.nanoTime();
    List<MetaSource> sources = new ArrayList<>();
    ClipModel clip = null;
    FrozenEncoder base = null;
    FrozenEncoder meta = null;
    try {
      for (Path p : c.datasets()) {
        sources.add(MetaSource.open(p));
      }
      Map<String, String> domains = new LinkedHashMap<>();
      sources.forEach(s -> domains.put(s.name(), s.domain()));
      if (c.model().startsWith("random:")) {
        base = FrozenEncoder.random(Preset.load(c.model().substring(7)), 1, c.seed());
      } else if (isClassifier(Path.of(c.model()))) {
        base = FrozenEncoder.classifier(new ModelFolder(Path.of(c.model())));
      } else {
        clip = ClipModel.load(Path.of(c.model()));
        base = FrozenEncoder.clip(clip);
      }
      List<MetaSource> evaluated = sources;
      FewShotReport.MetaTrainingInfo metaInfo = null;
      String holdOut = null;
      if (c.holdOutDomain().isPresent()) {
        holdOut = c.holdOutDomain().get().trim();
        String h = holdOut;
        evaluated = sources.stream().filter(s -> s.domain().equalsIgnoreCase(h)).toList();
        List<MetaSource> others =
            sources.stream().filter(s -> !s.domain().equalsIgnoreCase(h)).toList();
        if (evaluated.isEmpty() || others.isEmpty()) {
          throw new IllegalArgumentException(
              "--hold-out-domain '"
                  + h
                  + "' must name the domain of some but not all datasets; domains: "
                  + domains);
        }
        log.accept(
            "meta-training on "
                + others.stream().map(MetaSource::name).toList()
                + ", holding out '"
                + h
                + "'");
        MetaTraining.Result m = MetaTraining.run(base, others, c.metaEpochs(), c.seed(), log);
        metaInfo = m.info();
        meta = m.encoder();
      }
      List<Named> encoders = new ArrayList<>();
      encoders.add(new Named("", base));
      if (meta != null) {
        encoders.add(new Named("meta-", meta));
      }
      List<TaskResult> results = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (MetaSource s : evaluated) {
        Map<String, Map<String, float[]>> cache = new HashMap<>();
        for (TaskRows rows : s.tasks()) {
          long t1 = System.nanoTime();
          Optional<TaskResult> r = evaluate(c, s, rows, encoders, clip, skipped, cache);
          r.ifPresent(
              t -> {
                results.add(t);
                log.accept(
                    String.format(
                        Locale.ROOT,
                        "%s: %d-way, %d methods x %d shot counts in %.0f s",
                        rows.key(),
                        t.ways(),
                        t.cells().size() / c.shots().size(),
                        c.shots().size(),
                        (System.nanoTime() - t1) / 1e9));
              });
        }
      }
      return new Report(
          c.model(),
          sources.stream().map(MetaSource::name).toList(),
          domains,
          holdOut,
          c.shots(),
          c.episodes(),
          c.query(),
          Math.min(c.finetuneEpisodes(), c.episodes()),
          c.seed(),
          results,
          skipped,
          metaInfo,
          (System.nanoTime() - t0) / 1e9);
    } finally {
      for (MetaSource s : sources) {
        s.close();
      }
      if (base != null) {
        base.close();
      }
      if (meta != null) {
        meta.close();
      }
      if (clip != null) {
        clip.close();
      }
    }
  }

  /** Whether {@code folder} holds a {@code train classify} model (its model.json says so). */
  static boolean isClassifier(Path folder) throws IOException {
    Path json = new ModelFolder(folder).info();
    if (!Files.isRegularFile(json)) {
      return false;
    }
    var kind = ModelFolder.JSON.readTree(json.toFile()).get("kind");
    return kind != null && "classify".equals(kind.asText());
  }

  /** Classes with enough distinct patients for the largest support and the query, sorted. */
  static List<Integer> eligibleClasses(List<Candidate> candidates, int needed) {
    Map<Integer, Set<String>> patients = new TreeMap<>();
    candidates.forEach(
        x -> patients.computeIfAbsent(x.label(), k -> new HashSet<>()).add(x.patientKey()));
    List<Integer> out = new ArrayList<>();
    patients.forEach(
        (k, v) -> {
          if (v.size() >= needed) {
            out.add(k);
          }
        });
    return out;
  }

  static Optional<TaskResult> evaluate(
      Config c,
      MetaSource src,
      TaskRows rows,
      List<Named> encoders,
      ClipModel clip,
      List<String> skipped,
      Map<String, Map<String, float[]>> cache)
      throws IOException {
    int maxK = c.shots().get(c.shots().size() - 1);
    List<Integer> classes = eligibleClasses(rows.candidates(), maxK + c.query());
    if (classes.size() < 2) {
      skipped.add(
          String.format(
              Locale.ROOT,
              "%s: fewer than 2 classes have %d patients (%d support + %d query)",
              rows.key(),
              maxK + c.query(),
              maxK,
              c.query()));
      return Optional.empty();
    }
    Set<Integer> keep = new HashSet<>(classes);
    List<Candidate> pool =
        rows.candidates().stream().filter(x -> keep.contains(x.label())).toList();
    Map<Integer, List<Episode>> byK = new LinkedHashMap<>();
    Set<String> ids = new TreeSet<>();
    for (int k : c.shots()) {
      List<Episode> eps =
          Episodes.sample(
              pool, new Episodes.Spec(classes.size(), k, k, c.query(), c.episodes(), c.seed()));
      byK.put(k, eps);
      eps.forEach(
          e -> {
            e.support().forEach(i -> ids.add(i.id()));
            e.query().forEach(i -> ids.add(i.id()));
          });
    }
    List<Candidate> train = new ArrayList<>();
    List<Candidate> test = new ArrayList<>();
    for (Candidate x : pool) {
      String split = rows.splitOf().get(x.id());
      if ("train".equals(split)) {
        train.add(x);
        ids.add(x.id());
      } else if ("test".equals(split)) {
        test.add(x);
        ids.add(x.id());
      }
    }
    List<String> order = new ArrayList<>(ids);
    List<Cell> cells = new ArrayList<>();
    Reference reference = null;
    for (Named n : encoders) {
      Map<String, float[]> feats =
          embed(src, order, n.encoder(), cache.computeIfAbsent(n.prefix(), k -> new HashMap<>()));
      for (String method : List.of("proto", "probe")) {
        for (int k : c.shots()) {
          cells.add(cell(n.prefix() + method, k, byK.get(k), e -> frozen(method, e, feats)));
        }
      }
      // With a held-out domain the start encoder's fine-tuning is left out: the run without one
      // scores it on the same episodes; here only the meta-trained encoder is adapted.
      if (c.finetuneEpisodes() > 0 && (encoders.size() == 1 || !n.prefix().isEmpty())) {
        Map<String, float[]> trunk =
            cache.computeIfAbsent("trunk:" + n.prefix(), k -> new HashMap<>());
        for (int k : c.shots()) {
          List<Episode> eps = byK.get(k).subList(0, Math.min(c.finetuneEpisodes(), c.episodes()));
          cells.add(
              cell(n.prefix() + "finetune", k, eps, e -> finetune(c, src, n.encoder(), e, trunk)));
        }
      }
      if (n.prefix().isEmpty()) {
        reference = reference(train, test, classes, feats);
      }
    }
    if (clip != null) {
      Map<String, float[]> emb =
          clipEmbeddings(src, order, clip, cache.computeIfAbsent("text:", k -> new HashMap<>()));
      float[][] text = classTexts(clip, rows.classes());
      for (int k : c.shots()) {
        cells.add(cell("zeroshot", k, byK.get(k), e -> zeroShot(e, emb, text, clip.scale())));
      }
    }
    List<String> names = classes.stream().map(i -> rows.classes().get(i)).toList();
    return Optional.of(
        new TaskResult(
            src.name(),
            src.domain(),
            rows.task().name(),
            names,
            classes.size(),
            pool.size(),
            cells,
            reference));
  }

  /** Per episode: class probabilities of the query rows, columns in the episode's class order. */
  interface EpisodeMethod {
    double[][] apply(Episode e) throws IOException;
  }

  static Cell cell(String method, int k, List<Episode> episodes, EpisodeMethod m)
      throws IOException {
    double[] acc = new double[episodes.size()];
    double[] auc = new double[episodes.size()];
    for (int i = 0; i < episodes.size(); i++) {
      Episode e = episodes.get(i);
      double[][] p = m.apply(e);
      int[] truth = labels(e.query(), e.classes());
      acc[i] = accuracy(p, truth);
      auc[i] = auroc(p, truth, e.classes().size());
    }
    return new Cell(method, k, Score.of(acc), Score.of(auc));
  }

  /** Each item's class as its position in the episode's classes. */
  static int[] labels(List<Item> items, List<Integer> classes) {
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = classes.indexOf(items.get(i).label());
    }
    return out;
  }

  static double accuracy(double[][] p, int[] truth) {
    int correct = 0;
    for (int q = 0; q < truth.length; q++) {
      int best = 0;
      for (int c = 1; c < p[q].length; c++) {
        best = p[q][c] > p[q][best] ? c : best;
      }
      correct += best == truth[q] ? 1 : 0;
    }
    return correct / (double) truth.length;
  }

  /** Binary: AUROC of the second class's probability; N-way: macro one-vs-rest AUROC. */
  static double auroc(double[][] p, int[] truth, int ways) {
    double sum = 0;
    int n = 0;
    for (int c = ways == 2 ? 1 : 0; c < ways; c++) {
      double[] s = new double[truth.length];
      boolean[] y = new boolean[truth.length];
      for (int q = 0; q < truth.length; q++) {
        s[q] = p[q][c];
        y[q] = truth[q] == c;
      }
      double a = Auroc.of(s, y);
      if (!Double.isNaN(a)) {
        sum += a;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  static double[][] frozen(String method, Episode e, Map<String, float[]> feats) {
    float[][] s = rowsOf(e.support(), feats);
    float[][] q = rowsOf(e.query(), feats);
    int[] y = labels(e.support(), e.classes());
    int ways = e.classes().size();
    return method.equals("proto") ? Heads.prototypes(s, y, ways, q) : Heads.probe(s, y, ways, q);
  }

  static double[][] finetune(
      Config c, MetaSource src, FrozenEncoder enc, Episode e, Map<String, float[]> trunk)
      throws IOException {
    List<String> ids = new ArrayList<>();
    e.support().forEach(i -> ids.add(i.id()));
    e.query().forEach(i -> ids.add(i.id()));
    List<String> missing = ids.stream().distinct().filter(i -> !trunk.containsKey(i)).toList();
    if (!missing.isEmpty()) {
      float[][] f =
          enc.trunk(
              src.images(missing, enc.imageSize(), enc.channels(), enc.normalization()),
              missing.size());
      for (int i = 0; i < f.length; i++) {
        trunk.put(missing.get(i), f[i]);
      }
    }
    return FineTune.run(
        enc,
        rowsOf(e.support(), trunk),
        labels(e.support(), e.classes()),
        e.classes().size(),
        rowsOf(e.query(), trunk),
        c.finetuneSteps(),
        c.finetuneLr(),
        Episodes.mix(c.seed(), e.index() * 31 + e.shots()));
  }

  static float[][] rowsOf(List<Item> items, Map<String, float[]> feats) {
    float[][] out = new float[items.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = feats.get(items.get(i).id());
    }
    return out;
  }

  /** Features of every row, computed once per dataset and encoder, 256 images at a time. */
  static Map<String, float[]> embed(
      MetaSource src, List<String> all, FrozenEncoder enc, Map<String, float[]> out)
      throws IOException {
    List<String> ids = all.stream().filter(i -> !out.containsKey(i)).toList();
    for (int from = 0; from < ids.size(); from += 256) {
      List<String> part = ids.subList(from, Math.min(ids.size(), from + 256));
      float[][] f =
          enc.features(
              src.images(part, enc.imageSize(), enc.channels(), enc.normalization()), part.size());
      for (int i = 0; i < part.size(); i++) {
        out.put(part.get(i), f[i]);
      }
    }
    return out;
  }

  static Reference reference(
      List<Candidate> train, List<Candidate> test, List<Integer> classes, Map<String, float[]> f) {
    Set<Integer> trainClasses = new HashSet<>();
    train.forEach(x -> trainClasses.add(x.label()));
    if (train.size() < 2 || test.isEmpty() || trainClasses.size() < classes.size()) {
      return null;
    }
    float[][] xs = train.stream().map(x -> f.get(x.id())).toArray(float[][]::new);
    int[] ys = train.stream().mapToInt(x -> classes.indexOf(x.label())).toArray();
    float[][] xq = test.stream().map(x -> f.get(x.id())).toArray(float[][]::new);
    int[] yq = test.stream().mapToInt(x -> classes.indexOf(x.label())).toArray();
    double[][] p = Heads.probe(xs, ys, classes.size(), xq);
    return new Reference(
        "probe-full", accuracy(p, yq), auroc(p, yq, classes.size()), xs.length, xq.length);
  }

  static Map<String, float[]> clipEmbeddings(
      MetaSource src, List<String> all, ClipModel clip, Map<String, float[]> out)
      throws IOException {
    List<String> ids = all.stream().filter(i -> !out.containsKey(i)).toList();
    int size = clip.info().preset().imageSize();
    for (int from = 0; from < ids.size(); from += 64) {
      List<String> part = ids.subList(from, Math.min(ids.size(), from + 64));
      float[] img =
          src.images(part, size, clip.info().channels(), Optional.of(clip.info().normalization()));
      float[][] e = clip.embed(img, part.size()).embeddings();
      for (int i = 0; i < part.size(); i++) {
        out.put(part.get(i), e[i]);
      }
    }
    return out;
  }

  /** Per class of the task: the mean of its prompt embeddings, re-normalised (CLIP's ensemble). */
  static float[][] classTexts(ClipModel clip, List<String> classNames) {
    var prompts = io.medloom.text.prompt.ZeroShotPrompts.standard().positive(classNames);
    float[][] out = new float[classNames.size()][];
    for (int c = 0; c < out.length; c++) {
      float[][] rows = clip.texts(prompts.get(classNames.get(c)));
      float[] m = new float[rows[0].length];
      for (float[] r : rows) {
        for (int j = 0; j < m.length; j++) {
          m[j] += r[j];
        }
      }
      double norm = 0;
      for (float v : m) {
        norm += v * v;
      }
      norm = Math.max(1e-12, Math.sqrt(norm));
      for (int j = 0; j < m.length; j++) {
        m[j] /= (float) norm;
      }
      out[c] = m;
    }
    return out;
  }

  static double[][] zeroShot(Episode e, Map<String, float[]> emb, float[][] text, double scale) {
    double[][] out = new double[e.query().size()][e.classes().size()];
    for (int q = 0; q < out.length; q++) {
      float[] x = emb.get(e.query().get(q).id());
      for (int k = 0; k < e.classes().size(); k++) {
        float[] t = text[e.classes().get(k)];
        double s = 0;
        for (int j = 0; j < x.length; j++) {
          s += x[j] * t[j];
        }
        out[q][k] = scale * s;
      }
      Heads.softmaxInPlace(out[q]);
    }
    return out;
  }
}
