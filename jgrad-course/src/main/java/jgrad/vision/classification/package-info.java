/**
 * Image classification end to end: training and evaluating Fashion-MNIST classifiers (the W3 CNN or
 * a small ResNet) with augmentation and a learning-rate schedule, as a documented demo command.
 *
 * <p>May use: {@code jgrad.vision}, {@code models}, {@code nn}, {@code optim}, {@code data},
 * {@code train} and {@code io}.
 */
package jgrad.vision.classification;
