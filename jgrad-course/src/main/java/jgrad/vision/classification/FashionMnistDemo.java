package jgrad.vision.classification;

import jgrad.data.FashionMnist;
import jgrad.train.Curves;
import jgrad.vision.DemoArgs;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Fashion-MNIST classification with the W3 CNN or a small ResNet: trains with a progress bar, then
 * prints the test accuracy, the per-class report (class names below it) and the confusion matrix,
 * the wall time, and writes the checkpoint (after every epoch) and the loss/accuracy curves into {@code --out}.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.vision.classification.FashionMnistDemo \
 *       -Djgrad.args="--model resnet --width 16 --epochs 10"
 * </pre>
 * Options (defaults): {@code --model cnn|resnet} (cnn), {@code --width} (32 for cnn, 16 for resnet),
 * {@code --epochs} (5), {@code --train-size} (60000), {@code --test-size} (10000), {@code --batch} (128),
 * {@code --lr} (2e-3), {@code --augment} (true), {@code --seed} (0), {@code --out} (runs/fashion-mnist).
 */
public final class FashionMnistDemo {
    private FashionMnistDemo() {
    }

    public static void main(String[] args) throws Exception {
        var options = new DemoArgs("FashionMnistDemo", args, "model", "width", "epochs", "train-size", "test-size",
                "batch", "lr", "augment", "seed", "out");
        String model = options.string("model", "cnn");
        var config = new FashionMnistClassifier(model, options.integer("width", model.equals("cnn") ? 32 : 16),
                options.integer("epochs", 5), options.integer("train-size", 60000), options.integer("test-size", 10000),
                options.integer("batch", 128), options.number("lr", 2e-3), options.flag("augment", true),
                options.integer("seed", 0));
        Path out = Path.of(options.string("out", "runs/fashion-mnist"));
        System.out.println("Fashion-MNIST from " + FashionMnist.findDirectory().orElse(null) + "; " + config);
        long start = System.nanoTime();
        var result = config.train(System.out, out.resolve("model.safetensors"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(result.test().matrix().report());
        for (int c = 0; c < FashionMnist.CLASSES.size(); c++) {
            System.out.printf(Locale.ROOT, "  %d = %s%n", c, FashionMnist.CLASSES.get(c));
        }
        System.out.println(result.test().matrix());
        System.out.printf(Locale.ROOT, "test accuracy %.4f on %d images after %d epochs (%s, %d parameters) in %.0f s%n",
                result.test().accuracy(), result.test().matrix().total(), config.epochs(), model,
                result.model().parameterCount(), seconds);
        Curves.saveHistory(out.resolve("curves.png"), result.history());
        System.out.println("wrote " + out.resolve("model.safetensors") + " and " + out.resolve("curves.png"));
    }
}
