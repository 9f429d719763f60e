package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Parallel;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * float32 conv2d takes {@link FastConvolution} (per image, kernels.Im2col + GEMM); float64 takes the
 * reference {@link Convolution}. The two must agree, forward and every gradient, for strides,
 * padding, groups, batches and ragged sizes.
 */
class FastConvolutionTest {

    /**
     * float32 sums of up to a few hundred products carry ~1e-6 relative rounding; a missing or doubled
     * term would be off by ~1e-1. Measured against the largest expected magnitude of the tensor.
     */
    private static final double TOLERANCE = 1e-4;

    /**
     * The weight gradient sums images in runs of a shape-given count (FastConvolution.weightGradChunks),
     * whichever thread takes a run: the same bits at one, two and three threads, on a batch (11) that
     * does not divide into the 8 runs.
     */
    @Test
    void weightGradientHasTheSameBitsForAnyThreadCount() {
        var random = new SplittableRandom(5);
        Tensor x = Tensor.randn(random, DType.FLOAT32, 11, 3, 9, 9);
        Tensor w = Tensor.randn(random, DType.FLOAT32, 4, 3, 3, 3);
        Tensor upstream = Tensor.randn(random, DType.FLOAT32, 11, 4, 9, 9);
        int before = Parallel.threads();
        float[][] gradients = new float[3][];
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                Tensor weight = w.detach().requiresGrad(true);
                F.conv2d(x, weight, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1).backward(upstream);
                gradients[threads - 1] = weight.grad().toFloatArray();
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertThat(FastConvolution.weightGradChunks(11, 4 * 27)).isEqualTo(8);
        assertThat(gradients[1]).isEqualTo(gradients[0]);
        assertThat(gradients[2]).isEqualTo(gradients[0]);
    }

    @Property(tries = 40)
    void float32ConvolutionAgreesWithTheFloat64Reference(@ForAll @IntRange(min = 1, max = 3) int batch,
                                                         @ForAll @IntRange(min = 1, max = 2) int groups,
                                                         @ForAll @IntRange(min = 1, max = 3) int channelsPerGroup,
                                                         @ForAll @IntRange(min = 1, max = 5) int outPerGroup,
                                                         @ForAll @IntRange(min = 1, max = 3) int kernelH,
                                                         @ForAll @IntRange(min = 1, max = 3) int kernelW,
                                                         @ForAll @IntRange(min = 1, max = 2) int stride,
                                                         @ForAll @IntRange(min = 0, max = 1) int padding,
                                                         @ForAll boolean withBias,
                                                         @ForAll KernelMode mode,
                                                         @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int height = kernelH + random.nextInt(6), width = kernelW + random.nextInt(6);
        Tensor x = Tensor.randn(random, DType.FLOAT64, batch, groups * channelsPerGroup, height, width);
        Tensor w = Tensor.randn(random, DType.FLOAT64, groups * outPerGroup, channelsPerGroup, kernelH, kernelW);
        Tensor b = withBias ? Tensor.randn(random, DType.FLOAT64, groups * outPerGroup) : null;
        int[] s = {stride, stride}, p = {Math.min(padding, kernelH / 2), Math.min(padding, kernelW / 2)}, d = {1, 1};

        Tensor[] reference = leaves(x, w, b);
        Tensor y64 = F.conv2d(reference[0], reference[1], reference[2], s, p, d, groups);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, y64.shape());
        y64.backward(upstream);

        Tensor[] fast = leaves(x.float32(), w.float32(), b == null ? null : b.float32());
        Tensor y32;
        try (var kernels = Kernels.use(mode)) {   // FAST: FastConvolution; REFERENCE: the im2col reference on float32
            y32 = F.conv2d(fast[0], fast[1], fast[2], s, p, d, groups);
            y32.backward(upstream.float32());
        }

        assertClose("output", y32, y64);
        assertClose("input gradient", fast[0].grad(), reference[0].grad());
        assertClose("weight gradient", fast[1].grad(), reference[1].grad());
        if (b != null) {
            assertClose("bias gradient", fast[2].grad(), reference[2].grad());
        }
    }

    private static Tensor[] leaves(Tensor x, Tensor w, Tensor b) {
        return new Tensor[] {x.detach().copy().requiresGrad(true), w.detach().copy().requiresGrad(true),
                b == null ? null : b.detach().copy().requiresGrad(true)};
    }

    static void assertClose(String what, Tensor float32, Tensor float64) {
        assertThat(float32.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(float32.shape()).isEqualTo(float64.shape());
        double[] actual = float32.toDoubleArray();
        double[] expected = float64.toDoubleArray();
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i]))
                    .as("%s element %d: float32 %s vs float64 %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(TOLERANCE * scale);
        }
    }
}
