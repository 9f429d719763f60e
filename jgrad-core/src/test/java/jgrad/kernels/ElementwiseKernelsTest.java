package jgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import jgrad.kernels.ElementwiseKernels.BinaryOp;
import jgrad.kernels.ElementwiseKernels.UnaryOp;
import org.junit.jupiter.api.Test;

class ElementwiseKernelsTest {

    private static final int[] LENGTHS = {0, 1, 7, 15, 16, 17, 100, 70_001};
    private final Random random = new Random(31);

    @Test
    void binaryOpsAreBitwiseEqualToReferenceInAllThreeBroadcastForms() {
        // + − × ÷ are correctly rounded in IEEE 754 both ways, so fast and reference agree exactly.
        for (BinaryOp op : BinaryOp.values()) {
            for (int n : LENGTHS) {
                float[] a = GemmProblem.randomArray(random, n + 1), b = GemmProblem.randomArray(random, n + 2);
                float[] fast = new float[n + 3], reference = new float[n + 3];
                ElementwiseKernels.binary(op, a, 1, b, 2, fast, 3, n);
                ElementwiseKernels.binaryReference(op, a, 1, b, 2, reference, 3, n);
                assertThat(fast).as("%s same-shape n=%d", op, n).isEqualTo(reference);
                ElementwiseKernels.binaryScalar(op, a, 1, 1.7f, fast, 3, n);
                ElementwiseKernels.binaryScalarReference(op, a, 1, 1.7f, reference, 3, n);
                assertThat(fast).as("%s scalar n=%d", op, n).isEqualTo(reference);
            }
            for (int cols : new int[] {0, 1, 17, 64}) {
                int rows = 5;
                float[] a = GemmProblem.randomArray(random, rows * cols), row = GemmProblem.randomArray(random, cols);
                float[] fast = new float[rows * cols], reference = new float[rows * cols];
                ElementwiseKernels.binaryRow(op, a, 0, row, 0, fast, 0, rows, cols);
                ElementwiseKernels.binaryRowReference(op, a, 0, row, 0, reference, 0, rows, cols);
                assertThat(fast).as("%s row-broadcast cols=%d", op, cols).isEqualTo(reference);
            }
        }
    }

    @Test
    void reluIsBitwiseEqualToTheUnaryReference() {
        for (int n : LENGTHS) {
            float[] x = GemmProblem.randomArray(random, n + 1);
            if (n > 3) {
                x[1] = -0f;
                x[2] = Float.NaN;   // stays NaN
                x[3] = 0f;
            }
            float[] fast = new float[n + 2], reference = new float[n + 2];
            ElementwiseKernels.relu(x, 1, fast, 2, n);
            ElementwiseKernels.unaryReference(UnaryOp.RELU, x, 1, reference, 2, n);
            assertThat(fast).as("relu n=%d", n).isEqualTo(reference);
        }
    }

    @Test
    void reluBackwardIsBitwiseEqualToReference() {
        for (int n : LENGTHS) {
            float[] x = GemmProblem.randomArray(random, n + 1), g = GemmProblem.randomArray(random, n + 2);
            if (n > 3) {
                x[1] = 0f;          // the kink passes no gradient
                x[2] = Float.NaN;   // nor does NaN
            }
            float[] fast = new float[n + 3], reference = new float[n + 3];
            ElementwiseKernels.reluBackward(x, 1, g, 2, fast, 3, n);
            ElementwiseKernels.reluBackwardReference(x, 1, g, 2, reference, 3, n);
            assertThat(fast).as("reluBackward n=%d", n).isEqualTo(reference);
        }
    }

    @Test
    void unaryOpsMatchReference() {
        for (UnaryOp op : UnaryOp.values()) {
            for (int n : LENGTHS) {
                float[] x = GemmProblem.randomArray(random, n);
                for (int i = 0; i < n; i++) {
                    x[i] *= 4;   // reach the saturating tails of tanh, sigmoid, gelu
                }
                float[] fast = new float[n], reference = new float[n];
                ElementwiseKernels.unary(op, x, 0, fast, 0, n);
                ElementwiseKernels.unaryReference(op, x, 0, reference, 0, n);
                // The reference rounds the double formula once. The vector path computes in float
                // (a few roundings, short-vector-math exp/tanh within a few ulp): 2e-6 relative.
                // GELU's 1 + tanh(..) cancels for very negative x, where the value is tiny: its
                // error is bounded in absolute terms instead, 1e-6·(1 + |x|).
                for (int i = 0; i < n; i++) {
                    double tolerance = op == UnaryOp.GELU ? 1e-6 * (1 + Math.abs(x[i])) : 2e-6 * Math.abs(reference[i]) + 1e-37;
                    assertThat((double) fast[i]).as("%s(%s) at %d", op, x[i], i)
                            .isCloseTo(reference[i], org.assertj.core.data.Offset.offset(tolerance));
                }
            }
        }
    }

    @Test
    void reluKeepsNaN() {
        float[] out = new float[1];
        ElementwiseKernels.unary(UnaryOp.RELU, new float[] {Float.NaN}, 0, out, 0, 1);
        assertThat(out[0]).isNaN();
    }
}
