package jgrad.vision.tracking;

import jgrad.vision.detection.Box;

import java.util.ArrayList;
import java.util.List;

/**
 * SORT (Bewley et al. 2016, "Simple Online and Realtime Tracking"): each track is a
 * {@link KalmanBoxFilter}; every frame the tracks predict, the detections are assigned to them by
 * the {@link Hungarian} method on {@code 1 - IoU} (pairs below {@code minIou} are not matched),
 * matched tracks update, unmatched detections start new tracks (birth), and a track unmatched for
 * more than {@code maxAge} frames is dropped (death). A track is reported once it has been matched
 * {@code minHits} times (or from the first frames of the video), and only in frames where it was
 * matched.
 */
public final class SortTracker {
    /** A reported box with its track id. */
    public record TrackedBox(int id, Box box) {
    }

    private final int maxAge, minHits;
    private final double minIou, processNoise, measurementNoise;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;
    private int frame;

    private static final class Track {
        final int id;
        final KalmanBoxFilter filter;
        int hits = 1, sinceUpdate;

        Track(int id, KalmanBoxFilter filter) {
            this.id = id;
            this.filter = filter;
        }
    }

    /** A tracker whose Kalman filters have process and measurement noise 1. */
    public SortTracker(int maxAge, int minHits, double minIou) {
        this(maxAge, minHits, minIou, 1.0, 1.0);
    }

    public SortTracker(int maxAge, int minHits, double minIou, double processNoise, double measurementNoise) {
        this.maxAge = maxAge;
        this.minHits = minHits;
        this.minIou = minIou;
        this.processNoise = processNoise;
        this.measurementNoise = measurementNoise;
    }

    /** Processes one frame's detections and returns the tracks reported in it. */
    public List<TrackedBox> update(List<Box> detections) {
        frame++;
        List<Box> predicted = new ArrayList<>();
        for (Track t : tracks) predicted.add(t.filter.predict());
        double[][] cost = new double[detections.size()][tracks.size()];
        for (int d = 0; d < detections.size(); d++)
            for (int t = 0; t < tracks.size(); t++) cost[d][t] = 1 - detections.get(d).iou(predicted.get(t));
        int[] assignment = Hungarian.solve(cost);
        boolean[] trackMatched = new boolean[tracks.size()];
        List<Track> born = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            int t = assignment[d];
            if (t >= 0 && 1 - cost[d][t] >= minIou) {
                Track track = tracks.get(t);
                track.filter.update(detections.get(d));
                track.hits++;
                track.sinceUpdate = 0;
                trackMatched[t] = true;
            } else {
                born.add(new Track(nextId++, new KalmanBoxFilter(detections.get(d), processNoise, measurementNoise)));
            }
        }
        for (int t = 0; t < tracks.size(); t++) if (!trackMatched[t]) tracks.get(t).sinceUpdate++;
        tracks.removeIf(t -> t.sinceUpdate > maxAge);
        tracks.addAll(born);
        List<TrackedBox> reported = new ArrayList<>();
        for (Track t : tracks) {
            if (t.sinceUpdate == 0 && (t.hits >= minHits || frame <= minHits)) reported.add(new TrackedBox(t.id, t.filter.box()));
        }
        return reported;
    }
}
