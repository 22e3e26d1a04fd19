/**
 * Few-shot evaluation (MedIMeta's protocol): episodes of every (dataset, task) pair, methods that
 * adapt a frozen or fine-tuned encoder to each episode's support set, zero-shot scores of a
 * vision–language model, and meta-training across the other domains for held-out-domain runs.
 */
package io.medloom.learn.fewshot;
