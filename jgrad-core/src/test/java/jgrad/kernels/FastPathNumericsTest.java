package jgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.nn.functional.Reduction;
import org.junit.jupiter.api.Test;

/**
 * The fast float32 kernels on large logits, NaN and infinities, as PyTorch 1.13 gives them
 * ({@code torch.log_softmax(torch.tensor([1e8, 1e8]), 0)} is {@code [-0.6931, -0.6931]};
 * {@code torch.softmax(torch.tensor([inf, 1., 2.]), 0)} is all NaN).
 */
class FastPathNumericsTest {

    private static final float LOG_HALF = (float) Math.log(0.5);

    @Test
    void logSoftmaxOfLargeEqualLogitsIsMinusLogTwo() {
        try (var fast = Kernels.use(KernelMode.FAST)) {
            for (float big : new float[] {1e6f, 1e8f, 3e38f, -1e8f}) {
                float[] y = Tensor.of(new float[] {big, big}, 2).logSoftmax(-1).toFloatArray();
                // exact: log(1/2) = -0.69314718; float32 holds it to 6e-8
                assertThat(y).as("logSoftmax([%s, %s])", big, big).containsExactly(new float[] {LOG_HALF, LOG_HALF}, within(1e-7f));
            }
        }
    }

    @Test
    void crossEntropyOfLargeLogitsKeepsItsPrecision() {
        try (var fast = Kernels.use(KernelMode.FAST)) {
            Tensor logits = Tensor.of(new float[] {1e8f, 1e8f, 1e6f, 1e6f + 1}, 2, 2);
            Tensor target = Tensor.of(new long[] {0, 1}, 2);
            double expected = (Math.log(2) + Math.log(1 + Math.exp(-1))) / 2;
            assertThat(F.crossEntropy(logits, target).item()).as("fused cross-entropy").isCloseTo(expected, within(1e-6));
            // label smoothing goes through logSoftmax
            double smoothed = F.crossEntropy(logits, target, null, -100, Reduction.MEAN, 0.1).item();
            double expectedSmoothed = 0.9 * expected + 0.1 * (Math.log(2) + (Math.log(1 + Math.exp(-1)) + 0.5)) / 2;
            assertThat(smoothed).as("cross-entropy with label smoothing 0.1").isCloseTo(expectedSmoothed, within(1e-6));
        }
    }

    @Test
    void nanAndInfinityGiveNanRowsAsInPyTorch() {
        float inf = Float.POSITIVE_INFINITY;
        try (var fast = Kernels.use(KernelMode.FAST)) {
            assertThat(Tensor.of(new float[] {inf, 1, 2}, 3).softmax(-1).toFloatArray()).as("softmax([inf, 1, 2])")
                    .containsOnly(Float.NaN);
            assertThat(Tensor.of(new float[] {inf, 1, 2}, 3).logSoftmax(-1).toFloatArray()).as("logSoftmax([inf, 1, 2])")
                    .containsOnly(Float.NaN);
            assertThat(Tensor.of(new float[] {-inf, -inf}, 2).softmax(-1).toFloatArray()).as("softmax([-inf, -inf])")
                    .containsOnly(Float.NaN);
            assertThat(Tensor.of(new float[] {-inf, 1, 2}, 3).logSoftmax(-1).toFloatArray()).as("logSoftmax([-inf, 1, 2])")
                    .containsExactly(new float[] {-inf, -1.3132617f, -0.31326166f}, within(1e-6f));
            assertThat(Tensor.of(new float[] {1, Float.NaN, 2}, 3).softmax(-1).toFloatArray()).as("softmax([1, nan, 2])")
                    .containsOnly(Float.NaN);
            Tensor logits = Tensor.of(new float[] {inf, 1, 2}, 1, 3);
            assertThat(F.crossEntropy(logits, Tensor.of(new long[] {1}, 1)).item()).as("crossEntropy([[inf, 1, 2]], [1])").isNaN();
            // a NaN in a long row (whole vectors, not only the tail) reaches the max and the sum
            float[] row = new float[40];
            row[21] = Float.NaN;
            assertThat(Tensor.of(row, 40).softmax(-1).toFloatArray()).as("softmax of a 40-wide row with one NaN").containsOnly(Float.NaN);
            float[] max = new float[1];
            ReductionKernels.maxRows(row, 0, max, 0, 1, 40);
            assertThat(max[0]).as("max of a row with a NaN").isNaN();
            float[] relu = Tensor.of(new float[] {Float.NaN, -1, inf, -inf}, 4).relu().toFloatArray();
            assertThat(relu).as("relu([nan, -1, inf, -inf])").containsExactly(Float.NaN, 0f, inf, 0f);
        }
    }

    /**
     * ReLU as PyTorch 1.13 computes it: {@code torch.relu(torch.tensor([nan, -0., 2., -3.]))} is
     * {@code [nan, -0., 2., 0.]}, and its backward is {@code g * (x > 0 or x is NaN)} (threshold
     * backward tests {@code x <= 0}). A 37-wide row puts cases in whole vectors and in the tail.
     */
    @Test
    void reluKeepsNanAndNegativeZeroAndPassesGradientAtNan() {
        int n = 37;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 4) {
                case 0 -> Float.NaN;
                case 1 -> -0.0f;
                case 2 -> i;
                default -> -i;
            };
        }
        for (KernelMode mode : KernelMode.values()) {
            try (var scope = Kernels.use(mode)) {
                Tensor input = Tensor.of(x.clone(), n).requiresGrad(true);
                Tensor y = input.relu();
                float[] out = y.toFloatArray();
                y.sum().backward();
                float[] dx = input.grad().toFloatArray();
                for (int i = 0; i < n; i++) {
                    switch (i % 4) {
                        case 0 -> {
                            assertThat(out[i]).as("%s relu(NaN)", mode).isNaN();
                            assertThat(dx[i]).as("%s gradient at NaN", mode).isEqualTo(1f);
                        }
                        case 1 -> {
                            assertThat(Float.floatToRawIntBits(out[i])).as("%s relu(-0.0) keeps the sign", mode)
                                    .isEqualTo(Float.floatToRawIntBits(-0.0f));
                            assertThat(dx[i]).as("%s gradient at -0.0", mode).isEqualTo(0f);
                        }
                        case 2 -> assertThat(dx[i]).as("%s gradient at %s", mode, x[i]).isEqualTo(x[i] > 0 ? 1f : 0f);
                        default -> {
                            assertThat(out[i]).as("%s relu(%s)", mode, x[i]).isEqualTo(0f);
                            assertThat(dx[i]).as("%s gradient at %s", mode, x[i]).isEqualTo(0f);
                        }
                    }
                }
            }
        }
    }
}
