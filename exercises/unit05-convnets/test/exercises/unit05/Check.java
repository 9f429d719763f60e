package exercises.unit05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Random;
import jgrad.Tensor;

/**
 * Conversions between jgrad tensors and nested arrays, random inputs, and comparisons that name the
 * element that differs, shared by the graded tests.
 *
 * <p>Tolerance: the tests and jgrad both compute in double precision, summing in different
 * orders, so they agree to about 1e-15 relative; {@value #TOLERANCE} (scaled by the value's size)
 * leaves room for that while catching any wrong index, whose errors are of the order of the values.
 */
final class Check {
    static final double TOLERANCE = 1e-9;

    private Check() {
    }

    /** A random convolution setting whose dilated kernel fits the padded input. */
    record Setting(int batch, int channels, int height, int width, int outChannels, int kernel, int stride, int padding,
                   int dilation) {
        static Setting random(Random random) {
            while (true) {
                var s = new Setting(1 + random.nextInt(2), 1 + random.nextInt(3), 3 + random.nextInt(5), 3 + random.nextInt(5),
                        1 + random.nextInt(3), 1 + random.nextInt(3), 1 + random.nextInt(3), random.nextInt(3), 1 + random.nextInt(2));
                int span = s.dilation * (s.kernel - 1) + 1;
                if (Math.min(s.height, s.width) + 2 * s.padding >= span) {
                    return s;
                }
            }
        }

        @Override
        public String toString() {
            return "(N=" + batch + ", C=" + channels + ", H=" + height + ", W=" + width + ", O=" + outChannels + ", kernel="
                    + kernel + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation + ")";
        }
    }

    static double[][][][] random4d(Random random, int a, int b, int c, int d) {
        double[][][][] out = new double[a][b][c][d];
        for (double[][][] x : out) for (double[][] y : x) for (double[] z : y) for (int i = 0; i < d; i++) z[i] = random.nextGaussian();
        return out;
    }

    static Tensor tensor(double[][][][] x) {
        int a = x.length, b = x[0].length, c = x[0][0].length, d = x[0][0][0].length;
        double[] flat = new double[a * b * c * d];
        int at = 0;
        for (double[][][] p : x) for (double[][] q : p) for (double[] r : q) for (double v : r) flat[at++] = v;
        return Tensor.of(flat, a, b, c, d);
    }

    static double[][][][] array4d(Tensor t) {
        double[] flat = t.contiguous().toDoubleArray();
        double[][][][] out = new double[t.size(0)][t.size(1)][t.size(2)][t.size(3)];
        int at = 0;
        for (double[][][] p : out) for (double[][] q : p) for (double[] r : q) for (int i = 0; i < r.length; i++) r[i] = flat[at++];
        return out;
    }

    static double[][] matrix(Tensor t) {
        int rows = t.size(0), cols = t.size(1);
        double[] flat = t.contiguous().toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * cols, out[i], 0, cols);
        return out;
    }

    static void assertClose(String what, double[] expected, double[] actual) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])),
                    what + "[" + i + "] (expected row " + Arrays.toString(expected) + ", received " + Arrays.toString(actual) + ")");
        }
    }

    static void assertClose(String what, double[][] expected, double[][] actual) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.length, actual.length, what + ": size of dim 0");
        for (int i = 0; i < expected.length; i++) assertClose(what + "[" + i + "]", expected[i], actual[i]);
    }

    static void assertClose(String what, double[][][][] expected, double[][][][] actual) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.length, actual.length, what + ": size of dim 0");
        for (int i = 0; i < expected.length; i++) {
            assertNotNull(actual[i], what + "[" + i + "] is null");
            assertEquals(expected[i].length, actual[i].length, what + "[" + i + "]: size of dim 1");
            for (int j = 0; j < expected[i].length; j++) assertClose(what + "[" + i + "][" + j + "]", expected[i][j], actual[i][j]);
        }
    }
}
