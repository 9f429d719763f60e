package jgrad.vision.segmentation;

import jgrad.vision.DemoArgs;
import jgrad.vision.Pictures;
import jgrad.vision.detection.ShapeScenes;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Semantic segmentation of generated scenes with a small {@link UNet}: trains with a progress bar
 * (cross-entropy + Dice), prints pixel accuracy, mean IoU and the IoU of each class on held-out
 * scenes, and writes {@code segmentation.png}: each scene, its true labels and the predicted labels
 * as colour overlays.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.vision.segmentation.SegmentationDemo -Djgrad.args="--epochs 8"
 * </pre>
 * Options (defaults): {@code --train} (1200), {@code --test} (300), {@code --epochs} (8), {@code --width} (8),
 * {@code --batch} (16), {@code --lr} (3e-3), {@code --dice} weight (1), {@code --seed} (0), {@code --out} (runs/segmentation).
 */
public final class SegmentationDemo {
    private SegmentationDemo() {
    }

    /** 32x32 scenes with up to 3 objects of 6 to 14 pixels. */
    public static final ShapeScenes SCENES = new ShapeScenes(32, 3, 6, 14);

    public static void main(String[] args) throws Exception {
        var options = new DemoArgs("SegmentationDemo", args, "train", "test", "epochs", "width", "batch", "lr", "dice", "seed", "out");
        var config = new SegmentationTraining(SCENES, options.integer("width", 8), options.integer("train", 1200),
                options.integer("epochs", 8), options.integer("batch", 16), options.number("lr", 3e-3),
                options.number("dice", 1.0), options.integer("seed", 0));
        Path out = Path.of(options.string("out", "runs/segmentation"));
        System.out.println(config);
        long start = System.nanoTime();
        UNet model = config.train(System.out);
        long testSeed = 1_000_000 + config.seed();
        var metrics = SegmentationTraining.evaluate(model, SCENES, options.integer("test", 300), testSeed);
        System.out.print(metrics.report(SegmentationTraining.CLASS_NAMES));
        System.out.printf(Locale.ROOT, "on %d held-out scenes (%.0f s, %d parameters)%n", options.integer("test", 300),
                (System.nanoTime() - start) / 1e9, model.parameterCount());
        Path png = out.resolve("segmentation.png");
        Pictures.save(picture(model, SCENES.sample(8, testSeed)), png);
        System.out.println("wrote " + png);
    }

    /** Rows of (scene, true labels, predicted labels). */
    static BufferedImage picture(UNet model, List<ShapeScenes.Scene> scenes) {
        var predicted = SegmentationTraining.predict(model, scenes);
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            BufferedImage plain = Pictures.grey(scenes.get(i).image(), 6);
            tiles.add(plain);
            BufferedImage truth = Pictures.overlay(plain, scenes.get(i).mask(), 0.55);
            Pictures.caption(truth, "truth");
            tiles.add(truth);
            BufferedImage guess = Pictures.overlay(plain, predicted.select(0, i), 0.55);
            Pictures.caption(guess, "predicted");
            tiles.add(guess);
        }
        return Pictures.grid(tiles, 6, 4);
    }
}
