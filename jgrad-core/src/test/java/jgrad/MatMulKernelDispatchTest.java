package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * float32 matmul runs on the selected GEMM backend under {@link KernelMode#FAST} and on the
 * reference GEMM under {@link KernelMode#REFERENCE} (jqwik draws the mode); float64 always on the
 * reference GEMM; all read transposed views in place. Whatever path and layout, the float32 result
 * must equal the float64 one up to float32 rounding.
 */
class MatMulKernelDispatchTest {

    @Property(tries = 60)
    void float32MatmulMatchesFloat64OnEveryOperandLayout(
            @ForAll @IntRange(min = 1, max = 3) int batch,
            @ForAll @IntRange(min = 0, max = 40) int m,
            @ForAll @IntRange(min = 0, max = 40) int k,
            @ForAll @IntRange(min = 0, max = 40) int n,
            @ForAll boolean transposeLeft,
            @ForAll boolean transposeRight,
            @ForAll KernelMode mode,
            @ForAll long seed) {
        var random = new SplittableRandom(seed);
        // Build each operand either directly or as the transpose of a stored (.., cols, rows) tensor.
        Tensor a = transposeLeft ? Tensor.randn(random, DType.FLOAT64, batch, k, m).transpose(1, 2)
                : Tensor.randn(random, DType.FLOAT64, batch, m, k);
        Tensor b = transposeRight ? Tensor.randn(random, DType.FLOAT64, batch, n, k).transpose(1, 2)
                : Tensor.randn(random, DType.FLOAT64, batch, k, n);

        double[] expected = a.matmul(b).toDoubleArray();
        double[] actual;
        try (var kernels = Kernels.use(mode)) {
            actual = a.float32().matmul(b.float32()).toDoubleArray();
        }

        // float32 inputs and products: each term carries ~6e-8 relative rounding, k terms of size ~1
        // add up to a few 1e-6 * sqrt(k) absolute error; 1e-4 leaves a wide margin.
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i]))
                    .as("element %d: float32 %s vs float64 %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(1e-4 * Math.max(1, Math.sqrt(k)));
        }
    }

    @Property(tries = 30)
    void float32MatmulGradientsMatchFloat64(
            @ForAll @IntRange(min = 1, max = 12) int m,
            @ForAll @IntRange(min = 1, max = 12) int k,
            @ForAll @IntRange(min = 1, max = 12) int n,
            @ForAll KernelMode mode,
            @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor a64 = Tensor.randn(random, DType.FLOAT64, m, k).requiresGrad(true);
        Tensor b64 = Tensor.randn(random, DType.FLOAT64, k, n).requiresGrad(true);
        Tensor a32 = a64.detach().float32().requiresGrad(true);
        Tensor b32 = b64.detach().float32().requiresGrad(true);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, m, n);

        a64.matmul(b64).backward(upstream);
        try (var kernels = Kernels.use(mode)) {
            a32.matmul(b32).backward(upstream.float32());
        }

        assertClose(a32.grad().toDoubleArray(), a64.grad().toDoubleArray(), n);
        assertClose(b32.grad().toDoubleArray(), b64.grad().toDoubleArray(), m);
    }

    /**
     * The same agreement for products large enough for the packed, blocked GEMM
     * ({@code m·n·k >= 17³ = 4913}, above the small-product cut-off of 16³ = 4096), whose edge
     * tiles and transposed reads the sizes above never reach: each backward product
     * ({@code g·Bᵀ}, {@code Aᵀ·g}) has the same work as the forward one.
     */
    @Property(tries = 12)
    void float32MatmulGradientsMatchFloat64OnTheBlockedGemmPath(
            @ForAll @IntRange(min = 17, max = 45) int m,
            @ForAll @IntRange(min = 17, max = 45) int k,
            @ForAll @IntRange(min = 17, max = 45) int n,
            @ForAll boolean transposeLeft,
            @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor stored = transposeLeft ? Tensor.randn(random, DType.FLOAT64, k, m) : Tensor.randn(random, DType.FLOAT64, m, k);
        Tensor a64 = stored.requiresGrad(true);
        Tensor b64 = Tensor.randn(random, DType.FLOAT64, k, n).requiresGrad(true);
        Tensor a32 = a64.detach().float32().requiresGrad(true);
        Tensor b32 = b64.detach().float32().requiresGrad(true);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, m, n);

        (transposeLeft ? a64.t() : a64).matmul(b64).backward(upstream);
        (transposeLeft ? a32.t() : a32).matmul(b32).backward(upstream.float32());

        assertClose(a32.grad().toDoubleArray(), a64.grad().toDoubleArray(), n);
        assertClose(b32.grad().toDoubleArray(), b64.grad().toDoubleArray(), m);
    }

    private static void assertClose(double[] actual, double[] expected, int terms) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i]))
                    .as("gradient element %d: float32 %s vs float64 %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(1e-4 * Math.max(1, Math.sqrt(terms)));
        }
    }
}
