package io.medloom.learn.clip;

import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image↔text retrieval over a split, CXR-CLIP's protocol: each sample's text is its whole report
 * (findings then impression; or its caption, or its composed label text); identical texts are
 * merged first, so an image's query succeeds on the one text its report shares with other images.
 * Image→text: the rank of the image's text among all distinct texts. Text→image: the best rank of
 * any image carrying the text. Recall@K is the share of queries ranked within K; the mean rank is
 * 1-based. Ties count against the query (a tied candidate ranks above it).
 */
public final class Retrieval {
  private Retrieval() {}

  /** One direction's numbers. */
  public record Scores(double r1, double r5, double r10, double meanRank, int queries) {
    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("R@1", r1);
      m.put("R@5", r5);
      m.put("R@10", r10);
      m.put("mean_rank", meanRank);
      m.put("queries", queries);
      return m;
    }
  }

  /** What {@code eval retrieval} writes; {@code chanceR10} is R@10 of random image→text ranking. */
  public record Report(
      String split, int images, int texts, Scores i2t, Scores t2i, double chanceR10) {
    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("split", split);
      m.put("images", images);
      m.put("distinct_texts", texts);
      m.put("i2t", i2t.json());
      m.put("t2i", t2i.json());
      m.put("chance_R@10", chanceR10);
      return m;
    }
  }

  public static Report run(
      ClipModel model, Path dataset, SplitScheme scheme, String split, int threads)
      throws IOException {
    try (SampleReader reader = ClipModel.reader(dataset, scheme, split)) {
      ClipData data = model.open(reader);
      if (data.size() == 0) {
        throw new IllegalArgumentException(
            "the " + split + " split of " + dataset + " has no image–text pair");
      }
      Map<String, Integer> index = new LinkedHashMap<>();
      int[] textOf = new int[data.size()];
      for (int i = 0; i < data.size(); i++) {
        textOf[i] = index.computeIfAbsent(data.report(i), k -> index.size());
      }
      List<String> texts = new ArrayList<>(index.keySet());
      float[][] t = model.texts(texts);
      float[][] img = model.images(data, 64, threads).embeddings();
      return score(split, img, t, textOf);
    }
  }

  /** Scores given unit embeddings and each image's text index. */
  static Report score(String split, float[][] img, float[][] t, int[] textOf) {
    int n = img.length;
    int m = t.length;
    double[][] sim = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        sim[i][j] = ClipModel.dot(img[i], t[j]);
      }
    }
    int[] i2tRanks = new int[n];
    for (int i = 0; i < n; i++) {
      double own = sim[i][textOf[i]];
      int rank = 1;
      for (int j = 0; j < m; j++) {
        if (j != textOf[i] && sim[i][j] >= own) {
          rank++;
        }
      }
      i2tRanks[i] = rank;
    }
    int[] t2iRanks = new int[m];
    for (int j = 0; j < m; j++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (textOf[i] == j) {
          best = Math.max(best, sim[i][j]);
        }
      }
      int rank = 1;
      for (int i = 0; i < n; i++) {
        if (textOf[i] != j && sim[i][j] >= best) {
          rank++;
        }
      }
      t2iRanks[j] = rank;
    }
    return new Report(
        split, n, m, scores(i2tRanks), scores(t2iRanks), Math.min(1.0, 10.0 / Math.max(1, m)));
  }

  static Scores scores(int[] ranks) {
    double r1 = 0;
    double r5 = 0;
    double r10 = 0;
    double sum = 0;
    for (int r : ranks) {
      r1 += r <= 1 ? 1 : 0;
      r5 += r <= 5 ? 1 : 0;
      r10 += r <= 10 ? 1 : 0;
      sum += r;
    }
    int q = ranks.length;
    return new Scores(r1 / q, r5 / q, r10 / q, sum / q, q);
  }
}
