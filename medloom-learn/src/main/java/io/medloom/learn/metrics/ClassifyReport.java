package io.medloom.learn.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The metrics of a classifier on one split. Field names are the JSON contract of {@code eval
 * classify}: {@code auroc} {class: value}, {@code macro_auroc}, {@code accuracy}, ...
 *
 * @param aurocCi95 per class, the bootstrap 95% interval [low, high] of the AUROC
 * @param accuracy single-label: share of argmax predictions that are right; multilabel: share of
 *     (sample, class) decisions at 0.5 that are right
 * @param balancedAccuracy mean over classes of recall (single-label) or of (sensitivity +
 *     specificity) / 2 (multilabel)
 * @param f1 macro F1 over classes
 * @param confusion single-label: rows = true class, columns = predicted class; multilabel: per
 *     class [tn, fp, fn, tp]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassifyReport(
    String task,
    String target,
    String split,
    int samples,
    List<String> classes,
    Map<String, Long> positives,
    Map<String, Double> auroc,
    @JsonProperty("auroc_ci95") Map<String, double[]> aurocCi95,
    @JsonProperty("macro_auroc") Double macroAuroc,
    @JsonProperty("macro_auroc_ci95") double[] macroAurocCi95,
    Double accuracy,
    @JsonProperty("balanced_accuracy") Double balancedAccuracy,
    Double f1,
    List<List<Long>> confusion,
    Double mae,
    Double rmse,
    Double r2,
    @JsonProperty("bootstrap_resamples") Integer bootstrapResamples) {}
