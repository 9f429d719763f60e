package jgrad.vision.generation;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.FashionMnist;
import jgrad.data.TensorDataset;
import jgrad.models.SmallCnn;
import jgrad.nn.functional.F;
import jgrad.optim.Adam;
import jgrad.train.Progress;
import jgrad.vision.DemoArgs;
import jgrad.vision.Pictures;
import jgrad.vision.classification.FashionMnistClassifier;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Image generation on Fashion-MNIST with a {@link Vae} or a {@link Dcgan}: trains with a progress
 * bar, writes {@code samples.png} (an 8x8 grid) and {@code interpolation.png} (rows of images
 * decoded along straight lines in latent space), and prints the quality figure: the Fréchet
 * distance between 1,000 generated and 1,000 real test images in the 32-unit hidden layer of a
 * narrow W3 CNN trained here on Fashion-MNIST ({@link FrechetDistance}), beside the same distance
 * between 1,000 real training and 1,000 real test images as the floor. The VAE also prints its
 * negative ELBO on test images in nats (reconstruction + KL).
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.vision.generation.GenerationDemo -Djgrad.args="--model vae"
 * </pre>
 * Options (defaults): {@code --model vae|dcgan} (vae), {@code --epochs} (3), {@code --train-size} (20000),
 * {@code --seed} (0), {@code --out} (runs/generation-MODEL).
 */
public final class GenerationDemo {
    private GenerationDemo() {
    }

    /** A generator of images in [0, 1] for a batch of latent codes, with its latent size. */
    public interface Generator {
        int latent();

        Tensor generate(Tensor codes);
    }

    public static void main(String[] args) throws Exception {
        var options = new DemoArgs("GenerationDemo", args, "model", "epochs", "train-size", "seed", "out");
        String model = options.string("model", "vae");
        int epochs = options.integer("epochs", 3), trainSize = options.integer("train-size", 20000);
        long seed = options.integer("seed", 0);
        Path out = Path.of(options.string("out", "runs/generation-" + model));
        long start = System.nanoTime();
        TensorDataset trainSet = FashionMnist.load(true), testSet = FashionMnist.load(false);
        Tensor train = trainSet.inputs().narrow(0, 0, Math.min(trainSize, trainSet.size()));
        Tensor test = testSet.inputs().narrow(0, 0, 1000);
        Generator generator = switch (model) {
            case "vae" -> trainVae(train, test, epochs, seed, System.out);
            case "dcgan" -> trainDcgan(train, epochs, seed, System.out);
            default -> throw new IllegalArgumentException("GenerationDemo: --model must be vae or dcgan, got " + model);
        };
        var random = new SplittableRandom(seed + 7);
        Tensor samples = generate(generator, Tensor.randn(random, jgrad.DType.FLOAT32, 1000, generator.latent()));
        System.out.println("training the feature classifier (narrow W3 CNN, 1 epoch on the training images)");
        SmallCnn features = featureNetwork(trainSet, testSet, seed);
        Tensor testFeatures = features(features, test);
        double generated = FrechetDistance.between(features(features, samples), testFeatures);
        double floor = FrechetDistance.between(features(features, trainSet.inputs().narrow(0, 30000, 1000)), testFeatures);
        System.out.printf(Locale.ROOT, "Fréchet distance in the jgrad W3-CNN (8-16-32) hidden-layer space: %s samples vs test %.3f;"
                + " real train vs test %.3f (%.0f s)%n", model, generated, floor, (System.nanoTime() - start) / 1e9);
        Pictures.save(grid(samples.narrow(0, 0, 64), 8), out.resolve("samples.png"));
        Pictures.save(interpolations(generator, random), out.resolve("interpolation.png"));
        System.out.println("wrote " + out.resolve("samples.png") + " and " + out.resolve("interpolation.png"));
    }

    static Vae trainVaeModel(Tensor train, int epochs, long seed, PrintStream out) {
        Vae vae = Vae.create(512, 16, seed);
        var optimizer = new Adam(vae.parameters(), 1e-3);
        var random = new SplittableRandom(seed);
        int batch = 128, steps = train.size(0) / batch;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Progress progress = out == null ? null : new Progress(out, Progress.isTerminal(), "vae epoch " + epoch + "/" + epochs, steps);
            int[] order = jgrad.data.Dataset.permutation(train.size(0), random);
            for (int step = 0; step < steps; step++) {
                Tensor images = train.indexSelect(0, indices(order, step * batch, batch));
                optimizer.zeroGrad();
                Tensor loss = vae.loss(images, random).total();
                loss.backward();
                optimizer.step();
                if (progress != null) progress.step(loss.item());
            }
        }
        return vae;
    }

    static Generator trainVae(Tensor train, Tensor test, int epochs, long seed, PrintStream out) {
        Vae vae = trainVaeModel(train, epochs, seed, out);
        try (var ignored = Grad.noGrad()) {
            Vae.Loss loss = vae.loss(test, new SplittableRandom(seed + 3));
            System.out.printf(Locale.ROOT, "VAE negative ELBO on %d test images: %.2f nats per image = reconstruction %.2f + KL %.2f%n",
                    test.size(0), loss.total().item(), loss.reconstruction().item(), loss.kl().item());
        }
        return new Generator() {
            public int latent() { return vae.latent(); }
            public Tensor generate(Tensor codes) { return vae.decode(codes).sigmoid(); }
        };
    }

    static Dcgan trainDcganModel(Tensor train, int epochs, long seed, PrintStream out) {
        Jgrad.manualSeed(seed);
        Dcgan gan = new Dcgan(32, 16);
        var generatorOptimizer = new Adam(gan.generator().parameters(), 2e-4, 0.5, 0.999, 1e-8, 0, false);
        var discriminatorOptimizer = new Adam(gan.discriminator().parameters(), 2e-4, 0.5, 0.999, 1e-8, 0, false);
        var random = new SplittableRandom(seed);
        int batch = 64, steps = train.size(0) / batch;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Progress progress = out == null ? null : new Progress(out, Progress.isTerminal(), "dcgan epoch " + epoch + "/" + epochs, steps);
            int[] order = jgrad.data.Dataset.permutation(train.size(0), random);
            for (int step = 0; step < steps; step++) {
                Tensor real = train.indexSelect(0, indices(order, step * batch, batch)).mul(2).sub(1);     // [-1, 1]
                Tensor fake = gan.generator().forward(gan.noise(batch, random));
                // discriminator: real -> 1, generated -> 0 (the generated batch detached)
                discriminatorOptimizer.zeroGrad();
                Tensor dLoss = F.binaryCrossEntropyWithLogits(gan.discriminator().forward(real), Tensor.ones(batch, 1))
                        .add(F.binaryCrossEntropyWithLogits(gan.discriminator().forward(fake.detach()), Tensor.zeros(batch, 1)));
                dLoss.backward();
                discriminatorOptimizer.step();
                // generator: make the discriminator say 1 for generated images (the non-saturating loss)
                generatorOptimizer.zeroGrad();
                Tensor gLoss = F.binaryCrossEntropyWithLogits(gan.discriminator().forward(fake), Tensor.ones(batch, 1));
                gLoss.backward();
                generatorOptimizer.step();
                if (progress != null) progress.step(gLoss.item());
            }
        }
        return gan;
    }

    static Generator trainDcgan(Tensor train, int epochs, long seed, PrintStream out) {
        Dcgan gan = trainDcganModel(train, epochs, seed, out);
        gan.generator().eval();
        return new Generator() {
            public int latent() { return gan.latent(); }
            public Tensor generate(Tensor codes) { return gan.generator().forward(codes).add(1).mul(0.5); }
        };
    }

    static Tensor generate(Generator generator, Tensor codes) {
        try (var ignored = Grad.noGrad()) {
            List<Tensor> parts = new ArrayList<>();
            for (int start = 0; start < codes.size(0); start += 250) {
                parts.add(generator.generate(codes.narrow(0, start, Math.min(250, codes.size(0) - start))));
            }
            return Tensor.cat(parts, 0);
        }
    }

    /** The narrow W3 CNN whose hidden layer is the feature space, trained for one epoch on all 60,000 training images. */
    static SmallCnn featureNetwork(TensorDataset train, TensorDataset test, long seed) {
        var config = new FashionMnistClassifier("cnn", 8, 1, train.size(), 2000, 128, 3e-3, false, seed);
        var result = config.train(train, test, null);
        System.out.printf(Locale.ROOT, "feature classifier test accuracy %.4f%n", result.test().accuracy());
        return (SmallCnn) result.model();
    }

    /** Hidden-layer features of images in [0, 1], normalised as the classifier was trained. */
    static Tensor features(SmallCnn network, Tensor images) {
        network.eval();
        try (var ignored = Grad.noGrad()) {
            return network.features(images.sub(FashionMnistClassifier.MEAN).div(FashionMnistClassifier.STD));
        }
    }

    private static BufferedImage grid(Tensor images, int columns) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (int i = 0; i < images.size(0); i++) tiles.add(Pictures.grey(images.select(0, i), 3));
        return Pictures.grid(tiles, columns, 2);
    }

    // 6 rows of 10 images decoded along z = (1 - t) z_a + t z_b between two random codes.
    private static BufferedImage interpolations(Generator generator, SplittableRandom random) {
        List<Tensor> codes = new ArrayList<>();
        for (int row = 0; row < 6; row++) {
            Tensor a = Tensor.randn(random, jgrad.DType.FLOAT32, generator.latent());
            Tensor b = Tensor.randn(random, jgrad.DType.FLOAT32, generator.latent());
            for (int k = 0; k < 10; k++) codes.add(a.mul(1 - k / 9.0).add(b.mul(k / 9.0)));
        }
        return grid(generate(generator, Tensor.stack(codes, 0)), 10);
    }

    private static Tensor indices(int[] order, int from, int count) {
        long[] picked = new long[count];
        for (int i = 0; i < count; i++) picked[i] = order[from + i];
        return Tensor.of(picked);
    }
}
