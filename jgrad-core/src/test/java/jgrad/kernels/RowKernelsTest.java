package jgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reductions, softmax, log-softmax and layer norm: fast against reference over shapes with
 * 0 and 1 rows/columns and widths that fill no vector; results independent of thread count.
 */
class RowKernelsTest {

    private static final int[] ROWS = {0, 1, 3, 17};
    private static final int[] COLS = {0, 1, 7, 16, 17, 33, 100, 1000};
    private final Random random = new Random(23);

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    @Test
    void sumRowsMatchesReference() {
        for (int rows : ROWS) {
            for (int cols : COLS) {
                float[] x = GemmProblem.randomArray(random, rows * cols + 2);
                float[] fast = new float[rows + 1], reference = new float[rows + 1];
                ReductionKernels.sumRows(x, 2, fast, 1, rows, cols);
                ReductionKernels.sumRowsReference(x, 2, reference, 1, rows, cols);
                for (int r = 0; r < rows; r++) {
                    double absSum = 0;
                    for (int j = 0; j < cols; j++) {
                        absSum += Math.abs(x[2 + r * cols + j]);
                    }
                    // Both are float sums of `cols` terms: each within cols·2⁻²⁴·Σ|x| of the exact sum.
                    double tolerance = 2 * (cols + 1) * 0x1p-24 * absSum;
                    assertThat((double) fast[1 + r]).as("rows=%d cols=%d row %d", rows, cols, r)
                            .isCloseTo(reference[1 + r], org.assertj.core.data.Offset.offset(tolerance + 1e-30));
                }
            }
        }
    }

    @Test
    void maxRowsIsExact() {
        for (int rows : ROWS) {
            for (int cols : COLS) {
                if (cols == 0) {
                    continue;
                }
                float[] x = GemmProblem.randomArray(random, rows * cols);
                float[] fast = new float[rows], reference = new float[rows];
                ReductionKernels.maxRows(x, 0, fast, 0, rows, cols);
                ReductionKernels.maxRowsReference(x, 0, reference, 0, rows, cols);
                assertThat(fast).as("rows=%d cols=%d", rows, cols).isEqualTo(reference);
            }
        }
        assertThatThrownBy(() -> ReductionKernels.maxRows(new float[0], 0, new float[2], 0, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty row");
    }

    @Test
    void softmaxAndLogSoftmaxMatchReference() {
        for (int rows : ROWS) {
            for (int cols : COLS) {
                float[] x = GemmProblem.randomArray(random, rows * cols);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= 10;   // logits of both signs, some large
                }
                float[] fast = new float[x.length], reference = new float[x.length];
                SoftmaxKernels.softmaxRows(x, 0, fast, 0, rows, cols);
                SoftmaxKernels.softmaxRowsReference(x, 0, reference, 0, rows, cols);
                // Vector exp is within a few ulp; the float sum of `cols` terms adds ~sqrt(cols)·2⁻²⁴
                // relative on random data: 1e-6·(1 + sqrt(cols)) relative covers both with margin.
                assertClose("softmax", fast, reference, 1e-6 * (1 + Math.sqrt(cols)), 1e-30, rows, cols);
                SoftmaxKernels.logSoftmaxRows(x, 0, fast, 0, rows, cols);
                SoftmaxKernels.logSoftmaxRowsReference(x, 0, reference, 0, rows, cols);
                // x − logSum: absolute error ~ ulp of the logits (|x| ≤ ~50): 1e-5 absolute.
                assertClose("logSoftmax", fast, reference, 1e-6, 1e-5, rows, cols);
            }
        }
    }

    @Test
    void softmaxOfHugeLogitsDoesNotOverflow() {
        float[] x = {1000f, 1000f, -1000f};
        float[] out = new float[3];
        SoftmaxKernels.softmaxRows(x, 0, out, 0, 1, 3);
        assertThat(out).containsExactly(0.5f, 0.5f, 0f);
    }

    @Test
    void layerNormMatchesReferenceWithAndWithoutAffine() {
        for (int rows : ROWS) {
            for (int cols : COLS) {
                if (cols == 0) {
                    continue;
                }
                float[] x = GemmProblem.randomArray(random, rows * cols);
                for (int i = 0; i < x.length; i++) {
                    x[i] = 3 + 2 * x[i];   // non-zero mean, non-unit variance
                }
                float[] gamma = GemmProblem.randomArray(random, cols);
                float[] beta = GemmProblem.randomArray(random, cols);
                for (boolean affine : new boolean[] {true, false}) {
                    float[] fast = new float[x.length], reference = new float[x.length];
                    float[] mean = new float[rows], rstd = new float[rows], refMean = new float[rows], refRstd = new float[rows];
                    LayerNormKernels.forward(x, 0, affine ? gamma : null, affine ? beta : null, 1e-5f, fast, 0, mean, rstd, rows, cols);
                    LayerNormKernels.forwardReference(x, 0, affine ? gamma : null, affine ? beta : null, 1e-5f, reference, 0,
                            refMean, refRstd, rows, cols);
                    // Outputs are O(1); float mean/variance of `cols` values err by ~sqrt(cols)·2⁻²⁴
                    // relative, so 1e-5 absolute per unit of |y| is a wide but bug-catching margin.
                    assertClose("layerNorm y", fast, reference, 1e-5, 1e-5, rows, cols);
                    assertClose("layerNorm mean", mean, refMean, 1e-5, 1e-6, rows, 1);
                    assertClose("layerNorm rstd", rstd, refRstd, 1e-5, 0, rows, 1);
                }
            }
        }
    }

    @Test
    void rowKernelsAreBitwiseIdenticalForOneAndThreeThreads() {
        int rows = 200, cols = 300;
        float[] x = GemmProblem.randomArray(random, rows * cols);
        float[][] results = new float[2][];
        for (int run = 0; run < 2; run++) {
            Parallel.setThreads(run == 0 ? 1 : 3);
            float[] softmax = new float[x.length], sums = new float[rows], y = new float[x.length];
            SoftmaxKernels.softmaxRows(x, 0, softmax, 0, rows, cols);
            ReductionKernels.sumRows(x, 0, sums, 0, rows, cols);
            LayerNormKernels.forward(x, 0, null, null, 1e-5f, y, 0, new float[rows], new float[rows], rows, cols);
            float[] all = new float[2 * x.length + rows];
            System.arraycopy(softmax, 0, all, 0, x.length);
            System.arraycopy(y, 0, all, x.length, x.length);
            System.arraycopy(sums, 0, all, 2 * x.length, rows);
            results[run] = all;
        }
        assertThat(results[1]).isEqualTo(results[0]);
    }

    /** |fast − ref| ≤ relative·|ref| + absolute, element by element, with the index in the message. */
    static void assertClose(String what, float[] fast, float[] reference, double relative, double absolute, int rows, int cols) {
        for (int i = 0; i < reference.length; i++) {
            double tolerance = relative * Math.abs(reference[i]) + absolute;
            if (!(Math.abs(fast[i] - reference[i]) <= tolerance) && !(Float.isNaN(fast[i]) && Float.isNaN(reference[i]))) {
                throw new AssertionError(String.format("%s shape (%d, %d) element %d: fast %s, reference %s (tolerance %.3g)",
                        what, rows, cols, i, fast[i], reference[i], tolerance));
            }
        }
    }
}
