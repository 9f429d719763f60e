package jgrad.vision.segmentation;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.vision.SceneTraining;
import jgrad.vision.detection.ShapeScenes;

import java.io.PrintStream;
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
        SceneTraining.fit(model, scenes.sample(trainScenes, seed), epochs, batchSize, lr, seed, out, batch -> {
            Tensor target = masks(batch);
            Tensor logits = model.forward(images(batch));
            Tensor loss = F.crossEntropy(logits, target);
            return diceWeight > 0 ? loss.add(DiceLoss.dice(logits, target).mul(diceWeight)) : loss;
        });
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
        return SceneTraining.images(scenes);
    }

    static Tensor masks(List<ShapeScenes.Scene> scenes) {
        return Tensor.stack(scenes.stream().map(ShapeScenes.Scene::mask).toList(), 0);
    }
}
