package io.medloom.learn.clip;

import io.medloom.learn.data.PrefetchedBatches;
import io.medloom.learn.text.TextTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prefetching image–text batches: background threads decode and augment images and tokenize texts
 * while the training thread works. Every random choice (augmentation, second view, composed text)
 * is seeded by (seed, epoch, slot), so batches do not depend on thread timing.
 */
public final class ClipBatches implements AutoCloseable {
  /**
   * One batch in Java memory.
   *
   * @param images {@code n·C·S·S} floats; {@code views} the second views (multi-view only)
   * @param ids {@code n·T} token ids; {@code ids2} of the second texts (multi-view only)
   * @param tags {@code n·40} finding tags
   * @param hardIds {@code n·T} token ids of the hard negatives of the (first) texts, null without;
   *     {@code hardValid} 1 where a sample has one, 0 where its row is a placeholder
   * @param regions described regions in the batch; {@code regionSample} the batch row of each,
   *     {@code regionCoverage} {@code regions·g·g} cell coverages of the first image's feature map,
   *     {@code regionIds}/{@code regionMask} their sentences' tokens (null when regions is 0)
   */
  public record Batch(
      int n,
      int[] examples,
      float[] images,
      float[] views,
      long[] ids,
      float[] mask,
      long[] ids2,
      float[] mask2,
      float[] tags,
      long[] hardIds,
      float[] hardMask,
      float[] hardValid,
      int regions,
      int[] regionSample,
      float[] regionCoverage,
      long[] regionIds,
      float[] regionMask) {}

  private final ClipData data;
  private final TextTokenizer tokenizer;
  private final ExecutorService pool;
  private final int prefetch;
  private final boolean hardNegatives;
  private final int regionGrid;

  public ClipBatches(ClipData data, TextTokenizer tokenizer, int threads) {
    this(data, tokenizer, threads, false, 0);
  }

  /**
   * @param hardNegatives training batches carry a counterfactual of each sample's (first) text
   * @param regionGrid side of the image feature map; above 0, training batches carry the described
   *     regions' coverage of it and their sentences
   */
  public ClipBatches(
      ClipData data, TextTokenizer tokenizer, int threads, boolean hardNegatives, int regionGrid) {
    this.data = data;
    this.tokenizer = tokenizer;
    this.hardNegatives = hardNegatives;
    this.regionGrid = regionGrid;
    this.prefetch = 2 * threads + 2;
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "medloom-clip-loader");
              t.setDaemon(true);
              return t;
            });
  }

  public ClipData data() {
    return data;
  }

  /** Side of the feature map the region coverages are given on (0: no regions). */
  public int grid() {
    return regionGrid;
  }

  /**
   * The batches of one epoch over {@code order}; {@code multiView} adds second views and texts;
   * {@code evaluation} uses the whole report as the text (no section or prompt draw).
   */
  public Iterator<Batch> epoch(
      int[] order, int batch, int epoch, boolean dropLast, boolean multiView, boolean evaluation) {
    return new PrefetchedBatches<>(
        pool,
        prefetch,
        order.length,
        batch,
        dropLast,
        (from, to) -> assemble(order, from, to, epoch, multiView, evaluation));
  }

  private Batch assemble(
      int[] order, int from, int to, int epoch, boolean multiView, boolean evaluation)
      throws IOException {
    int n = to - from;
    int px = data.channels() * data.imageSize() * data.imageSize();
    int k = FindingTags.TAGS.size();
    float[] images = new float[n * px];
    float[] views = multiView ? new float[n * px] : null;
    float[] tags = new float[n * k];
    int[] examples = new int[n];
    List<String> texts = new ArrayList<>(n);
    List<String> texts2 = new ArrayList<>(n);
    boolean regions = regionGrid > 0 && !evaluation;
    List<Integer> regionSample = new ArrayList<>();
    List<float[]> coverage = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      int i = order[from + j];
      int slot = from + j;
      examples[j] = i;
      long key = data.imageKey(epoch, slot, 0);
      float[] image;
      if (regions && !data.regions(i).isEmpty()) {
        List<float[]> cov = new ArrayList<>();
        image = data.image(i, key, regionGrid, cov);
        for (int r = 0; r < cov.size(); r++) {
          float sum = 0;
          for (float c : cov.get(r)) {
            sum += c;
          }
          // A region the crop or rotation moved out of view has nothing to pool.
          if (sum > 0) {
            regionSample.add(j);
            coverage.add(cov.get(r));
            sentences.add(data.regions(i).get(r).sentence());
          }
        }
      } else {
        image = data.image(i, key);
      }
      System.arraycopy(image, 0, images, j * px, px);
      System.arraycopy(data.tags(i), 0, tags, j * k, k);
      if (multiView) {
        int other = data.otherView(i, epoch, slot);
        System.arraycopy(data.image(other, data.imageKey(epoch, slot, 1)), 0, views, j * px, px);
        texts.add(data.text(i, epoch, slot, 0));
        texts2.add(data.text(i, epoch, slot, 1));
      } else {
        texts.add(evaluation ? data.report(i) : data.report(i, epoch, slot));
      }
    }
    int t = tokenizer.maxLength();
    float[] mask = new float[n * t];
    long[] ids = tokenizer.encode(texts, mask);
    long[] ids2 = null;
    float[] mask2 = null;
    if (multiView) {
      mask2 = new float[n * t];
      ids2 = tokenizer.encode(texts2, mask2);
    }
    long[] hardIds = null;
    float[] hardMask = null;
    float[] hardValid = null;
    if (hardNegatives && !evaluation) {
      List<String> hard = new ArrayList<>(n);
      hardValid = new float[n];
      for (int j = 0; j < n; j++) {
        String h = data.counterfactual(examples[j], texts.get(j), epoch, from + j);
        hardValid[j] = h == null ? 0 : 1;
        hard.add(h == null ? "" : h);
      }
      hardMask = new float[n * t];
      hardIds = tokenizer.encode(hard, hardMask);
    }
    int r = regionSample.size();
    long[] regionIds = null;
    float[] regionMask = null;
    float[] regionCoverage = null;
    if (r > 0) {
      regionMask = new float[r * t];
      regionIds = tokenizer.encode(sentences, regionMask);
      int cells = regionGrid * regionGrid;
      regionCoverage = new float[r * cells];
      for (int k2 = 0; k2 < r; k2++) {
        System.arraycopy(coverage.get(k2), 0, regionCoverage, k2 * cells, cells);
      }
    }
    return new Batch(
        n,
        examples,
        images,
        views,
        ids,
        mask,
        ids2,
        mask2,
        tags,
        hardIds,
        hardMask,
        hardValid,
        r,
        regionSample.stream().mapToInt(Integer::intValue).toArray(),
        regionCoverage,
        regionIds,
        regionMask);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
