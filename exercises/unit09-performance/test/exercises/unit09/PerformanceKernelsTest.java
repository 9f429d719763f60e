package exercises.unit09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jgrad.kernels.ElementwiseKernels;
import jgrad.kernels.ReferenceGemm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of the unit 9 exercise. Correctness only, no timing: the references are
 * {@link ReferenceGemm#sgemm}, {@link ElementwiseKernels#unaryReference} and the scalar formulas.
 *
 * <p>Sizes are chosen around the vector length, LANES = {@code FloatVector.SPECIES_PREFERRED.length()},
 * so that every vector loop meets a ragged tail: 0, 1, LANES − 1, LANES, LANES + 1, ..., and a few large ones.
 *
 * <p>Tolerances: a sum of k float products may be computed in any order, with or without FMA; the
 * rounding error of any such order is at most about {@code k · 2⁻²⁴ · Σ|aᵢbᵢ|} (the standard bound
 * for recursive summation), and we allow twice that. A wrong index or a forgotten tail gives errors
 * the size of a whole product, far above it.
 */
class PerformanceKernelsTest {
    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();
    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);

    /** Lengths that give every vector loop a tail, and some that do not. */
    private static int[] lengths() {
        return new int[] {0, 1, 2, LANES - 1, LANES, LANES + 1, 2 * LANES - 1, 2 * LANES, 3 * LANES + 5, 100, 1000, 4099};
    }

    // ---- task 1: i-k-j matmul --------------------------------------------------------------------

    @Test
    @Tag("task1")
    void matmulIkjOnAHandExample() {
        // [[1, 2, 3], [4, 5, 6]] · [[1, 0], [0, 1], [1, 1]] = [[4, 5], [10, 11]]
        float[] c = Kernels.matmulIkj(new float[] {1, 2, 3, 4, 5, 6}, new float[] {1, 0, 0, 1, 1, 1}, 2, 3, 2);
        assertArrayEquals(new float[] {4, 5, 10, 11}, c, "matmulIkj of a (2, 3) and a (3, 2) matrix");
    }

    @Test
    @Tag("task1")
    void matmulIkjMatchesReferenceGemmOnRandomShapes() {
        var random = new Random(91);
        for (int trial = 0; trial < 40; trial++) {
            int m = 1 + random.nextInt(20), k = 1 + random.nextInt(40), n = 1 + random.nextInt(40);
            float[] a = randomArray(random, m * k), b = randomArray(random, k * n);
            float[] c = Kernels.matmulIkj(a, b, m, k, n);
            assertNotNull(c, "matmulIkj returned null");
            assertGemmClose(a, b, m, k, n, c, "matmulIkj");
        }
    }

    // ---- task 2: Vector API dot product ----------------------------------------------------------

    @Test
    @Tag("task2")
    void dotOnAHandExample() {
        assertEquals(32f, Kernels.dot(new float[] {1, 2, 3}, new float[] {4, 5, 6}), "dot([1, 2, 3], [4, 5, 6])");
    }

    @Test
    @Tag("task2")
    void dotMatchesTheExactSumForEveryTailLength() {
        var random = new Random(92);
        for (int n : lengths()) {
            float[] x = randomArray(random, n), y = randomArray(random, n);
            double exact = 0, magnitude = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) x[i] * y[i];
                magnitude += Math.abs((double) x[i] * y[i]);
            }
            float got = Kernels.dot(x, y);
            double tolerance = 2 * Math.max(n, 1) * UNIT_ROUNDOFF * magnitude;
            if (!(Math.abs(got - exact) <= tolerance)) {
                fail("dot of two random vectors of length " + n + " (LANES = " + LANES + "): expected " + exact
                        + " (±" + tolerance + ") but got " + got);
            }
        }
    }

    // ---- task 3: Vector API saxpy and relu -------------------------------------------------------

    @Test
    @Tag("task3")
    void saxpyMatchesTheFormulaForEveryTailLength() {
        var random = new Random(93);
        for (int n : lengths()) {
            float alpha = (float) random.nextGaussian();
            float[] x = randomArray(random, n), y = randomArray(random, n), yBefore = y.clone();
            Kernels.saxpy(alpha, x, y);
            for (int i = 0; i < n; i++) {
                double expected = (double) alpha * x[i] + yBefore[i];
                // one or two roundings of a float result: within 2 units of the last place of the larger term
                double tolerance = 2 * UNIT_ROUNDOFF * (Math.abs((double) alpha * x[i]) + Math.abs(yBefore[i]));
                if (!(Math.abs(y[i] - expected) <= tolerance)) {
                    fail("saxpy(alpha=" + alpha + ") on length " + n + " (LANES = " + LANES + "), element " + i + ": x="
                            + x[i] + ", y=" + yBefore[i] + ", expected " + expected + " but got " + y[i]);
                }
            }
        }
    }

    @Test
    @Tag("task3")
    void reluMatchesJgradsReferenceForEveryTailLength() {
        var random = new Random(94);
        for (int n : lengths()) {
            float[] x = randomArray(random, n), expected = new float[n], out = new float[n];
            ElementwiseKernels.unaryReference(ElementwiseKernels.UnaryOp.RELU, x, 0, expected, 0, n);
            Kernels.relu(x, out);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], out[i], 0f, "relu on length " + n + " (LANES = " + LANES + "), element " + i + " of input " + x[i]);
            }
        }
    }

    @Test
    @Tag("task3")
    void reluWorksInPlace() {
        float[] x = {-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12, -13, 14, -15, 16, -17, 18, -19};
        Kernels.relu(x, x);
        assertArrayEquals(new float[] {0, 2, 0, 4, 0, 6, 0, 8, 0, 10, 0, 12, 0, 14, 0, 16, 0, 18, 0}, x, 0f, "relu(x, x)");
    }

    // ---- task 4: packing a panel of B ------------------------------------------------------------

    @Test
    @Tag("task4")
    void packBOnAHandExample() {
        float[] b = {1, 2, 3, 4, 5, 6};             // (2, 3)
        assertArrayEquals(new float[] {1, 2, 4, 5, 3, 0, 6, 0}, Packing.packB(b, 3, 0, 2, 0, 3, 2),
                "packB of [[1, 2, 3], [4, 5, 6]], whole matrix, nr = 2");
        // the block rows [1, 2), columns [1, 3) of the same B, nr = 2: one sliver [5, 6]
        assertArrayEquals(new float[] {5, 6}, Packing.packB(b, 3, 1, 1, 1, 2, 2), "packB of the block B[1:2, 1:3], nr = 2");
    }

    @Test
    @Tag("task4")
    void packBFollowsTheSliverLayoutOnRandomBlocks() {
        var random = new Random(95);
        for (int trial = 0; trial < 40; trial++) {
            int k = 1 + random.nextInt(12), n = 1 + random.nextInt(30), ldb = n + random.nextInt(3);
            float[] b = randomArray(random, k * ldb);
            int pc = random.nextInt(k), kc = 1 + random.nextInt(k - pc);
            int jc = random.nextInt(n), nc = 1 + random.nextInt(n - jc);
            int nr = 1 + random.nextInt(9);
            String call = "packB(b, ldb=" + ldb + ", pc=" + pc + ", kc=" + kc + ", jc=" + jc + ", nc=" + nc + ", nr=" + nr + ")";

            float[] packed = Packing.packB(b, ldb, pc, kc, jc, nc, nr);
            int slivers = (nc + nr - 1) / nr;
            assertNotNull(packed, call + " returned null");
            assertEquals(slivers * nr * kc, packed.length, call + ": length (ceil(nc/nr) * nr * kc)");
            for (int s = 0; s < slivers; s++) {
                for (int p = 0; p < kc; p++) {
                    for (int j = 0; j < nr; j++) {
                        int column = s * nr + j;
                        float expected = column < nc ? b[(pc + p) * ldb + jc + column] : 0f;
                        assertEquals(expected, packed[s * nr * kc + p * nr + j], 0f,
                                call + ": sliver " + s + ", p " + p + ", j " + j + (column < nc ? "" : " (padding)"));
                    }
                }
            }
        }
    }

    @Test
    @Tag("task4")
    void theGotoLoopsWithYourPackingMatchReferenceGemm() {
        var random = new Random(96);
        for (int trial = 0; trial < 30; trial++) {
            int m = 1 + random.nextInt(20), k = 1 + random.nextInt(40), n = 1 + random.nextInt(40);
            int mr = 1 + random.nextInt(6), nr = 1 + random.nextInt(10), kcBlock = 1 + random.nextInt(16);
            float[] a = randomArray(random, m * k), b = randomArray(random, k * n);
            float[] c = Packing.matmul(a, b, m, k, n, mr, nr, kcBlock);
            assertGemmClose(a, b, m, k, n, c, "Packing.matmul(mr=" + mr + ", nr=" + nr + ", kc=" + kcBlock + ")");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Compares C with ReferenceGemm.sgemm element by element, within the summation bound. */
    private static void assertGemmClose(float[] a, float[] b, int m, int k, int n, float[] c, String what) {
        float[] expected = new float[m * n];
        ReferenceGemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, 0f, expected, 0, n);
        assertEquals(m * n, c.length, what + ": length of C for m=" + m + ", n=" + n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    magnitude += Math.abs((double) a[i * k + p] * b[p * n + j]);
                }
                double tolerance = 2 * k * UNIT_ROUNDOFF * magnitude;
                float got = c[i * n + j];
                if (!(Math.abs(got - expected[i * n + j]) <= tolerance)) {
                    fail(what + " for (m, k, n) = (" + m + ", " + k + ", " + n + "): C[" + i + "][" + j + "] expected "
                            + expected[i * n + j] + " (±" + tolerance + ") but got " + got);
                }
            }
        }
    }

    /** Values with magnitude in [0.5, 1.5] and random sign: no product is negligible, so a dropped one shows. */
    private static float[] randomArray(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((0.5 + random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
        }
        return values;
    }
}
