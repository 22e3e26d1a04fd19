/**
 * Vision–language pre-training (CLIP, CXR-CLIP, ASG): the two-tower network, the contrastive
 * losses, image–text examples, and the zero-shot, retrieval and linear-probe evaluations.
 */
package io.medloom.learn.clip;
