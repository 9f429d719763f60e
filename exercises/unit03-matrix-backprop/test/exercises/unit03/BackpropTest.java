package exercises.unit03;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import jgrad.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of the unit 3 exercise. The reference is jgrad's autograd: each test builds the same
 * computation from float64 tensors, calls {@code backward} with the same upstream gradient, and
 * compares gradients element by element.
 *
 * <p>Tolerance: both sides compute in double precision but sum in different orders, so they agree
 * to about 1e-15 relative; {@value #TOLERANCE} (scaled by the value's size) leaves ample room while
 * catching any wrong formula, whose errors are of the order of the values themselves.
 */
class BackpropTest {
    private static final double TOLERANCE = 1e-9;

    // ---- task 1: linear layer -------------------------------------------------------------------

    @Test
    @Tag("task1")
    void linearBackwardOnAHandExample() {
        // Y = X W with X = [[1, 2]], W = [[3], [4]]; dY = [[2]]
        var grads = Backprop.linearBackward(new double[][] {{1, 2}}, new double[][] {{3}, {4}}, new double[][] {{2}});
        assertNotNull(grads, "linearBackward returned null");
        assertClose("dX", new double[][] {{6, 8}}, grads.inputGrad());
        assertClose("dW", new double[][] {{2}, {4}}, grads.weightGrad());
        assertClose("db", new double[] {2}, grads.biasGrad());
    }

    @Test
    @Tag("task1")
    void linearBackwardMatchesAutograd() {
        var random = new Random(31);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(5), d = 1 + random.nextInt(5), m = 1 + random.nextInt(5);
            double[][] x = randomMatrix(random, n, d), w = randomMatrix(random, d, m), dy = randomMatrix(random, n, m);
            double[] b = randomVector(random, m);
            String shapes = " (N=" + n + ", D=" + d + ", M=" + m + ")";

            Tensor xt = Tensor.of(x).requiresGrad(true), wt = Tensor.of(w).requiresGrad(true);
            Tensor bt = Tensor.of(b).requiresGrad(true);
            xt.matmul(wt).add(bt).backward(Tensor.of(dy));

            var grads = Backprop.linearBackward(x, w, dy);
            assertNotNull(grads, "linearBackward returned null");
            assertClose("dX" + shapes, matrix(xt.grad(), n, d), grads.inputGrad());
            assertClose("dW" + shapes, matrix(wt.grad(), d, m), grads.weightGrad());
            assertClose("db" + shapes, bt.grad().toDoubleArray(), grads.biasGrad());
        }
    }

    // ---- task 2: softmax cross-entropy ----------------------------------------------------------

    @Test
    @Tag("task2")
    void crossEntropyBackwardOnAHandExample() {
        // softmax([0, 0]) = [1/2, 1/2]; the target is class 1; N = 1
        assertClose("dZ", new double[][] {{0.5, -0.5}}, Backprop.crossEntropyBackward(new double[][] {{0, 0}}, new int[] {1}));
    }

    @Test
    @Tag("task2")
    void crossEntropyBackwardMatchesAutograd() {
        var random = new Random(32);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(6), c = 2 + random.nextInt(5);
            double[][] logits = randomMatrix(random, n, c);
            int[] targets = randomTargets(random, n, c);

            Tensor z = Tensor.of(logits).requiresGrad(true);
            crossEntropy(z, targets).backward();

            assertClose("dZ (N=" + n + ", C=" + c + ")", matrix(z.grad(), n, c), Backprop.crossEntropyBackward(logits, targets));
        }
    }

    @Test
    @Tag("task2")
    void crossEntropyGradientRowsSumToZero() {
        // Each row is (softmax - one_hot) / N, and both parts sum to 1.
        var random = new Random(33);
        double[][] grad = Backprop.crossEntropyBackward(randomMatrix(random, 4, 5), new int[] {0, 4, 2, 2});
        assertNotNull(grad, "crossEntropyBackward returned null");
        for (int i = 0; i < grad.length; i++) {
            double sum = 0;
            for (double v : grad[i]) {
                sum += v;
            }
            assertEquals(0, sum, TOLERANCE, "sum of row " + i + " of dZ");
        }
    }

    // ---- task 3: two-layer network --------------------------------------------------------------

    @Test
    @Tag("task3")
    void mlpBackwardMatchesAutograd() {
        var random = new Random(34);
        for (int trial = 0; trial < 10; trial++) {
            int n = 1 + random.nextInt(5), d = 1 + random.nextInt(4), h = 1 + random.nextInt(6), c = 2 + random.nextInt(4);
            double[][] x = randomMatrix(random, n, d), w1 = randomMatrix(random, d, h), w2 = randomMatrix(random, h, c);
            double[] b1 = randomVector(random, h), b2 = randomVector(random, c);
            int[] targets = randomTargets(random, n, c);
            String shapes = " (N=" + n + ", D=" + d + ", H=" + h + ", C=" + c + ")";

            Tensor w1t = Tensor.of(w1).requiresGrad(true), b1t = Tensor.of(b1).requiresGrad(true);
            Tensor w2t = Tensor.of(w2).requiresGrad(true), b2t = Tensor.of(b2).requiresGrad(true);
            Tensor hidden = Tensor.of(x).matmul(w1t).add(b1t).tanh();
            crossEntropy(hidden.matmul(w2t).add(b2t), targets).backward();

            var grads = Backprop.mlpBackward(x, w1, b1, w2, b2, targets);
            assertNotNull(grads, "mlpBackward returned null");
            assertClose("dW1" + shapes, matrix(w1t.grad(), d, h), grads.w1Grad());
            assertClose("db1" + shapes, b1t.grad().toDoubleArray(), grads.b1Grad());
            assertClose("dW2" + shapes, matrix(w2t.grad(), h, c), grads.w2Grad());
            assertClose("db2" + shapes, b2t.grad().toDoubleArray(), grads.b2Grad());
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Mean cross-entropy with jgrad ops: -(1/N) sum_n logSoftmax(Z)[n, t_n]. */
    private static Tensor crossEntropy(Tensor logits, int[] targets) {
        long[] index = new long[targets.length];
        for (int i = 0; i < targets.length; i++) {
            index[i] = targets[i];
        }
        return logits.logSoftmax(1).gather(1, Tensor.of(index, targets.length, 1)).neg().mean();
    }

    private static void assertClose(String what, double[][] expected, double[][] actual) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.length, actual.length, what + ": number of rows");
        for (int i = 0; i < expected.length; i++) {
            assertNotNull(actual[i], what + ": row " + i + " is null");
            assertEquals(expected[i].length, actual[i].length, what + ": length of row " + i);
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], TOLERANCE * Math.max(1, Math.abs(expected[i][j])),
                        what + "[" + i + "][" + j + "]");
            }
        }
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    private static double[][] matrix(Tensor t, int rows, int cols) {
        double[] flat = t.toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    private static double[][] randomMatrix(Random random, int rows, int cols) {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = randomVector(random, cols);
        }
        return out;
    }

    private static double[] randomVector(Random random, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }

    private static int[] randomTargets(Random random, int n, int classes) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt(classes);
        }
        return out;
    }
}
