package jgrad.vision.tracking;

import jgrad.io.Safetensors;
import jgrad.vision.DemoArgs;
import jgrad.vision.detection.CenterNet;
import jgrad.vision.detection.Detection;
import jgrad.vision.detection.ShapeScenes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where a tracker's errors come from: runs the detector once on validation videos (seeds apart from
 * the demo's held-out ones, so that tuning never sees the test videos), then tracks them with the
 * first settings, with the detections clipped to the image (the ground truth is clipped), and from
 * there with one knob changed at a time, printing MOTA, IDF1 and its parts (misses, false positives,
 * ID switches) for each.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.vision.tracking.TrackingAnalysis -Djgrad.args="--detector runs/tracking/detector.safetensors"
 * </pre>
 * Options (defaults): {@code --detector} (runs/tracking/detector.safetensors, written by the tracking demo), {@code --videos} (20), {@code --frames} (60).
 */
public final class TrackingAnalysis {
    private TrackingAnalysis() {
    }

    /** Seeds of the validation videos: the demo's held-out videos start at 2,000,000. */
    public static final long VALIDATION_SEED = 3_000_000;

    public static void main(String[] args) throws Exception {
        var options = new DemoArgs("TrackingAnalysis", args, "detector", "videos", "frames");
        var detector = new CenterNet(ShapeScenes.CLASSES, 16);
        detector.loadStateDict(Safetensors.load(Path.of(options.string("detector", "runs/tracking/detector.safetensors"))));
        var videos = new MovingObjectsVideo(TrackingDemo.SCENES, options.integer("frames", 60), 3, 0.05);
        var random = new SplittableRandom(VALIDATION_SEED);
        int count = options.integer("videos", 20);
        List<List<MovingObjectsVideo.Frame>> clips = new ArrayList<>();
        List<List<List<Detection>>> detections = new ArrayList<>();
        var progress = new jgrad.train.Progress(System.out, jgrad.train.Progress.isTerminal(), "detecting", count);
        for (int v = 0; v < count; v++) {
            clips.add(videos.sample(random));
            detections.add(TrackingDemo.detect(detector, clips.getLast(), 0.05));
            progress.step(0);
        }
        // The first settings, then with detections clipped to the image as the ground truth is, then one knob at a time from there.
        TrackerSettings base = TrackerSettings.FIRST.withClipToImage(true);
        List<TrackerSettings> variants = new ArrayList<>(List.of(TrackerSettings.FIRST, base));
        for (double t : new double[] {0.2, 0.35, 0.4, 0.45, 0.5}) variants.add(base.withScoreThreshold(t));
        for (int age : new int[] {3, 15}) variants.add(base.withMaxAge(age));
        for (int hits : new int[] {1, 3}) variants.add(base.withMinHits(hits));
        for (double iou : new double[] {0.05, 0.4}) variants.add(base.withMinIou(iou));
        for (double q : new double[] {0.1, 0.01}) variants.add(base.withNoise(q, 1.0));
        variants.add(base.withNoise(1.0, 10.0));
        // the knobs that moved MOTA, together
        for (double t : new double[] {0.4, 0.5, 0.6})
            for (int hits : new int[] {2, 3})
                for (int age : new int[] {3, 8}) variants.add(base.withScoreThreshold(t).withMinHits(hits).withMaxAge(age));
        for (TrackerSettings settings : variants) System.out.println(evaluate(settings, clips, detections));
    }

    /** One line: the settings and the metrics they reach on the given videos and detections. */
    public static String evaluate(TrackerSettings settings, List<List<MovingObjectsVideo.Frame>> clips,
                                  List<List<List<Detection>>> detections) {
        var metrics = new MotMetrics(0.5);
        for (int v = 0; v < clips.size(); v++) {
            metrics.newSequence();
            TrackingDemo.track(detections.get(v), clips.get(v), metrics, settings);
        }
        return String.format(Locale.ROOT, "%s%n    %s", settings, metrics.summary());
    }
}
