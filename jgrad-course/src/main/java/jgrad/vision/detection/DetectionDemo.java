package jgrad.vision.detection;

import jgrad.vision.DemoArgs;
import jgrad.vision.Pictures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Object detection on generated scenes: trains a {@link CenterNet} with a progress bar, prints
 * mAP@0.5, COCO's mAP@[.5:.95] and the AP@0.5 of each class on held-out scenes, and writes
 * {@code detections.png} (predicted boxes with class and score, ground truth dashed) and the
 * checkpoint {@code model.safetensors}.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.vision.detection.DetectionDemo -Djgrad.args="--epochs 12"
 * </pre>
 * Options (defaults): {@code --train} scenes (2000), {@code --test} scenes (500), {@code --epochs} (12),
 * {@code --width} (16), {@code --batch} (32), {@code --lr} (3e-3), {@code --seed} (0), {@code --out} (runs/detection).
 */
public final class DetectionDemo {
    private DetectionDemo() {
    }

    /** The scenes of the demo and the tests: 48x48, up to 4 objects of 8 to 18 pixels. */
    public static final ShapeScenes SCENES = new ShapeScenes(48, 4, 8, 18);

    public static void main(String[] args) throws Exception {
        var options = new DemoArgs("DetectionDemo", args, "train", "test", "epochs", "width", "batch", "lr", "seed", "out");
        var config = new DetectorTraining(SCENES, options.integer("width", 16), options.integer("train", 2000),
                options.integer("epochs", 12), options.integer("batch", 32), options.number("lr", 3e-3), options.integer("seed", 0));
        Path out = Path.of(options.string("out", "runs/detection"));
        System.out.println(config);
        long start = System.nanoTime();
        CenterNet model = config.train(System.out);
        var result = DetectorTraining.evaluate(model, SCENES, options.integer("test", 500), 1_000_000 + config.seed());
        System.out.printf(Locale.ROOT, "%s (%.0f s, %d parameters)%n", DetectorTraining.summary(result),
                (System.nanoTime() - start) / 1e9, model.parameterCount());
        List<List<GroundTruth>> truths = result.testScenes().stream().map(ShapeScenes.Scene::truths).toList();
        for (int c = 0; c < ShapeScenes.CLASSES; c++) {
            System.out.printf(Locale.ROOT, "  AP@0.5 %-9s %.4f%n", ShapeScenes.CLASS_NAMES.get(c),
                    MeanAveragePrecision.averagePrecision(result.testDetections(), truths, c, 0.5));
        }
        Path png = out.resolve("detections.png");
        Pictures.save(picture(result, 12, 0.3), png);
        jgrad.io.Safetensors.save(model.stateDict(), out.resolve("model.safetensors"));
        System.out.println("wrote " + png + " and " + out.resolve("model.safetensors"));
    }

    /** The first {@code count} held-out scenes with detections scoring at least {@code minScore}. */
    static BufferedImage picture(DetectorTraining.Result result, int count, double minScore) {
        int scale = 4;
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < Math.min(count, result.testScenes().size()); i++) {
            var scene = result.testScenes().get(i);
            BufferedImage tile = Pictures.grey(scene.image(), scale);
            for (GroundTruth t : scene.truths()) Pictures.drawBox(tile, t.box(), scale, Color.WHITE, null, true);
            for (Detection d : result.testDetections().get(i)) {
                if (d.score() < minScore) continue;
                Pictures.drawBox(tile, d.box(), scale, Pictures.color(d.label()),
                        String.format(Locale.ROOT, "%s %.2f", ShapeScenes.CLASS_NAMES.get(d.label()).substring(0, 4), d.score()), false);
            }
            tiles.add(tile);
        }
        return Pictures.grid(tiles, 4, 4);
    }
}
