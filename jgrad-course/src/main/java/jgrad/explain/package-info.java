/**
 * Explanations of a trained model's decisions: gradient attributions (saliency, gradient times
 * input, integrated gradients), Grad-CAM for convolutional networks, per-token attributions for text,
 * and the rank correlation used to compare them; {@code ExplainDemo} is the runnable example.
 *
 * <p>May use: the library (jgrad-core) and the course's figures (jgrad.viz); nothing in jgrad-core depends on it.
 */
package jgrad.explain;
