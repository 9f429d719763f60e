package exercises.unit10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.Transforms;
import jgrad.models.ResidualBlock;
import jgrad.nn.BatchNorm2d;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of unit 10, with jgrad as the reference: {@code Transforms.randomCrop} and
 * {@code randomHorizontalFlip} (task 1), {@code BatchNorm2d} in training mode (task 2) and
 * {@code ResidualBlock} (task 3), all in float64. Tolerance 1e-9: both sides compute in double
 * precision, summing in different orders.
 */
class ClassificationTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    @Tag("task1")
    void cropMatchesRandomCropOnceItsWindowIsKnown() {
        for (int trial = 0; trial < 12; trial++) {
            var random = new SplittableRandom(1000 + trial);
            int channels = 1 + random.nextInt(3), height = 4 + random.nextInt(5), width = 4 + random.nextInt(5);
            int padding = random.nextInt(3), size = Math.min(height, width) - random.nextInt(2);
            Tensor image = Tensor.randn(random, DType.FLOAT64, channels, height, width);
            // Transforms.randomCrop draws the window's row, then its column, in padded coordinates.
            long seed = random.nextLong();
            var draws = new SplittableRandom(seed);
            int top = draws.nextInt(height + 2 * padding - size + 1) - padding;
            int left = draws.nextInt(width + 2 * padding - size + 1) - padding;
            Tensor expected = Transforms.randomCrop(size, padding).apply(image, new SplittableRandom(seed));
            String setting = "image " + channels + "x" + height + "x" + width + ", size " + size + ", padding " + padding
                    + ", top " + top + ", left " + left;
            assertClose("crop of " + setting, expected, Augment.crop(array3d(image), size, top, left));
        }
    }

    @Test
    @Tag("task1")
    void horizontalFlipMatchesJgrad() {
        var random = new SplittableRandom(1100);
        Tensor image = Tensor.randn(random, DType.FLOAT64, 2, 3, 5);
        double[][][] input = array3d(image);
        Tensor expected = Transforms.randomHorizontalFlip(1.0).apply(image, random);
        assertClose("horizontalFlip of a 2x3x5 image", expected, Augment.horizontalFlip(input));
        assertClose("horizontalFlip must not change its input", image, input);
    }

    @Test
    @Tag("task2")
    void batchNormMatchesBatchNorm2dInTrainingMode() {
        for (int trial = 0; trial < 6; trial++) {
            var random = new SplittableRandom(1200 + trial);
            int batch = 1 + random.nextInt(3), channels = 1 + random.nextInt(4), height = 1 + random.nextInt(4), width = 2 + random.nextInt(4);
            Tensor x = Tensor.randn(random, DType.FLOAT64, batch, channels, height, width).mul(3).add(1);
            Tensor gamma = Tensor.randn(random, DType.FLOAT64, channels), beta = Tensor.randn(random, DType.FLOAT64, channels);
            var norm = new BatchNorm2d(channels);
            norm.to(DType.FLOAT64);
            try (var ignored = Grad.noGrad()) {
                norm.namedParameters().get("weight").copy_(gamma);
                norm.namedParameters().get("bias").copy_(beta);
            }
            norm.train();
            Tensor expected = norm.forward(x);
            assertClose("batchNorm of (" + batch + ", " + channels + ", " + height + ", " + width + ")", expected,
                    Residual.batchNorm(array4d(x), gamma.toDoubleArray(), beta.toDoubleArray()));
        }
    }

    @Test
    @Tag("task3")
    void basicBlockMatchesResidualBlock() {
        for (int trial = 0; trial < 4; trial++) {
            var random = new SplittableRandom(1300 + trial);
            int batch = 2 + random.nextInt(2), channels = 1 + random.nextInt(3), size = 3 + random.nextInt(4);
            jgrad.Jgrad.manualSeed(1300 + trial);
            var block = new ResidualBlock(channels, channels, 1);
            block.to(DType.FLOAT64);
            block.train();
            Tensor x = Tensor.randn(random, DType.FLOAT64, batch, channels, size, size);
            Tensor expected = block.forward(x);
            var state = block.stateDict();
            assertClose("basicBlock of (" + batch + ", " + channels + ", " + size + ", " + size + ")", expected,
                    Residual.basicBlock(array4d(x), array4d(state.get("conv1.weight")), array4d(state.get("conv2.weight"))));
        }
    }

    private static void assertClose(String what, Tensor expected, double[][][] actual) {
        assertNotNull(actual, what + ": returned null");
        double[] flat = expected.contiguous().toDoubleArray();
        int at = 0;
        assertEquals(expected.size(0), actual.length, what + ": channels");
        for (int c = 0; c < actual.length; c++)
            for (int y = 0; y < actual[c].length; y++)
                for (int x = 0; x < actual[c][y].length; x++, at++) {
                    assertEquals(flat[at], actual[c][y][x], TOLERANCE, what + " at [" + c + "][" + y + "][" + x + "]");
                }
        assertEquals(flat.length, at, what + ": number of values");
    }

    private static void assertClose(String what, Tensor expected, double[][][][] actual) {
        assertNotNull(actual, what + ": returned null");
        assertEquals(expected.size(0), actual.length, what + ": batch size");
        for (int n = 0; n < actual.length; n++) assertClose(what + ", image " + n, expected.select(0, n), actual[n]);
    }

    private static double[][][] array3d(Tensor t) {
        double[] flat = t.contiguous().toDoubleArray();
        double[][][] out = new double[t.size(0)][t.size(1)][t.size(2)];
        int at = 0;
        for (double[][] plane : out) for (double[] row : plane) for (int i = 0; i < row.length; i++) row[i] = flat[at++];
        return out;
    }

    private static double[][][][] array4d(Tensor t) {
        double[][][][] out = new double[t.size(0)][][][];
        for (int n = 0; n < out.length; n++) out[n] = array3d(t.select(0, n));
        return out;
    }
}
