/**
 * Semantic segmentation: a U-Net (transposed-convolution up path, skip connections), the Dice loss
 * beside cross-entropy, pixel accuracy and mean IoU, training and the demo with overlay pictures.
 *
 * <p>May use: the library (jgrad-core) and the shared parts of jgrad.vision and its sibling packages; nothing in jgrad-core depends on it.
 */
package jgrad.vision.segmentation;
