package jgrad.examples;

import jgrad.cli.Main;
import jgrad.data.Mnist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README demo: trains the W3 convolutional network ({@link jgrad.models.SmallCnn}) on 10,000
 * digits rendered with Java2D (nothing to download) for 3 epochs with AdamW (lr 1e-3, cosine
 * schedule), with a progress bar, then prints the classification report and the confusion matrix
 * on 2,000 test digits and says where the checkpoint and the loss/accuracy curves PNG went. When
 * MNIST is in {@link Mnist#defaultDirectory()} ({@code $JGRAD_DATA/mnist}), it trains on the first
 * 10,000 MNIST images instead and tests on MNIST's 10,000.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.DigitsDemo
 * </pre>
 * It is {@code jgrad train} with these defaults ({@link Main}); extra arguments are passed on and
 * override them, e.g. {@code --epochs 5} or {@code --out somewhere}.
 */
public final class DigitsDemo {
    private DigitsDemo() {
    }

    public static void main(String[] args) {
        Path mnist = Mnist.defaultDirectory();
        boolean haveMnist = Mnist.isAvailable(mnist, true) && Mnist.isAvailable(mnist, false);
        List<String> command = new ArrayList<>(List.of("train", "--model", "cnn", "--epochs", "3", "--lr", "1e-3",
                "--out", "runs/digits-demo"));
        if (haveMnist) {
            System.out.println("MNIST found in " + mnist + ": training on its first 10,000 images");
            command.addAll(List.of("--dataset", "mnist", "--train-size", "10000"));
        } else {
            System.out.println("training on digits rendered with Java2D (put the MNIST IDX files in " + mnist
                    + " to train on MNIST instead)");
            command.addAll(List.of("--dataset", "digits"));
        }
        command.addAll(List.of(args));
        Main.main(command.toArray(String[]::new));
    }
}
