package io.medloom.learn.data;

/**
 * A batch assembled on a loader thread in Java memory; the training thread turns it into tensors
 * with one copy (NDArrays are made where they are used).
 *
 * @param images {@code n * channels * size * size} floats, sample after sample (NCHW)
 * @param targets {@code n * outputs} floats
 */
public record HostBatch(int n, int[] positions, float[] images, float[] targets) {}
