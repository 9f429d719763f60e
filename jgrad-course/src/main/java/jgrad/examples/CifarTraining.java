package jgrad.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.Cifar10;
import jgrad.data.DataLoader;
import jgrad.data.FashionMnist;
import jgrad.data.TensorDataset;
import jgrad.io.Safetensors;
import jgrad.models.CifarNet;
import jgrad.optim.SGD;
import jgrad.train.Curves;
import jgrad.train.History;
import jgrad.train.Trainer;
import jgrad.vision.DemoArgs;

/**
 * The image-classification example of the course survey, runnable: {@link CifarNet} (two 5x5
 * convolutions with max pooling, then three fully connected layers, 10 scores) trained with
 * cross-entropy and SGD at learning rate 0.001 with momentum 0.9, as the survey sets it up.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.CifarTraining -Djgrad.args="--epochs 1"
 * </pre>
 *
 * <p>Data: CIFAR-10's binary files in {@code --data} (default {@link Cifar10#defaultDirectory()};
 * {@code --download true} fetches the 170 MB archive there, which needs the network). Where they
 * are absent, the same network trains on Fashion-MNIST (Debian's {@code dataset-fashion-mnist})
 * with each 28x28 grey picture framed by 2 black pixels to 32x32 and copied into the three colour
 * channels, so the example runs offline; it says which data it used.
 *
 * <p>Prints a progress bar per epoch, the test accuracy, the per-class report and the confusion
 * matrix; writes {@code model.safetensors} and {@code curves.png} into {@code --out}. Options
 * (defaults): {@code --epochs} (2), {@code --batch} (4), {@code --lr} (0.001), {@code --momentum}
 * (0.9), {@code --train-size} (all), {@code --test-size} (all), {@code --seed} (0),
 * {@code --data}, {@code --download} (false), {@code --out} (runs/cifar).
 */
public final class CifarTraining {
    private CifarTraining() {
    }

    /** A training and a test split with their class names, and where they came from. */
    record Data(TensorDataset train, TensorDataset test, List<String> classes, String description) {
    }

    public static void main(String[] args) throws IOException {
        var options = new DemoArgs("CifarTraining", args, "epochs", "batch", "lr", "momentum", "train-size",
                "test-size", "seed", "data", "download", "out");
        int epochs = options.integer("epochs", 2);
        int batch = options.integer("batch", 4);
        long seed = options.integer("seed", 0);
        Path out = Path.of(options.string("out", "runs/cifar"));
        Path cifarDirectory = Path.of(options.string("data", Cifar10.defaultDirectory().toString()));
        if (options.flag("download", false)) {
            Cifar10.download(cifarDirectory, Cifar10.DEFAULT_URL);
        }
        Data data = load(cifarDirectory, options.integer("train-size", Integer.MAX_VALUE),
                options.integer("test-size", Integer.MAX_VALUE));
        System.out.println(data.description());

        Jgrad.manualSeed(seed);
        var model = new CifarNet();
        var optimizer = new SGD(model.parameters(), options.number("lr", 0.001), options.number("momentum", 0.9));
        var trainer = new Trainer(model, optimizer);
        long start = System.nanoTime();
        History history = trainer.fit(new DataLoader(data.train(), batch, true, seed), null, epochs);
        Trainer.Evaluation test = trainer.evaluate(new DataLoader(data.test(), 256));
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.println(test.matrix().report(data.classes()));
        System.out.println(test.matrix());
        System.out.printf(Locale.ROOT, "test accuracy %.4f on %d images after %d epochs of %d (batch %d) in %.0f s%n",
                test.accuracy(), test.matrix().total(), epochs, data.train().size(), batch, seconds);
        Files.createDirectories(out);
        Safetensors.save(model.stateDict(), out.resolve("model.safetensors"));
        Curves.saveHistory(out.resolve("curves.png"), history);
        System.out.println("wrote " + out.resolve("model.safetensors") + " and " + out.resolve("curves.png"));
    }

    /** CIFAR-10 from {@code directory} when both splits are there, else Fashion-MNIST as 3x32x32 pictures. */
    static Data load(Path directory, int trainSize, int testSize) throws IOException {
        if (Cifar10.isAvailable(directory, true) && Cifar10.isAvailable(directory, false)) {
            return new Data(first(Cifar10.load(directory, true), trainSize), first(Cifar10.load(directory, false), testSize),
                    Cifar10.CLASSES, "CIFAR-10 from " + directory);
        }
        var train = first(FashionMnist.load(true), trainSize);
        var test = first(FashionMnist.load(false), testSize);
        return new Data(asColour32(train), asColour32(test), FashionMnist.CLASSES,
                "CIFAR-10 not found in " + directory + " (--download true fetches it); using Fashion-MNIST framed to "
                        + "3x32x32 from " + FashionMnist.findDirectory().orElseThrow());
    }

    private static TensorDataset first(TensorDataset data, int count) {
        int n = Math.min(count, data.size());
        return n == data.size() ? data : new TensorDataset(data.inputs().narrow(0, 0, n), data.targets().narrow(0, 0, n));
    }

    /** (N, 1, 28, 28) → (N, 3, 32, 32): a 2-pixel black frame, the grey value in every channel. */
    static TensorDataset asColour32(TensorDataset grey) {
        Tensor images = grey.inputs();
        int n = images.size(0);
        Tensor rows = Tensor.zeros(images.dtype(), n, 1, 2, 28);
        Tensor framed = Tensor.cat(List.of(rows, images, rows), 2);
        Tensor columns = Tensor.zeros(images.dtype(), n, 1, 32, 2);
        framed = Tensor.cat(List.of(columns, framed, columns), 3);
        return new TensorDataset(framed.expand(n, 3, 32, 32).contiguous(), grey.targets());
    }
}
