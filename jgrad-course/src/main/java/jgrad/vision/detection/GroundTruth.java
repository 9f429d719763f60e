package jgrad.vision.detection;

/** A labelled object of the data: its box and class. */
public record GroundTruth(Box box, int label) {
}
