package jgrad.vision.segmentation;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.optim.AdamW;
import jgrad.optim.CosineAnnealingLR;
import jgrad.train.Progress;
import jgrad.vision.detection.ShapeScenes;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a {@link UNet} to label every pixel of generated {@link ShapeScenes} (background or one of
 * the shape classes) with cross-entropy plus {@code diceWeight} times the {@link DiceLoss}; AdamW
 * with a cosine schedule. {@link #evaluate} measures pixel accuracy and mean IoU on held-out scenes.
 */
public record SegmentationTraining(ShapeScenes scenes, int width, int trainScenes, int epochs, int batchSize, double lr,
                                   double diceWeight, long seed) {

    /** Background plus the shape classes. */
    public static final int CLASSES = 1 + ShapeScenes.CLASSES;
    public static final List<String> CLASS_NAMES = List.of("background", "rectangle", "ellipse", "triangle");

    public UNet train(PrintStream out) {
        Jgrad.manualSeed(seed);
        var model = new UNet(CLASSES, width);
        List<ShapeScenes.Scene> train = scenes.sample(trainScenes, seed);
        int steps = trainScenes / batchSize;
        var optimizer = new AdamW(model.parameters(), lr, 0.9, 0.999, 1e-8, 1e-4, false);
        var schedule = new CosineAnnealingLR(optimizer, epochs * steps, 0);
        var shuffle = new java.util.SplittableRandom(seed + 1);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Progress progress = out == null ? null : new Progress(out, Progress.isTerminal(), "epoch " + epoch + "/" + epochs, steps);
            int[] order = jgrad.data.Dataset.permutation(train.size(), shuffle);
            for (int step = 0; step < steps; step++) {
                List<ShapeScenes.Scene> batch = new ArrayList<>();
                for (int k = 0; k < batchSize; k++) batch.add(train.get(order[step * batchSize + k]));
                Tensor target = masks(batch);
                optimizer.zeroGrad();
                Tensor logits = model.forward(images(batch));
                Tensor loss = F.crossEntropy(logits, target);
                if (diceWeight > 0) loss = loss.add(DiceLoss.dice(logits, target).mul(diceWeight));
                loss.backward();
                optimizer.step();
                schedule.step();
                if (progress != null) progress.step(loss.item());
            }
        }
        return model;
    }

    /** Per-pixel predictions {@code (N, H, W)} of {@code model} for scenes. */
    public static Tensor predict(UNet model, List<ShapeScenes.Scene> scenes) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var ignored = Grad.noGrad()) {
            return model.forward(images(scenes)).argmax(1, false);
        } finally {
            model.train(wasTraining);
        }
    }

    /** Pixel accuracy and IoU of {@code model} on {@code count} scenes drawn from {@code testSeed}. */
    public static SegmentationMetrics evaluate(UNet model, ShapeScenes scenes, int count, long testSeed) {
        var metrics = new SegmentationMetrics(CLASSES);
        List<ShapeScenes.Scene> test = scenes.sample(count, testSeed);
        for (int start = 0; start < count; start += 50) {
            List<ShapeScenes.Scene> chunk = test.subList(start, Math.min(count, start + 50));
            metrics.add(predict(model, chunk).toLongArray(), masks(chunk).toLongArray());
        }
        return metrics;
    }

    static Tensor images(List<ShapeScenes.Scene> scenes) {
        return Tensor.stack(scenes.stream().map(ShapeScenes.Scene::image).toList(), 0);
    }

    static Tensor masks(List<ShapeScenes.Scene> scenes) {
        return Tensor.stack(scenes.stream().map(ShapeScenes.Scene::mask).toList(), 0);
    }
}
