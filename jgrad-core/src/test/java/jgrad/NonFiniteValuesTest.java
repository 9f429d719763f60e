package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import jgrad.nn.functional.F;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * NaN and infinity through the reference (readable) paths of the core ops, float64 and float32 alike,
 * as PyTorch treats them. Expected values follow PyTorch 1.13's semantics, checked with:
 * <pre>
 *   torch.relu(torch.tensor([nan, -1., 2., -0.]))            # [nan, 0, 2, -0.]; backward(3s): [3, 0, 3, 0]
 *   torch.tensor([1., nan, 3.]).max() / .min() / .max(-1)     # nan / nan / (nan, index 1); max backward [0, 1, 0]
 *   torch.maximum(torch.tensor([1., nan]), torch.tensor([nan, 2.]))   # [nan, nan]
 *   F.max_pool1d(torch.tensor([[[1., nan, 3., 4.]]]), 2)      # [nan, 4]
 *   F.softmax(torch.tensor([inf, 1., 2.]), -1), F.log_softmax(...)    # [nan, nan, nan] both; backward all nan
 *   F.softmax(torch.tensor([-inf, 1., 2.]), -1)               # [0, 0.2689, 0.7311]
 *   F.cross_entropy(torch.tensor([[inf, 1., 2.]]), torch.tensor([1]))  # nan, gradient all nan
 * </pre>
 * The fast float32 kernels (jgrad.kernels) are tested against PyTorch on the same inputs elsewhere.
 */
class NonFiniteValuesTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Tensor leaf(DType dtype, double... values) {
        return Tensor.of(values).to(dtype).requiresGrad(true);
    }

    private static void assertNaNs(Tensor t, String what) {
        for (double v : t.toDoubleArray()) {
            assertThat(v).as("%s: every entry NaN, got %s", what, java.util.Arrays.toString(t.toDoubleArray())).isNaN();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void reluKeepsNaNAndPassesItsGradient(DType dtype) {
        try (var reference = Kernels.use(KernelMode.REFERENCE)) {
            Tensor x = leaf(dtype, NAN, -1, 2, -0.0);
            Tensor y = x.relu();
            y.backward(Tensor.of(new double[] {3, 3, 3, 3}).to(dtype));
            assertThat(y.toDoubleArray()).containsExactly(NAN, 0, 2, -0.0);
            assertThat(x.grad().toDoubleArray()).containsExactly(3, 0, 3, 0);
            assertThat(F.leakyRelu(Tensor.of(new double[] {NAN}).to(dtype)).item()).isNaN();
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void maxMinAndPoolingPropagateNaN(DType dtype) {
        try (var reference = Kernels.use(KernelMode.REFERENCE)) {
            Tensor x = leaf(dtype, 1, NAN, 3);
            assertThat(x.min().item()).isNaN();
            var byDim = x.reshape(1, 3).max(-1, false);
            assertThat(byDim.values().item()).isNaN();
            assertThat(byDim.indices().item()).as("the index of the NaN, as PyTorch").isEqualTo(1.0);
            Tensor max = x.max();
            assertThat(max.item()).isNaN();
            max.backward();
            assertThat(x.grad().toDoubleArray()).as("the gradient goes to the NaN").containsExactly(0, 1, 0);
            assertThat(Tensor.of(new double[] {1, NAN}).to(dtype).maximum(Tensor.of(new double[] {NAN, 2}).to(dtype))
                    .toDoubleArray()).containsExactly(NAN, NAN);
            assertThat(Tensor.of(new double[] {1, NAN}).to(dtype).minimum(Tensor.of(new double[] {NAN, 2}).to(dtype))
                    .toDoubleArray()).containsExactly(NAN, NAN);
            assertThat(F.maxPool1d(Tensor.of(new double[] {1, NAN, 3, 4}, 1, 1, 4).to(dtype), 2).toDoubleArray())
                    .containsExactly(NAN, 4);
            for (int at = 0; at < 4; at++) {
                double[] window = {1, 3, 4, 2};
                window[at] = NAN;
                assertThat(F.maxPool2d(Tensor.of(window, 1, 1, 2, 2).to(dtype), 2).item()).as("NaN at %d", at).isNaN();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void softmaxOfARowWithInfinityIsNaNAndMinusInfinityIsZero(DType dtype) {
        try (var reference = Kernels.use(KernelMode.REFERENCE)) {
            Tensor x = leaf(dtype, INF, 1, 2);
            Tensor y = x.softmax(-1);
            assertNaNs(y, "softmax([inf, 1, 2])");
            assertNaNs(x.logSoftmax(-1), "logSoftmax([inf, 1, 2])");
            y.backward(Tensor.of(new double[] {1, 2, 3}).to(dtype));
            assertNaNs(x.grad(), "d softmax([inf, 1, 2])");

            Tensor finite = Tensor.of(new double[] {-INF, 1, 2}).to(dtype).softmax(-1);
            double e = Math.exp(-1);
            double[] expected = {0, e / (1 + e), 1 / (1 + e)};
            double tolerance = dtype == DType.FLOAT64 ? 1e-15 : 1e-7;   // one rounding of each
            assertThat(finite.toDoubleArray()).containsExactly(expected, org.assertj.core.api.Assertions.within(tolerance));
            assertNaNs(Tensor.of(new double[] {-INF, -INF}).to(dtype).softmax(-1), "softmax of an all -inf row");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void crossEntropyOnInfiniteOrNaNScoresIsNaN(DType dtype) {
        try (var reference = Kernels.use(KernelMode.REFERENCE)) {
            for (long target : new long[] {0, 1}) {
                Tensor logits = Tensor.of(new double[] {INF, 1, 2}, 1, 3).to(dtype).requiresGrad(true);
                Tensor loss = F.crossEntropy(logits, Tensor.of(new long[] {target}));
                assertThat(loss.item()).as("cross-entropy of [inf, 1, 2], target %d", target).isNaN();
                loss.backward();
                assertNaNs(logits.grad(), "its gradient");
            }
            assertThat(F.crossEntropy(Tensor.of(new double[] {NAN, 1, 2}, 1, 3).to(dtype), Tensor.of(new long[] {1})).item())
                    .isNaN();
        }
    }
}
