package jgrad.vision.detection;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.vision.SceneTraining;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a {@link CenterNet} on generated {@link ShapeScenes} and measures it on held-out scenes
 * (a different seed): AdamW with a cosine schedule over the epochs, mini-batches of scenes.
 */
public record DetectorTraining(ShapeScenes scenes, int width, int trainScenes, int epochs, int batchSize, double lr,
                               long seed) {

    /** A trained detector and its held-out mAP@0.5 and mAP@[.5:.95]. */
    public record Result(CenterNet model, double map50, double cocoMap, List<ShapeScenes.Scene> testScenes,
                         List<List<Detection>> testDetections) {
    }

    /** Stacks the images of scenes into {@code (N, 1, H, W)}. */
    public static Tensor images(List<ShapeScenes.Scene> scenes) {
        return SceneTraining.images(scenes);
    }

    public CenterNet train(PrintStream out) {
        Jgrad.manualSeed(seed);
        var model = new CenterNet(ShapeScenes.CLASSES, width);
        var loss = model.loss();
        SceneTraining.fit(model, scenes.sample(trainScenes, seed), epochs, batchSize, lr, seed, out,
                batch -> loss.loss(model.forward(images(batch)),
                        loss.encode(batch.stream().map(ShapeScenes.Scene::truths).toList(), scenes.size(), scenes.size())));
        return model;
    }

    /** Detections and mAP of {@code model} on {@code count} scenes drawn from {@code testSeed}. */
    public static Result evaluate(CenterNet model, ShapeScenes scenes, int count, long testSeed) {
        List<ShapeScenes.Scene> test = scenes.sample(count, testSeed);
        List<List<Detection>> detections = new ArrayList<>();
        for (int start = 0; start < count; start += 100) {
            detections.addAll(model.detect(images(test.subList(start, Math.min(count, start + 100))), 0.05, 20));
        }
        List<List<GroundTruth>> truths = test.stream().map(ShapeScenes.Scene::truths).toList();
        return new Result(model, MeanAveragePrecision.map(detections, truths, ShapeScenes.CLASSES, 0.5),
                MeanAveragePrecision.cocoMap(detections, truths, ShapeScenes.CLASSES), test, detections);
    }

    public static String summary(Result result) {
        return String.format(Locale.ROOT, "mAP@0.5 %.4f, mAP@[.5:.95] %.4f on %d held-out scenes", result.map50(),
                result.cocoMap(), result.testScenes().size());
    }
}
