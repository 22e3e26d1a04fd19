package io.medloom.learn.data;

/**
 * One sample ready for the network: the image as normalized floats in CHW order, and its target.
 */
public record Example(int position, float[] image, float[] target) {}
