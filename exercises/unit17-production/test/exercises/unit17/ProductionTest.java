package exercises.unit17;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.kernels.Int8Gemm;
import jgrad.nn.Linear;
import jgrad.quant.QuantizedLinear;
import jgrad.serve.Metrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graded tests of unit 17: hand examples, then jgrad's own int8 kernel, quantised layer and metrics as references. */
class ProductionTest {

    @Test
    @Tag("task1")
    void quantizeScalesByTheLargestMagnitudeAndRounds() {
        byte[] q = new byte[4];
        double scale = Int8.quantize(new double[] {0.5, -1.27, 0.004, 1.0}, q);
        assertEquals(0.01, scale, 1e-12, "scale = max|row| / 127 = 1.27 / 127");
        assertArrayEquals(new byte[] {50, -127, 0, 100}, q, "round(v / 0.01)");
        byte[] zeros = new byte[3];
        assertEquals(1.0, Int8.quantize(new double[3], zeros), 0, "an all-zero row has scale 1");
        assertArrayEquals(new byte[3], zeros);
    }

    @Test
    @Tag("task1")
    void quantizedValuesAreWithinHalfAStep() {
        var random = new Random(171);
        for (int trial = 0; trial < 20; trial++) {
            double[] row = new double[1 + random.nextInt(40)];
            for (int i = 0; i < row.length; i++) row[i] = random.nextGaussian() * 3;
            byte[] q = new byte[row.length];
            double scale = Int8.quantize(row, q);
            for (int i = 0; i < row.length; i++) {
                assertEquals(row[i], q[i] * scale, scale / 2 + 1e-12, "value " + i + " of trial " + trial);
            }
        }
    }

    @Test
    @Tag("task2")
    void integerProductMatchesJgradsInt8KernelExactly() {
        var random = new Random(172);
        for (int trial = 0; trial < 10; trial++) {
            int m = 1 + random.nextInt(5), n = 1 + random.nextInt(5), k = 1 + random.nextInt(300);
            byte[][] a = new byte[m][k], b = new byte[n][k];
            byte[] flatA = new byte[m * k], flatB = new byte[n * k];
            for (int i = 0; i < m; i++) for (int p = 0; p < k; p++) flatA[i * k + p] = a[i][p] = (byte) (random.nextInt(255) - 127);
            for (int j = 0; j < n; j++) for (int p = 0; p < k; p++) flatB[j * k + p] = b[j][p] = (byte) (random.nextInt(255) - 127);
            int[] expected = new int[m * n];
            Int8Gemm.reference(flatA, flatB, expected, m, n, k);
            int[][] c = Int8.matmulTransposed(a, b);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(expected[i * n + j], c[i][j], "C[" + i + "][" + j + "] with K = " + k);
                }
            }
        }
    }

    @Test
    @Tag("task3")
    void quantizedLinearMatchesJgradsQuantizedLinear() {
        var random = new Random(173);
        for (int trial = 0; trial < 8; trial++) {
            int rows = 1 + random.nextInt(4), in = 1 + random.nextInt(30), out = 1 + random.nextInt(6);
            var layer = new Linear(in, out);
            double[][] x = new double[rows][in];
            float[] flat = new float[rows * in];
            for (int i = 0; i < rows; i++) for (int k = 0; k < in; k++) flat[i * in + k] = (float) (x[i][k] = (float) random.nextGaussian());
            float[] w = layer.weight().toFloatArray(), bias = layer.bias().toFloatArray();
            double[][] weight = new double[out][in];
            double[] b = new double[out];
            for (int j = 0; j < out; j++) {
                b[j] = bias[j];
                for (int k = 0; k < in; k++) weight[j][k] = w[j * in + k];
            }
            float[] expected;
            try (var ignored = Grad.noGrad()) {
                expected = QuantizedLinear.from(layer).forward(Tensor.of(flat, rows, in)).toFloatArray();
            }
            double[][] y = Int8.linear(x, weight, b);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < out; j++) {
                    // jgrad computes the scales in float32: agreement to float32 rounding, not bit for bit
                    assertEquals(expected[i * out + j], y[i][j], 1e-4 * (1 + Math.abs(expected[i * out + j])),
                            "y[" + i + "][" + j + "] (rows " + rows + ", in " + in + ", out " + out + ")");
                }
            }
        }
    }

    @Test
    @Tag("task4")
    void percentileIsTheNearestRank() {
        double[] latencies = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertEquals(5, Latency.percentile(latencies, 50), 0, "p50 of 1..10: rank ceil(5) = 5");
        assertEquals(10, Latency.percentile(latencies, 99), 0, "p99 of 1..10: rank ceil(9.9) = 10");
        assertEquals(1, Latency.percentile(latencies, 1), 0, "p1 of 1..10: rank ceil(0.1) = 1");
        assertEquals(5, latencies[0], 0, "the input must not be sorted in place");
        assertThrows(IllegalArgumentException.class, () -> Latency.percentile(new double[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Latency.percentile(latencies, 0));
    }

    @Test
    @Tag("task4")
    void percentileAgreesWithTheServersMetrics() {
        var random = new Random(174);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(200);
            long[] sorted = new long[n];
            double[] values = new double[n];
            for (int i = 0; i < n; i++) values[i] = sorted[i] = random.nextInt(1_000_000);
            java.util.Arrays.sort(sorted);
            for (double p : new double[] {50, 90, 99, 100}) {
                assertEquals(Metrics.percentile(sorted, p), Latency.percentile(values, p), 0, "p" + p + " of " + n + " latencies");
            }
        }
    }
}
