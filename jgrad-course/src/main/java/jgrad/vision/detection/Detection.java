package jgrad.vision.detection;

/** A predicted object: its box, class label and confidence score. */
public record Detection(Box box, int label, double score) {
}
