package jgrad.vision.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.FashionMnist;
import org.junit.jupiter.api.Test;

class GenerationTest {

    @Test
    void frechetDistanceOfGaussiansMatchesTheClosedForm() {
        // N(0, I) vs N(m, 4 I) in d = 3: |m|^2 + Tr(I + 4I - 2 * 2I) = |m|^2 + 3; estimated from 20,000 samples
        var random = new SplittableRandom(1);
        Tensor a = Tensor.randn(random, DType.FLOAT64, 20000, 3);
        Tensor b = Tensor.randn(random, DType.FLOAT64, 20000, 3).mul(2).add(Tensor.of(new double[] {1, -2, 0.5}));
        assertThat(FrechetDistance.between(a, b)).isCloseTo(1 + 4 + 0.25 + 3, within(0.15));
        assertThat(FrechetDistance.between(a, a)).isCloseTo(0, within(1e-6));
    }

    @Test
    void jacobiFindsTheEigenvaluesOfASymmetricMatrix() {
        double[] lambda = FrechetDistance.eigenvalues(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
        java.util.Arrays.sort(lambda);
        assertThat(lambda).containsExactly(new double[] {1, 3, 5}, within(1e-10));
    }

    @Test
    void vaeLowersItsNegativeElboOnHeldOutImages() throws Exception {
        assumeTrue(FashionMnist.findDirectory().isPresent(), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        Tensor train = FashionMnist.load(true).inputs().narrow(0, 0, 2560);
        Tensor test = FashionMnist.load(false).inputs().narrow(0, 0, 500);
        double before, after;
        try (var ignored = Grad.noGrad()) {
            before = Vae.create(512, 16, 3).loss(test, new SplittableRandom(9)).total().item();
        }
        Vae vae = GenerationDemo.trainVaeModel(train, 2, 3, null);
        try (var ignored = Grad.noGrad()) {
            Vae.Loss loss = vae.loss(test, new SplittableRandom(9));
            after = loss.total().item();
            assertThat(loss.kl().item()).as("KL term (nats)").isGreaterThan(0);
        }
        // an untrained decoder costs about 784 ln 2 = 543 nats; a few epochs bring it well under 350
        assertThat(before).isGreaterThan(500);
        assertThat(after).as("negative ELBO after training, nats per image").isLessThan(350);
    }

    @Test
    void dcganStepsProduceImagesInRange() {
        Tensor fakeData = Tensor.rand(new SplittableRandom(2), DType.FLOAT32, 128, 1, 28, 28);
        Dcgan gan = GenerationDemo.trainDcganModel(fakeData, 1, 5, null);
        gan.generator().eval();
        try (var ignored = Grad.noGrad()) {
            Tensor images = gan.generator().forward(gan.noise(4, new SplittableRandom(1)));
            assertThat(images.shape()).containsExactly(4, 1, 28, 28);
            assertThat(images.abs().max().item()).isLessThanOrEqualTo(1.0);
            assertThat(gan.discriminator().forward(images).shape()).containsExactly(4, 1);
        }
    }

    /**
     * A short DCGAN run on real images moves the generator's samples towards held-out ones: the
     * Fréchet distance between 7×7 average-pooled pictures (49 numbers each; pixels, not a
     * classifier's features, to keep the test fast) must fall to less than half the untrained
     * generator's. 150 steps of 64 (2 epochs of 4,800 images).
     */
    @Test
    void shortDcganTrainingMovesSamplesTowardsHeldOutImages() throws Exception {
        assumeTrue(FashionMnist.findDirectory().isPresent(), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        Tensor train = FashionMnist.load(true).inputs().narrow(0, 0, 4800);
        Tensor heldOut = pooled(FashionMnist.load(false).inputs().narrow(0, 0, 500).mul(2).sub(1));
        Jgrad.manualSeed(4);
        double before = FrechetDistance.between(pooled(samples(new Dcgan(32, 16), 500)), heldOut);
        Dcgan gan = GenerationDemo.trainDcganModel(train, 2, 4, null);
        double after = FrechetDistance.between(pooled(samples(gan, 500)), heldOut);
        System.out.printf("DCGAN pooled-pixel Frechet distance: untrained %.2f, after 150 steps %.2f%n", before, after);
        assertThat(after).as("Frechet distance after training (untrained: %.2f)", before).isLessThan(before / 2);
    }

    private static Tensor samples(Dcgan gan, int count) {
        gan.generator().eval();
        try (var ignored = Grad.noGrad()) {
            return gan.generator().forward(gan.noise(count, new SplittableRandom(11))).to(DType.FLOAT64);
        }
    }

    /** (N, 1, 28, 28) → (N, 49): means over 4×4 blocks. */
    private static Tensor pooled(Tensor images) {
        return jgrad.nn.functional.F.avgPool2d(images.to(DType.FLOAT64), 4).reshape(images.size(0), 49);
    }
}
