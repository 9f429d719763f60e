package jgrad.vision.classification;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.Dataset;
import jgrad.data.Example;
import jgrad.data.FashionMnist;
import jgrad.data.Subset;
import jgrad.data.TensorDataset;
import jgrad.data.Transform;
import jgrad.data.TransformedDataset;
import jgrad.data.Transforms;
import jgrad.models.SmallCnn;
import jgrad.models.SmallResNet;
import jgrad.models.SmallVgg;
import jgrad.nn.Module;
import jgrad.nn.functional.F;
import jgrad.optim.AdamW;
import jgrad.optim.CosineAnnealingLR;
import jgrad.optim.OneCycleLR;
import jgrad.train.ConfusionMatrix;
import jgrad.train.History;
import jgrad.train.Trainer;

import java.io.PrintStream;

/**
 * Trains a Fashion-MNIST classifier: the W3 CNN ({@link SmallCnn}), a {@link SmallResNet} or a
 * {@link SmallVgg}, with AdamW (weight decay 5e-4), optionally label smoothing, and one of two
 * learning-rate schedules: {@code cosine} lowers the lr from {@code lr} to 0 over the epochs (stepped
 * once per epoch), {@code onecycle} warms it up to {@code lr} over the first 30% of the batches and
 * anneals it to almost 0 by the last one ({@link OneCycleLR}, stepped per batch). Optional augmentation
 * (random crop with 2 pixels of padding, horizontal flip) comes before normalisation with the training
 * set's mean and standard deviation; held-out images are only normalised.
 *
 * <p>Held-out measurements: with {@code validationSize > 0} the last {@code validationSize} training
 * images are held out and measured after every epoch and at the end; with {@code testSize > 0} the
 * test images are measured once, at the end (plainly, and again with horizontal-flip averaging,
 * reported separately). Hyperparameters are chosen in <em>development</em> runs with a validation
 * split and {@code testSize = 0}, which never touch the test set; the final run then measures the
 * test set once.
 *
 * @param model          "cnn", "resnet" or "vgg"
 * @param width          the first width: SmallCnn's first conv channels (the rest scale with it), SmallResNet's
 *                       stem width, SmallVgg's first stage
 * @param trainSize      how many training images to use (the first ones), at most 60,000 less the validation images
 * @param testSize       how many test images to evaluate on at the end, at most 10,000 (0: the test set is not touched)
 * @param validationSize training images held out from the end of the training set and measured every epoch (0: none)
 * @param labelSmoothing the training loss's label smoothing (0: none)
 * @param schedule       "cosine" (per epoch) or "onecycle" (per batch)
 */
public record FashionMnistClassifier(String model, int width, int epochs, int trainSize, int testSize, int batchSize,
                                     double lr, boolean augment, long seed, int validationSize, double labelSmoothing,
                                     String schedule) {

    /** Mean and standard deviation of Fashion-MNIST's training pixels (in [0, 1]). */
    public static final double MEAN = 0.2860, STD = 0.3530;

    /** Dropout of SmallVgg's head. */
    public static final double VGG_DROPOUT = 0.25;

    public FashionMnistClassifier {
        if (!schedule.equals("cosine") && !schedule.equals("onecycle")) {
            throw new IllegalArgumentException("FashionMnistClassifier: schedule must be cosine or onecycle, got " + schedule);
        }
        if (validationSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("FashionMnistClassifier: validationSize and testSize must be >= 0, got "
                    + validationSize + " and " + testSize);
        }
    }

    /** The first recipe: no validation split, no label smoothing, cosine per epoch. */
    public FashionMnistClassifier(String model, int width, int epochs, int trainSize, int testSize, int batchSize,
                                  double lr, boolean augment, long seed) {
        this(model, width, epochs, trainSize, testSize, batchSize, lr, augment, seed, 0, 0.0, "cosine");
    }

    /** The network of {@link #model()}, at its width. */
    public Module newModel() {
        return switch (model) {
            case "cnn" -> new SmallCnn(width, 2 * width, 4 * width);
            case "resnet" -> new SmallResNet(1, width, 10);
            case "vgg" -> new SmallVgg(width, 4 * width, VGG_DROPOUT);
            default -> throw new IllegalArgumentException("FashionMnistClassifier: model must be cnn, resnet or vgg, got " + model);
        };
    }

    /**
     * A trained model with its history and its measurements: {@code validation} when there is a validation
     * split, {@code test} and {@code testFlipped} (horizontal-flip averaging) when {@code testSize > 0}, else null.
     */
    public record Result(Module model, History history, Trainer.Evaluation validation, Trainer.Evaluation test,
                         Trainer.Evaluation testFlipped) {
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
        int usable = trainSet.size() - validationSize;
        if (usable <= 0) {
            throw new IllegalArgumentException("FashionMnistClassifier: validationSize " + validationSize
                    + " leaves no training images of " + trainSet.size());
        }
        Dataset train = new TransformedDataset(range(trainSet, 0, Math.min(trainSize, usable)), trainTransform, seed);
        DataLoader trainLoader = new DataLoader(train, batchSize, true, true, seed, 1);
        DataLoader validation = validationSize == 0 ? null
                : new DataLoader(new TransformedDataset(range(trainSet, usable, trainSet.size()), normalize, seed), 500);
        var optimizer = new AdamW(net.parameters(), lr, 0.9, 0.999, 1e-8, 5e-4, false);
        var trainer = new Trainer(net, optimizer).withLabelSmoothing(labelSmoothing).withHeldOutName("validation")
                .withOutput(out, jgrad.train.Progress.isTerminal())
                .withEpochEnd(epoch -> {
                    if (checkpoint != null) saveCheckpoint(net, checkpoint);
                });
        if (schedule.equals("onecycle")) {
            trainer.withBatchScheduler(new OneCycleLR(optimizer, lr, epochs * trainLoader.size()));
        } else {
            trainer.withScheduler(new CosineAnnealingLR(optimizer, epochs, 0));
        }
        History history = trainer.fit(trainLoader, validation, epochs);
        Trainer.Evaluation validated = validation == null ? null : trainer.evaluate(validation);
        if (testSize == 0) {
            return new Result(net, history, validated, null, null);
        }
        DataLoader test = new DataLoader(new TransformedDataset(range(testSet, 0, Math.min(testSize, testSet.size())),
                normalize, seed), 500);
        return new Result(net, history, validated, trainer.evaluate(test), evaluateFlipAveraged(net, test));
    }

    /** Trains on Fashion-MNIST as found by {@link FashionMnist#findDirectory()}, checkpointing as above. */
    public Result train(PrintStream out, java.nio.file.Path checkpoint) throws java.io.IOException {
        return train(FashionMnist.load(true), FashionMnist.load(false), out, checkpoint);
    }

    /**
     * Test-time augmentation with the one transform that keeps a garment a garment: the class
     * probabilities of each image and of its mirror image are averaged,
     * {@code p = (softmax(f(x)) + softmax(f(flip(x)))) / 2}, and the loss is {@code -log p[y]}.
     */
    static Trainer.Evaluation evaluateFlipAveraged(Module net, DataLoader loader) {
        boolean wasTraining = net.isTraining();
        net.eval();
        ConfusionMatrix matrix = new ConfusionMatrix(10);
        double lossSum = 0;
        long seen = 0;
        try (var ignored = Grad.noGrad()) {
            for (Example batch : loader) {
                Tensor images = batch.input();                                        // (N, 1, 28, 28)
                int width = images.size(3);
                long[] mirrored = new long[width];
                for (int x = 0; x < width; x++) mirrored[x] = width - 1 - x;
                Tensor flipped = images.indexSelect(3, Tensor.of(mirrored));
                Tensor probabilities = F.softmax(net.forward(images), 1).add(F.softmax(net.forward(flipped), 1)).mul(0.5);
                int n = batch.target().size(0);
                lossSum += F.nllLoss(probabilities.log(), batch.target()).item() * n;
                seen += n;
                matrix.add(probabilities.argmax(1, false), batch.target());
            }
        } finally {
            net.train(wasTraining);
        }
        return new Trainer.Evaluation(lossSum / seen, matrix);
    }

    private static void saveCheckpoint(Module net, java.nio.file.Path file) {
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            jgrad.io.Safetensors.save(net.stateDict(), file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("FashionMnistClassifier: cannot write checkpoint " + file, e);
        }
    }

    /** The examples {@code from} (inclusive) to {@code to} (exclusive) of {@code data}. */
    private static Dataset range(Dataset data, int from, int to) {
        if (from == 0 && to >= data.size()) return data;
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) indices[i] = from + i;
        return new Subset(data, indices);
    }
}
