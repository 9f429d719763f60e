package jgrad.vision.classification;

import jgrad.data.FashionMnist;
import jgrad.train.Curves;
import jgrad.train.Trainer;
import jgrad.vision.DemoArgs;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Fashion-MNIST classification with the W3 CNN, a small ResNet or a small VGG: trains with a progress
 * bar, then prints the accuracy, the per-class report (class names below it) and the confusion matrix,
 * the wall time, and writes the checkpoint (after every epoch) and the loss/accuracy curves into {@code --out}.
 * With {@code --validation N} the last N training images are held out and measured after every epoch;
 * the test set is measured once, at the end, plainly and with horizontal-flip averaging, unless
 * {@code --test-size 0} (development runs that choose hyperparameters on the validation images).
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.vision.classification.FashionMnistDemo \
 *       -Djgrad.args="--model vgg --epochs 10 --schedule onecycle --label-smoothing 0.1"
 * </pre>
 * Options (defaults): {@code --model cnn|resnet|vgg} (cnn), {@code --width} (32 for cnn and vgg, 16 for resnet),
 * {@code --epochs} (5), {@code --train-size} (60000), {@code --test-size} (10000; 0: not touched), {@code --batch} (128),
 * {@code --lr} (2e-3), {@code --augment} (true), {@code --schedule cosine|onecycle} (cosine),
 * {@code --label-smoothing} (0), {@code --validation} (0), {@code --seed} (0), {@code --out} (runs/fashion-mnist).
 */
public final class FashionMnistDemo {
    private FashionMnistDemo() {
    }

    public static void main(String[] args) throws Exception {
        var options = new DemoArgs("FashionMnistDemo", args, "model", "width", "epochs", "train-size", "test-size",
                "batch", "lr", "augment", "schedule", "label-smoothing", "validation", "seed", "out");
        String model = options.string("model", "cnn");
        var config = new FashionMnistClassifier(model, options.integer("width", model.equals("resnet") ? 16 : 32),
                options.integer("epochs", 5), options.integer("train-size", 60000), options.integer("test-size", 10000),
                options.integer("batch", 128), options.number("lr", 2e-3), options.flag("augment", true),
                options.integer("seed", 0), options.integer("validation", 0), options.number("label-smoothing", 0),
                options.string("schedule", "cosine"));
        Path out = Path.of(options.string("out", "runs/fashion-mnist"));
        System.out.println("Fashion-MNIST from " + FashionMnist.findDirectory().orElse(null) + "; " + config);
        long start = System.nanoTime();
        var result = config.train(System.out, out.resolve("model.safetensors"));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.validation() != null) {
            report("validation", result.validation(), config, result, seconds);
        }
        if (result.test() != null) {
            report("test", result.test(), config, result, seconds);
            System.out.printf(Locale.ROOT, "test accuracy with horizontal-flip averaging %.4f (loss %.4f)%n",
                    result.testFlipped().accuracy(), result.testFlipped().loss());
        }
        Curves.saveHistory(out.resolve("curves.png"), result.history(), "validation");
        System.out.println("wrote " + out.resolve("model.safetensors") + " and " + out.resolve("curves.png"));
    }

    /** The per-class report, the class names, the confusion matrix and the accuracy line of one held-out set. */
    private static void report(String name, Trainer.Evaluation measured, FashionMnistClassifier config,
                               FashionMnistClassifier.Result result, double seconds) {
        System.out.println(name + ":");
        System.out.println(measured.matrix().report());
        for (int c = 0; c < FashionMnist.CLASSES.size(); c++) {
            System.out.printf(Locale.ROOT, "  %d = %s%n", c, FashionMnist.CLASSES.get(c));
        }
        System.out.println(measured.matrix());
        System.out.printf(Locale.ROOT, "%s accuracy %.4f (loss %.4f) on %d images after %d epochs (%s, %d parameters) in %.0f s%n",
                name, measured.accuracy(), measured.loss(), measured.matrix().total(), config.epochs(), config.model(),
                result.model().parameterCount(), seconds);
    }
}
