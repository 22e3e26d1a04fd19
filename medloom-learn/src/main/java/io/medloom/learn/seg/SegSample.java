package io.medloom.learn.seg;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;

/**
 * One image with its target mask, both at the network's side (gray, nearest-neighbour mask).
 *
 * @param position the sample's position in its reader
 * @param patientKey the keyed patient (label fractions are drawn by patient)
 */
public record SegSample(int position, String id, String patientKey, Raster image, BitMask mask) {}
