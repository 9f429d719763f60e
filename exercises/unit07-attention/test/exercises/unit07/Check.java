package exercises.unit07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Random;
import jgrad.Tensor;

/**
 * Comparisons and random inputs shared by the graded tests. Messages name the quantity, the index,
 * and the inputs, so a failure says what was computed from what.
 *
 * <p>Tolerance: the tests and jgrad both compute in double precision, in different orders, so
 * they agree to about 1e-15 relative; {@value #TOLERANCE} (scaled by the value's size) leaves room
 * for that while catching any wrong formula, whose errors are of the order of the values.
 */
final class Check {
    static final double TOLERANCE = 1e-9;

    private Check() {
    }

    static void assertClose(String what, double expected, double actual) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    static void assertClose(String what, double[] expected, double[] actual) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", expected[i], actual[i]);
        }
    }

    static void assertClose(String what, double[][] expected, double[][] actual) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.length, actual.length, what + ": number of rows");
        for (int i = 0; i < expected.length; i++) {
            assertNotNull(actual[i], what + ": row " + i + " is null");
            assertClose(what + "[" + i + "]", expected[i], actual[i]);
        }
    }

    static double[][] matrix(Tensor t) {
        int rows = t.size(0), cols = t.size(1);
        double[] flat = t.contiguous().toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    static double[] vector(Random random, int length, double scale) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = scale * random.nextGaussian();
        }
        return out;
    }

    static double[][] matrix(Random random, int rows, int cols, double scale) {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = vector(random, cols, scale);
        }
        return out;
    }

    static String show(double[] values) {
        return Arrays.toString(values);
    }

    static String show(double[][] values) {
        return Arrays.deepToString(values);
    }
}
