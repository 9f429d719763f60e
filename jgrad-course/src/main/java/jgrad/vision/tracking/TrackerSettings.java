package jgrad.vision.tracking;

/**
 * The knobs of tracking by detection, each a source of one kind of error:
 *
 * @param scoreThreshold detections scoring below it are dropped (too low: false positives; too high: misses)
 * @param maxAge frames a track survives without a match (too low: a hidden object gets a new id; too high: ghosts)
 * @param minHits matches before a track is reported (too high: each track's first frames are misses)
 * @param minIou the gate: an assigned pair with a smaller IoU is rejected (a new track is born instead)
 * @param processNoise the Kalman filter's Q on position and size (velocity: half of it)
 * @param measurementNoise the Kalman filter's R
 * @param clipToImage whether detections are clipped to the image before tracking (ground truth is clipped)
 */
public record TrackerSettings(double scoreThreshold, int maxAge, int minHits, double minIou, double processNoise,
                              double measurementNoise, boolean clipToImage) {

    /** The settings the tracking demo started from. */
    public static final TrackerSettings FIRST = new TrackerSettings(0.3, 8, 2, 0.2, 1.0, 1.0, false);

    /**
     * Chosen on validation videos with {@link TrackingAnalysis} for the detector trained on
     * {@code TrackingDemo.SCENES}: detections clipped to the image, score threshold 0.4 (validation MOTA
     * 0.709 at 0.3, 0.772 at 0.35, 0.788 at 0.4, 0.775 at 0.45; the other knobs moved it by less than 0.015).
     */
    public static final TrackerSettings TUNED = FIRST.withClipToImage(true).withScoreThreshold(0.4);

    public SortTracker newTracker() {
        return new SortTracker(maxAge, minHits, minIou, processNoise, measurementNoise);
    }

    public TrackerSettings withScoreThreshold(double value) {
        return new TrackerSettings(value, maxAge, minHits, minIou, processNoise, measurementNoise, clipToImage);
    }

    public TrackerSettings withMaxAge(int value) {
        return new TrackerSettings(scoreThreshold, value, minHits, minIou, processNoise, measurementNoise, clipToImage);
    }

    public TrackerSettings withMinHits(int value) {
        return new TrackerSettings(scoreThreshold, maxAge, value, minIou, processNoise, measurementNoise, clipToImage);
    }

    public TrackerSettings withMinIou(double value) {
        return new TrackerSettings(scoreThreshold, maxAge, minHits, value, processNoise, measurementNoise, clipToImage);
    }

    public TrackerSettings withNoise(double process, double measurement) {
        return new TrackerSettings(scoreThreshold, maxAge, minHits, minIou, process, measurement, clipToImage);
    }

    public TrackerSettings withClipToImage(boolean value) {
        return new TrackerSettings(scoreThreshold, maxAge, minHits, minIou, processNoise, measurementNoise, value);
    }
}
