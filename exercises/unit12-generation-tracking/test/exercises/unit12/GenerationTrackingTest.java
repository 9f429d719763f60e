package exercises.unit12;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.vision.detection.Box;
import jgrad.vision.generation.Vae;
import jgrad.vision.tracking.Hungarian;
import jgrad.vision.tracking.KalmanBoxFilter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of unit 12, with jgrad.vision as the reference: the two terms of {@code Vae.loss} in
 * float64, with the same noise (tasks 1 and 2), {@code KalmanBoxFilter} over random sequences of
 * predictions and updates (task 3), and the {@code Hungarian} method on {@code 1 - IoU} (task 4).
 */
class GenerationTrackingTest {

    @Test
    @Tag("task1")
    void reparameterisationOnAHandExample() {
        double[][] z = Elbo.reparameterise(new double[][] {{1, -2}}, new double[][] {{Math.log(4), 0}}, new double[][] {{0.5, -1}});
        assertNotNull(z, "reparameterise returned null");
        assertArrayEquals(new double[] {1 + 2 * 0.5, -2 - 1}, z[0], 1e-12, "mu + exp(logvar / 2) eps with sigma = 2 and 1");
    }

    @Test
    @Tag("task1")
    void reconstructionMatchesTheVaeLossWithTheSameNoise() {
        for (long seed = 1201; seed < 1204; seed++) {
            var vae = vae(seed);
            Tensor images = Tensor.rand(new SplittableRandom(seed), DType.FLOAT64, 3, 1, 28, 28);
            Vae.Loss expected;
            double actual;
            try (var ignored = Grad.noGrad()) {
                expected = vae.loss(images, new SplittableRandom(seed));
                Tensor[] posterior = vae.encode(images);
                // Vae.loss draws eps with the shape of mu from the random source it is given: the same draws here.
                Tensor eps = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, posterior[0].shape());
                double[][] z = Elbo.reparameterise(matrix(posterior[0]), matrix(posterior[1]), matrix(eps));
                assertNotNull(z, "reparameterise returned null");
                Tensor logits = vae.decode(Tensor.of(flatten(z), z.length, z[0].length)).reshape(3, 784);
                actual = Elbo.reconstruction(matrix(logits), matrix(images.reshape(3, 784)));
            }
            assertEquals(expected.reconstruction().item(), actual, 1e-8 * Math.abs(actual),
                    "reconstruction term (nats per image) of 3 random images, seed " + seed);
        }
    }

    @Test
    @Tag("task1")
    void reconstructionDoesNotOverflowForLargeLogits() {
        double value = Elbo.reconstruction(new double[][] {{1000, -1000}}, new double[][] {{0, 1}});
        assertEquals(2000, value, 1e-9, "softplus(1000) - 0 + softplus(-1000) + 1000");
    }

    @Test
    @Tag("task2")
    void klMatchesTheVaeLoss() {
        for (long seed = 1211; seed < 1214; seed++) {
            var vae = vae(seed);
            Tensor images = Tensor.rand(new SplittableRandom(seed), DType.FLOAT64, 4, 1, 28, 28);
            try (var ignored = Grad.noGrad()) {
                double expected = vae.loss(images, new SplittableRandom(seed)).kl().item();
                Tensor[] posterior = vae.encode(images);
                assertEquals(expected, Elbo.kl(matrix(posterior[0]), matrix(posterior[1])), 1e-9 * Math.max(1, expected),
                        "KL term (nats per image) of 4 random images, seed " + seed);
            }
        }
        assertEquals(0, Elbo.kl(new double[][] {{0, 0, 0}}, new double[][] {{0, 0, 0}}), 1e-15, "the prior itself: KL 0");
    }

    @Test
    @Tag("task3")
    void kalmanFilterFollowsKalmanBoxFilter() {
        for (int trial = 0; trial < 8; trial++) {
            var random = new SplittableRandom(1220 + trial);
            double q = 0.1 + random.nextDouble() * 5, r = 0.1 + random.nextDouble() * 5;
            double[] start = {20 + random.nextDouble() * 10, 15 + random.nextDouble() * 10, 5 + random.nextDouble() * 10, 5 + random.nextDouble() * 10};
            var reference = new KalmanBoxFilter(Box.ofCenter(start[0], start[1], start[2], start[3]), q, r);
            var filter = new Kalman(start, q, r);
            double vx = random.nextDouble() * 4 - 2, vy = random.nextDouble() * 4 - 2;
            for (int frame = 1; frame <= 15; frame++) {
                reference.predict();
                filter.predict();
                compare(reference.box(), filter.box(), "after predict " + frame + ", trial " + trial + " (q " + q + ", r " + r + ")");
                if (random.nextInt(4) > 0) {                   // some frames have no detection: predict only
                    double[] z = {start[0] + vx * frame + random.nextGaussian(), start[1] + vy * frame + random.nextGaussian(),
                            start[2] + random.nextGaussian() * 0.5, start[3] + random.nextGaussian() * 0.5};
                    reference.update(Box.ofCenter(z[0], z[1], z[2], z[3]));
                    filter.update(z);
                    compare(reference.box(), filter.box(), "after update " + frame + " with " + Arrays.toString(z) + ", trial " + trial);
                }
            }
        }
    }

    @Test
    @Tag("task4")
    void assignmentMatchesTheHungarianMethodWithAGate() {
        var random = new SplittableRandom(1230);
        for (int trial = 0; trial < 40; trial++) {
            int detections = random.nextInt(6), tracks = random.nextInt(6);
            double[][] iou = new double[detections][tracks], cost = new double[detections][tracks];
            for (int d = 0; d < detections; d++)
                for (int t = 0; t < tracks; t++) {
                    iou[d][t] = random.nextInt(3) == 0 ? 0 : random.nextDouble();
                    cost[d][t] = 1 - iou[d][t];
                }
            int[] expected = Hungarian.solve(cost);
            for (int d = 0; d < detections; d++) if (expected[d] >= 0 && iou[d][expected[d]] < 0.3) expected[d] = -1;
            assertArrayEquals(expected, Association.assign(iou, 0.3), "assignment of IoU matrix " + Arrays.deepToString(iou));
        }
    }

    private static void compare(Box expected, double[] actual, String what) {
        assertNotNull(actual, what + ": box() returned null");
        double[] want = {expected.centerX(), expected.centerY(), expected.width(), expected.height()};
        for (int i = 0; i < 4; i++) assertEquals(want[i], actual[i], 1e-9 * Math.max(1, Math.abs(want[i])), what + ", component " + i);
    }

    private static Vae vae(long seed) {
        var vae = Vae.create(32, 4, seed);
        vae.to(DType.FLOAT64);
        return vae;
    }

    private static double[][] matrix(Tensor t) {
        double[] flat = t.contiguous().toDoubleArray();
        double[][] out = new double[t.size(0)][t.size(1)];
        for (int i = 0; i < out.length; i++) System.arraycopy(flat, i * out[i].length, out[i], 0, out[i].length);
        return out;
    }

    private static double[] flatten(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }
}
