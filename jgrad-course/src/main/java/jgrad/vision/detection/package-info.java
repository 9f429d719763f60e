/**
 * Object detection on generated scenes: {@code ShapeScenes} (scenes with boxes), the CenterNet-style
 * grid detector and its loss, box IoU and non-maximum suppression with torchvision's semantics
 * ({@code BoxOps}), COCO-style mean average precision, training and the demo.
 *
 * <p>May use: the library (jgrad-core) and the shared parts of jgrad.vision and its sibling packages; nothing in jgrad-core depends on it.
 */
package jgrad.vision.detection;
