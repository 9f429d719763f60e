package jgrad.vision.classification;

import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.FashionMnist;
import jgrad.data.Subset;
import jgrad.data.TensorDataset;
import jgrad.data.Transform;
import jgrad.data.TransformedDataset;
import jgrad.data.Transforms;
import jgrad.models.SmallCnn;
import jgrad.models.SmallResNet;
import jgrad.nn.Module;
import jgrad.optim.AdamW;
import jgrad.optim.CosineAnnealingLR;
import jgrad.train.History;
import jgrad.train.Trainer;

import java.io.PrintStream;

/**
 * Trains a Fashion-MNIST classifier: the W3 CNN ({@link SmallCnn}) or a {@link SmallResNet}, with
 * AdamW, a cosine learning-rate schedule over the epochs and, optionally, augmentation (random
 * crop with 2 pixels of padding, horizontal flip) before normalisation with the training set's
 * mean and standard deviation. Test images are only normalised.
 *
 * @param model "cnn" or "resnet"
 * @param width the first width: SmallCnn's first conv channels (the rest scale with it), SmallResNet's stem width
 * @param trainSize how many training images to use (the first ones), at most 60,000
 * @param testSize how many test images to evaluate on, at most 10,000
 */
public record FashionMnistClassifier(String model, int width, int epochs, int trainSize, int testSize, int batchSize,
                                     double lr, boolean augment, long seed) {

    /** Mean and standard deviation of Fashion-MNIST's training pixels (in [0, 1]). */
    public static final double MEAN = 0.2860, STD = 0.3530;

    /** The network of {@link #model()}, at its width. */
    public Module newModel() {
        return switch (model) {
            case "cnn" -> new SmallCnn(width, 2 * width, 4 * width);
            case "resnet" -> new SmallResNet(1, width, 10);
            default -> throw new IllegalArgumentException("FashionMnistClassifier: model must be cnn or resnet, got " + model);
        };
    }

    /** A trained model with its history and its evaluation on the test images. */
    public record Result(Module model, History history, Trainer.Evaluation test) {
    }

    public Result train(TensorDataset trainSet, TensorDataset testSet, PrintStream out) {
        return train(trainSet, testSet, out, null);
    }

    /**
     * Trains and, when {@code checkpoint} is not null, saves the model's state there (atomically)
     * after every epoch, so that a run stopped early still leaves its last epoch's weights.
     */
    public Result train(TensorDataset trainSet, TensorDataset testSet, PrintStream out, java.nio.file.Path checkpoint) {
        jgrad.Jgrad.manualSeed(seed);
        Module net = newModel();
        Transform normalize = Transforms.normalize(new double[] {MEAN}, new double[] {STD});
        Transform trainTransform = augment
                ? Transforms.randomCrop(28, 2).andThen(Transforms.randomHorizontalFlip(0.5)).andThen(normalize)
                : normalize;
        Dataset train = new TransformedDataset(first(trainSet, trainSize), trainTransform, seed);
        Dataset test = new TransformedDataset(first(testSet, testSize), normalize, seed);
        var optimizer = new AdamW(net.parameters(), lr, 0.9, 0.999, 1e-8, 5e-4, false);
        var trainer = new Trainer(net, optimizer).withScheduler(new CosineAnnealingLR(optimizer, epochs, 0))
                .withOutput(out, jgrad.train.Progress.isTerminal())
                .withEpochEnd(epoch -> {
                    if (checkpoint != null) saveCheckpoint(net, checkpoint);
                });
        History history = trainer.fit(new DataLoader(train, batchSize, true, true, seed, 1),
                new DataLoader(test, 500), epochs);
        return new Result(net, history, trainer.evaluate(new DataLoader(test, 500)));
    }

    /** Trains on Fashion-MNIST as found by {@link FashionMnist#findDirectory()}, checkpointing as above. */
    public Result train(PrintStream out, java.nio.file.Path checkpoint) throws java.io.IOException {
        return train(FashionMnist.load(true), FashionMnist.load(false), out, checkpoint);
    }

    private static void saveCheckpoint(Module net, java.nio.file.Path file) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            jgrad.io.Safetensors.save(net.stateDict(), file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("FashionMnistClassifier: cannot write checkpoint " + file, e);
        }
    }

    private static Dataset first(Dataset data, int count) {
        if (count >= data.size()) return data;
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = i;
        return new Subset(data, indices);
    }
}
