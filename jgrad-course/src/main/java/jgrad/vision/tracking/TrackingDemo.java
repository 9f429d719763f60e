package jgrad.vision.tracking;

import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.vision.DemoArgs;
import jgrad.vision.Pictures;
import jgrad.vision.detection.Box;
import jgrad.vision.detection.CenterNet;
import jgrad.vision.detection.DetectionDemo;
import jgrad.vision.detection.Detection;
import jgrad.vision.detection.DetectorTraining;
import jgrad.vision.detection.ShapeScenes;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Tracking by detection on generated videos: a {@link CenterNet} finds the objects in each frame, a
 * {@link SortTracker} links them into tracks; prints MOTA, IDF1 and their parts (misses, false
 * positives, ID switches) on held-out videos and writes {@code tracks.png}, a strip of frames with
 * each track's box and id in its own colour.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.vision.tracking.TrackingDemo
 * </pre>
 * Options (defaults): {@code --detector} checkpoint of a width-16 CenterNet (runs/tracking/detector.safetensors;
 * trained on {@link #SCENES} for {@code --detector-epochs} (6) and saved there when missing), {@code --settings first|tuned} (tuned, see
 * {@link TrackerSettings}), {@code --videos} (20), {@code --frames} (60), {@code --seed} (0), {@code --out} (runs/tracking).
 */
public final class TrackingDemo {
    private TrackingDemo() {
    }

    /**
     * The scenes the tracking detector is trained on: the detection demo's, except that half of the
     * objects lie across a border, as objects entering and leaving a video do, with their visible part
     * as the box while at least half is visible (the videos' ground-truth rule) and as background
     * otherwise. A detector trained only on whole objects misses most objects at the borders; one
     * trained without the half-visible rule reports the rest as false positives.
     */
    public static final ShapeScenes SCENES = new ShapeScenes(48, 4, 8, 18, 0.5);

    public static void main(String[] args) throws Exception {
        var options = new DemoArgs("TrackingDemo", args, "detector", "detector-epochs", "videos", "frames", "seed", "out", "settings");
        TrackerSettings settings = switch (options.string("settings", "tuned")) {
            case "first" -> TrackerSettings.FIRST;
            case "tuned" -> TrackerSettings.TUNED;
            default -> throw new IllegalArgumentException("TrackingDemo: --settings must be first or tuned");
        };
        Path checkpoint = Path.of(options.string("detector", "runs/tracking/detector.safetensors"));
        Path out = Path.of(options.string("out", "runs/tracking"));
        long start = System.nanoTime();
        CenterNet detector;
        if (Files.exists(checkpoint)) {
            detector = new CenterNet(ShapeScenes.CLASSES, 16);
            detector.loadStateDict(Safetensors.load(checkpoint));
            System.out.println("detector from " + checkpoint);
        } else {
            System.out.println(checkpoint + " not found: training the detector first (objects cut by the borders too)");
            detector = new DetectorTraining(SCENES, 16, 2000, options.integer("detector-epochs", 6), 32, 3e-3, 0).train(System.out);
            Files.createDirectories(checkpoint.toAbsolutePath().getParent());
            Safetensors.save(detector.stateDict(), checkpoint);
        }
        System.out.println(settings);
        var videos = new MovingObjectsVideo(SCENES, options.integer("frames", 60), 3, 0.05);
        var random = new SplittableRandom(2_000_000 + options.integer("seed", 0));
        var metrics = new MotMetrics(0.5);
        int count = options.integer("videos", 20);
        var progress = new jgrad.train.Progress(System.out, jgrad.train.Progress.isTerminal(), "videos", count);
        List<List<SortTracker.TrackedBox>> firstTracks = null;
        List<MovingObjectsVideo.Frame> first = null;
        for (int v = 0; v < count; v++) {
            List<MovingObjectsVideo.Frame> video = videos.sample(random);
            metrics.newSequence();
            List<List<SortTracker.TrackedBox>> tracks = track(detector, video, metrics, settings);
            if (v == 0) {
                first = video;
                firstTracks = tracks;
            }
            progress.step(metrics.mota());
        }
        System.out.printf(Locale.ROOT, "%s on %d held-out videos of %d frames (%.0f s)%n", metrics.summary(), count,
                videos.frames(), (System.nanoTime() - start) / 1e9);
        Path png = out.resolve("tracks.png");
        Pictures.save(strip(first, firstTracks, 0, 4, 10), png);
        System.out.println("wrote " + png);
    }

    /** Detects and tracks through one video with {@code settings}, adding each frame to the metrics; returns the reported tracks per frame. */
    public static List<List<SortTracker.TrackedBox>> track(CenterNet detector, List<MovingObjectsVideo.Frame> video, MotMetrics metrics,
                                                           TrackerSettings settings) {
        return track(detect(detector, video, settings.scoreThreshold()), video, metrics, settings);
    }

    /** The detector's detections in every frame of a video, down to {@code minScore}. */
    public static List<List<Detection>> detect(CenterNet detector, List<MovingObjectsVideo.Frame> video, double minScore) {
        Tensor images = Tensor.stack(video.stream().map(MovingObjectsVideo.Frame::image).toList(), 0);
        return detector.detect(images, minScore, 20);
    }

    /** Tracks through one video from its detections (those scoring below the settings' threshold are dropped). */
    public static List<List<SortTracker.TrackedBox>> track(List<List<Detection>> detections, List<MovingObjectsVideo.Frame> video,
                                                           MotMetrics metrics, TrackerSettings settings) {
        var tracker = settings.newTracker();
        List<List<SortTracker.TrackedBox>> all = new ArrayList<>();
        for (int t = 0; t < video.size(); t++) {
            List<Box> boxes = detections.get(t).stream().filter(d -> d.score() >= settings.scoreThreshold())
                    .map(d -> settings.clipToImage() ? SCENES.clip(d.box()) : d.box()).toList();
            List<SortTracker.TrackedBox> tracks = tracker.update(boxes);
            metrics.add(video.get(t).objects(), tracks.stream().map(b -> new MotMetrics.Identified(b.id(), b.box())).toList());
            all.add(tracks);
        }
        return all;
    }

    /** {@code count} frames from {@code from}, every {@code every}-th, with track boxes and ids. */
    static BufferedImage strip(List<MovingObjectsVideo.Frame> video, List<List<SortTracker.TrackedBox>> tracks, int from, int every, int count) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (int k = 0; k < count && from + k * every < video.size(); k++) {
            int t = from + k * every;
            BufferedImage tile = Pictures.grey(video.get(t).image(), 4);
            for (SortTracker.TrackedBox b : tracks.get(t)) Pictures.drawBox(tile, b.box(), 4, Pictures.color(b.id()), "#" + b.id(), false);
            Pictures.caption(tile, "t=" + t);
            tiles.add(tile);
        }
        return Pictures.grid(tiles, 5, 4);
    }
}
