package io.medloom.learn.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/**
 * The pre-training objectives, over L2-normalised embeddings and the temperature's scale {@code s}
 * (rows of a batch are each other's negatives; row i of one side matches row i of the other). CE
 * below is cross-entropy with targets {@code 0..B-1} (the diagonal).
 *
 * <ul>
 *   <li>{@code clip}: {@code (CE(s·I·Tᵀ) + CE(s·T·Iᵀ)) / 2}, CLIP's symmetric InfoNCE.
 *   <li>{@code cxr-clip}: with two image views and two texts of a study, CLIP averaged over the
 *       four image×text pairs in both directions, plus 1.0·ICL {@code ½[CE(s·I1·I2ᵀ) +
 *       CE(s·I2·I1ᵀ)]} plus 0.5·TCL {@code ½[CE(s·T2·T1ᵀ) + CE(s·T1·T2ᵀ)]} (CXR-CLIP's {@code
 *       cxr_clip.yaml}).
 *   <li>{@code asg}: image–report alignment {@code CE(S) + CE(Sᵀ)} with {@code S = s·I·Tᵀ}, plus 5×
 *       the binary cross-entropy of the tag head, plus the soft-label term: targets {@code P =
 *       L1-normalise rows(0.8·I + 0.2·ℓ̂ℓ̂ᵀ + 1e-6)} from the cosine of the samples' tag vectors,
 *       against {@code softmax(S)} and {@code softmax(Sᵀ)} with a symmetric KL (ASG's {@code
 *       main.py}, weights as there). ASG divides by a fixed τ = 0.07; here the learnable scale,
 *       which starts at 1/0.07, plays that part. Where samples have region descriptions, plus
 *       {@code regionWeight·clip(R, U)}: the image feature map average-pooled inside each described
 *       region's box, projected like the whole image ({@code R}), against the embedding of the
 *       region's sentence ({@code U}), every region of the batch a negative of the others.
 * </ul>
 *
 * <p>Hard negatives (NegCLIP's remedy for text towers that ignore negation): each sample may bring
 * a counterfactual text, its report with the sentences about one finding replaced by a sentence
 * saying the opposite. They join the candidates of the image→text term only (an image has no
 * partner among them), so the model is pushed to tell "effusion" from "no effusion" rather than
 * match on the shared words. A sample without a counterfactual has its column masked out.
 */
public enum ClipLoss {
  CLIP,
  CXR_CLIP,
  ASG;

  public static final float ICL_WEIGHT = 1.0f;
  public static final float TCL_WEIGHT = 0.5f;
  public static final float TAG_WEIGHT = 5.0f;
  public static final float SOFT_IDENTITY = 0.8f;
  public static final float SOFT_LABELS = 0.2f;

  /** {@code clip}, {@code cxr-clip} or {@code asg}. */
  public static ClipLoss parse(String s) {
    for (ClipLoss l : values()) {
      if (l.wireName().equals(s)) {
        return l;
      }
    }
    throw new IllegalArgumentException("--loss must be clip, cxr-clip or asg: '" + s + "'");
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the loss wants two image views and two texts per sample. */
  public boolean multiView() {
    return this == CXR_CLIP;
  }

  /** Cross-entropy of each row of {@code logits} against its diagonal entry, averaged. */
  public static NDArray diagonalCrossEntropy(NDArray logits) {
    long n = logits.getShape().get(0);
    NDArray eye = logits.getManager().eye((int) n);
    return logits.logSoftmax(1).mul(eye).sum(new int[] {1}).neg().mean();
  }

  /** {@code CE(s·a·bᵀ)}: rows of {@code a} are queries, rows of {@code b} the candidates. */
  static NDArray ce(NDArray a, NDArray b, NDArray scale) {
    return diagonalCrossEntropy(a.matMul(b.transpose()).mul(scale));
  }

  /** Logit added to a masked-out candidate: far below any real one, yet finite (no 0·∞). */
  static final float MASKED = -1e4f;

  /**
   * Image→text cross-entropy with hard negatives: the candidates of image {@code i} are every text
   * of the batch and every valid hard negative ({@code hardValid} 1 or 0 per row); its target is
   * text {@code i}. Without hard negatives ({@code hard} null), {@link #ce}.
   */
  static NDArray ceHard(
      NDArray images, NDArray texts, NDArray hard, NDArray hardValid, NDArray scale) {
    if (hard == null) {
      return ce(images, texts, scale);
    }
    int n = (int) images.getShape().get(0);
    NDArray positives = images.matMul(texts.transpose()).mul(scale);
    NDArray negatives =
        images
            .matMul(hard.transpose())
            .mul(scale)
            .add(hardValid.sub(1f).mul(-MASKED).reshape(1, n));
    NDArray logits = positives.concat(negatives, 1);
    NDArray eye = logits.getManager().eye(n);
    return logits.logSoftmax(1).get(":, 0:" + n).mul(eye).sum(new int[] {1}).neg().mean();
  }

  /** CLIP's symmetric InfoNCE. */
  public static NDArray clip(NDArray images, NDArray texts, NDArray scale) {
    return ce(images, texts, scale).add(ce(texts, images, scale)).div(2f);
  }

  /** CLIP's symmetric InfoNCE with hard negative texts on the image→text side. */
  public static NDArray clip(
      NDArray images, NDArray texts, NDArray hard, NDArray hardValid, NDArray scale) {
    return ceHard(images, texts, hard, hardValid, scale).add(ce(texts, images, scale)).div(2f);
  }

  /**
   * Average pooling of a feature map inside regions: {@code map} is {@code [B,C,h,w]}, {@code
   * weights} {@code [R,B,h,w]} (region r's coverage of each cell, zero outside its own sample);
   * each region's weights are normalised to sum 1, so a region is the coverage-weighted mean of the
   * cells it touches (ROI pooling on the feature grid). Returns {@code [R,C]}.
   */
  public static NDArray roiPool(NDArray map, NDArray weights) {
    Shape m = map.getShape();
    long r = weights.getShape().get(0);
    long cells = m.get(0) * m.get(2) * m.get(3);
    NDArray w = weights.reshape(r, cells);
    w = w.div(w.sum(new int[] {1}, true).maximum(1e-12f));
    return w.matMul(map.transpose(0, 2, 3, 1).reshape(cells, m.get(1)));
  }

  /** CXR-CLIP's loss over two views {@code i1, i2} and two texts {@code t1, t2} of each study. */
  public static NDArray cxrClip(NDArray i1, NDArray i2, NDArray t1, NDArray t2, NDArray scale) {
    return cxrClip(i1, i2, t1, t2, null, null, scale);
  }

  /** CXR-CLIP's loss with hard negatives of the first texts {@code t1} (or none when null). */
  public static NDArray cxrClip(
      NDArray i1,
      NDArray i2,
      NDArray t1,
      NDArray t2,
      NDArray hard,
      NDArray hardValid,
      NDArray scale) {
    NDArray i2t =
        ceHard(i1, t1, hard, hardValid, scale)
            .add(ceHard(i2, t1, hard, hardValid, scale))
            .add(ce(i1, t2, scale))
            .add(ce(i2, t2, scale))
            .div(4f);
    NDArray t2i =
        ce(t1, i1, scale)
            .add(ce(t1, i2, scale))
            .add(ce(t2, i1, scale))
            .add(ce(t2, i2, scale))
            .div(4f);
    NDArray icl = ce(i1, i2, scale).add(ce(i2, i1, scale)).div(2f);
    NDArray tcl = ce(t2, t1, scale).add(ce(t1, t2, scale)).div(2f);
    return i2t.add(t2i).div(2f).add(icl.mul(ICL_WEIGHT)).add(tcl.mul(TCL_WEIGHT));
  }

  /**
   * ASG's loss: alignment + 5·tag BCE + soft-label KL.
   *
   * @param tagLogits {@code [B,K]} tag head outputs
   * @param tags {@code [B,K]} 0/1 tag targets, also the label vectors of the soft targets
   */
  public static NDArray asg(
      NDArray images, NDArray texts, NDArray scale, NDArray tagLogits, NDArray tags) {
    return asg(images, texts, null, null, scale, tagLogits, tags);
  }

  /** ASG's loss with hard negatives on the image→report side (none when {@code hard} is null). */
  public static NDArray asg(
      NDArray images,
      NDArray texts,
      NDArray hard,
      NDArray hardValid,
      NDArray scale,
      NDArray tagLogits,
      NDArray tags) {
    NDArray s = images.matMul(texts.transpose()).mul(scale);
    NDArray align =
        ceHard(images, texts, hard, hardValid, scale).add(diagonalCrossEntropy(s.transpose()));
    NDArray bce = binaryCrossEntropy(tagLogits, tags);
    return align.add(bce.mul(TAG_WEIGHT)).add(softLabel(s, tags));
  }

  /** Mean binary cross-entropy with logits, in the numerically stable form. */
  public static NDArray binaryCrossEntropy(NDArray logits, NDArray targets) {
    return logits
        .maximum(0f)
        .sub(logits.mul(targets))
        .add(logits.abs().neg().exp().add(1f).log())
        .mean();
  }

  /** The soft-label contrastive term of ASG over similarity logits {@code s}. */
  public static NDArray softLabel(NDArray s, NDArray labels) {
    long n = s.getShape().get(0);
    NDArray unit = labels.div(labels.norm(new int[] {1}, true).maximum(1e-12f));
    NDArray a =
        s.getManager()
            .eye((int) n)
            .mul(SOFT_IDENTITY)
            .add(unit.matMul(unit.transpose()).mul(SOFT_LABELS))
            .add(1e-6f);
    NDArray p = a.div(a.sum(new int[] {1}, true));
    NDArray rows = symmetricKl(p, s);
    NDArray cols = symmetricKl(p, s.transpose());
    return rows.add(cols).div(2f);
  }

  /** {@code ½(KL(P‖softmax x) + KL(softmax x‖P))}, each summed over rows and divided by B. */
  static NDArray symmetricKl(NDArray p, NDArray x) {
    long n = p.getShape().get(0);
    NDArray logQ = x.logSoftmax(1);
    NDArray logP = p.log();
    NDArray q = logQ.exp();
    NDArray forward = p.mul(logP.sub(logQ)).sum().div((float) n);
    NDArray backward = q.mul(logQ.sub(logP)).sum().div((float) n);
    return forward.add(backward).div(2f);
  }
}
