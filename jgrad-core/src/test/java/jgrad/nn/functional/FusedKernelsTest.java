package jgrad.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fused float32 layer norm and softmax-cross-entropy against the composed reference run in
 * float64: values and every gradient. Tolerance 2e-5 absolute: float32 rounding over rows of at
 * most ~40 elements with values of order 1.
 *
 * <p>Every property also draws the kernel mode: under FAST the float32 side must run the fused op,
 * under REFERENCE the composed one (on float32); both must meet the same tolerance.
 */
class FusedKernelsTest {

    private static final double TOLERANCE = 2e-5;

    @Property(tries = 20)
    void fusedLayerNormMatchesComposed(@ForAll @IntRange(min = 1, max = 6) int rows, @ForAll @IntRange(min = 1, max = 40) int cols,
                                       @ForAll boolean affine, @ForAll KernelMode mode, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor x = Tensor.randn(random, DType.FLOAT64, 2, rows, cols).mul(2).add(0.5);
        Tensor w = Tensor.randn(random, DType.FLOAT64, cols);
        Tensor b = Tensor.randn(random, DType.FLOAT64, cols);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, 2, rows, cols);
        List<Tensor> reference = layerNorm(x, affine ? w : null, affine ? b : null, upstream, false);
        List<Tensor> fused;
        try (var kernels = Kernels.use(mode)) {
            fused = layerNorm(x.float32(), affine ? w.float32() : null, affine ? b.float32() : null, upstream.float32(), mode == KernelMode.FAST);
        }
        // x − mean loses float32 digits in proportion to |x| / sqrt(var + eps), which the backward then
        // multiplies through: scale the tolerance by that conditioning (rows of near-equal values, e.g. cols = 2).
        assertClose("layerNorm", reference, fused, TOLERANCE * conditioning(x.reshape(-1, cols), 1e-5));
    }

    /** max over rows of max|x| / sqrt(var + eps), at least 1. */
    private static double conditioning(Tensor rows, double eps) {
        double worst = 1;
        for (int r = 0; r < rows.size(0); r++) {
            double[] row = rows.select(0, r).toDoubleArray();
            double mean = java.util.Arrays.stream(row).average().orElse(0), variance = 0, largest = 0;
            for (double v : row) {
                variance += (v - mean) * (v - mean) / row.length;
                largest = Math.max(largest, Math.abs(v));
            }
            worst = Math.max(worst, largest / Math.sqrt(variance + eps));
        }
        return worst;
    }

    private static List<Tensor> layerNorm(Tensor x, Tensor w, Tensor b, Tensor upstream, boolean fused) {
        List<Tensor> leaves = leaves(x, w, b);
        Tensor y = F.layerNorm(leaves.get(0), new int[] {x.size(-1)}, w == null ? null : leaves.get(1), b == null ? null : leaves.get(2), 1e-5);
        assertThat(y.gradFn().name().equals("FusedLayerNormBackward")).as("the fused kernel ran").isEqualTo(fused);
        y.backward(upstream);
        return results(y, leaves);
    }

    /**
     * Batch norm on {@code (N, C)} and {@code (N, C, H, W)}, training (batch statistics; the running
     * ones updated) and evaluation (running statistics), with and without the affine parameters:
     * the output, dx, dγ, dβ and the updated running mean and variance.
     */
    @Property(tries = 30)
    void fusedBatchNormMatchesComposed(@ForAll @IntRange(min = 2, max = 4) int batch, @ForAll @IntRange(min = 1, max = 5) int channels,
                                       @ForAll @IntRange(min = 0, max = 9) int side, @ForAll boolean training,
                                       @ForAll boolean affine, @ForAll KernelMode mode, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int[] shape = side == 0 ? new int[] {batch, channels} : new int[] {batch, channels, side, side + 1};
        Tensor x = Tensor.randn(random, DType.FLOAT64, shape).mul(2).add(0.5);
        Tensor w = Tensor.randn(random, DType.FLOAT64, channels);
        Tensor b = Tensor.randn(random, DType.FLOAT64, channels);
        Tensor runningMean = Tensor.randn(random, DType.FLOAT64, channels);
        Tensor runningVar = Tensor.rand(random, DType.FLOAT64, channels).add(0.5);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, shape);
        List<Tensor> reference = batchNorm(x, runningMean, runningVar, affine ? w : null, affine ? b : null, training, upstream, false);
        List<Tensor> fused;
        try (var kernels = Kernels.use(mode)) {
            fused = batchNorm(x.float32(), runningMean.float32(), runningVar.float32(), affine ? w.float32() : null,
                    affine ? b.float32() : null, training, upstream.float32(), mode == KernelMode.FAST);
        }
        assertClose("batchNorm " + (training ? "training" : "evaluation"), reference, fused,
                TOLERANCE * conditioning(x.transpose(0, 1).reshape(channels, -1), 1e-5));
    }

    private static List<Tensor> batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor w, Tensor b, boolean training,
                                          Tensor upstream, boolean fused) {
        List<Tensor> leaves = leaves(x, w, b);
        Tensor mean = runningMean.copy(), var = runningVar.copy();
        Tensor y = F.batchNorm(leaves.get(0), mean, var, w == null ? null : leaves.get(1), b == null ? null : leaves.get(2),
                training, 0.1, 1e-5);
        assertThat(y.gradFn().name().equals("FusedBatchNormBackward")).as("the fused kernel ran").isEqualTo(fused);
        y.backward(upstream);
        List<Tensor> out = results(y, leaves);
        out.add(mean);
        out.add(var);
        return out;
    }

    @Property(tries = 20)
    void fusedCrossEntropyMatchesComposed(@ForAll @IntRange(min = 1, max = 8) int rows, @ForAll @IntRange(min = 1, max = 70) int classes,
                                          @ForAll boolean sum, @ForAll boolean withIgnored, @ForAll KernelMode mode,
                                          @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor logits = Tensor.randn(random, DType.FLOAT64, rows, classes).mul(3);
        long[] labels = new long[rows];
        for (int n = 0; n < rows; n++) {
            labels[n] = withIgnored && n % 3 == 1 ? -100 : random.nextInt(classes);
        }
        Tensor target = Tensor.of(labels);
        Reduction reduction = sum ? Reduction.SUM : Reduction.MEAN;
        List<Tensor> reference = crossEntropy(logits, target, reduction, false);
        List<Tensor> fused;
        try (var kernels = Kernels.use(mode)) {
            fused = crossEntropy(logits.float32(), target, reduction, mode == KernelMode.FAST);
        }
        assertClose("crossEntropy", reference, fused);
    }

    private static List<Tensor> crossEntropy(Tensor logits, Tensor target, Reduction reduction, boolean fused) {
        Tensor leaf = logits.detach().requiresGrad(true);
        Tensor loss = F.crossEntropy(leaf, target, null, F.DEFAULT_IGNORE_INDEX, reduction, 0.0);
        assertThat(loss.gradFn().name().equals("FusedCrossEntropyBackward")).as("the fused kernel ran").isEqualTo(fused);
        loss.backward(Tensor.scalar(0.7, loss.dtype()));
        return List.of(loss.detach(), leaf.grad());
    }

    /** Leading dims 0–2 (so N = 1 for a 1-D input), a transposed (non-contiguous) input, with and without bias. */
    @Property(tries = 20)
    void fusedLinearMatchesComposed(@ForAll @IntRange(min = 0, max = 2) int leading, @ForAll @IntRange(min = 1, max = 20) int in,
                                    @ForAll @IntRange(min = 1, max = 20) int out, @ForAll boolean withBias,
                                    @ForAll boolean transposedInput, @ForAll KernelMode mode, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int[] shape = switch (leading) {
            case 0 -> new int[] {in};
            case 1 -> new int[] {3, in};
            default -> new int[] {3, 2, in};
        };
        Tensor x = Tensor.randn(random, DType.FLOAT64, shape);
        if (transposedInput && leading > 0) {
            x = Tensor.randn(random, DType.FLOAT64, in, shape[0]).t();                 // (N, in) with strides (1, N)
        }
        Tensor w = Tensor.randn(random, DType.FLOAT64, out, in);
        Tensor b = Tensor.randn(random, DType.FLOAT64, out);
        int[] outShape = x.shape();
        outShape[outShape.length - 1] = out;
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, outShape);
        List<Tensor> reference = linear(x, w, withBias ? b : null, upstream, false);
        List<Tensor> fused;
        try (var kernels = Kernels.use(mode)) {
            fused = linear(x.float32(), w.float32(), withBias ? b.float32() : null, upstream.float32(), mode == KernelMode.FAST);
        }
        assertClose("linear", reference, fused);
    }

    private static List<Tensor> linear(Tensor x, Tensor w, Tensor b, Tensor upstream, boolean fused) {
        List<Tensor> leaves = leaves(x, w, b);
        Tensor y = F.linear(leaves.get(0), leaves.get(1), b == null ? null : leaves.get(2));
        assertThat(y.gradFn().name().equals("FusedLinearBackward")).as("the fused kernel ran").isEqualTo(fused);
        y.backward(upstream);
        return results(y, leaves);
    }

    private static List<Tensor> leaves(Tensor... tensors) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) {
            out.add(t == null ? Tensor.zeros(1) : t.detach().requiresGrad(true));
        }
        return out;
    }

    private static List<Tensor> results(Tensor y, List<Tensor> leaves) {
        List<Tensor> out = new ArrayList<>(List.of(y.detach()));
        leaves.forEach(leaf -> out.add(leaf.grad() == null ? Tensor.zeros(1) : leaf.grad()));
        return out;
    }

    private static void assertClose(String op, List<Tensor> reference, List<Tensor> fused) {
        assertClose(op, reference, fused, TOLERANCE);
    }

    private static void assertClose(String op, List<Tensor> reference, List<Tensor> fused, double tolerance) {
        for (int i = 0; i < reference.size(); i++) {
            double[] expected = reference.get(i).toDoubleArray(), actual = fused.get(i).toDoubleArray();
            assertThat(actual.length).as("%s result %d size", op, i).isEqualTo(expected.length);
            for (int j = 0; j < expected.length; j++) {
                double bound = tolerance * Math.max(1, Math.abs(expected[j]));
                assertThat(Math.abs(actual[j] - expected[j]))
                        .as("%s result %d (0 = value, then gradients) [%d]: fused float32 %.8f vs composed float64 %.8f",
                                op, i, j, actual[j], expected[j])
                        .isLessThanOrEqualTo(bound);
            }
        }
    }

    /** Exact GELU in float32 (A&S erf, |error| <= 1.5e-7) against float64 erf: values and gradients. */
    @Property(tries = 10)
    void fusedGeluMatchesComposed(@ForAll @IntRange(min = 1, max = 300) int size, @ForAll KernelMode mode, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor x = Tensor.randn(random, DType.FLOAT64, size).mul(3);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, size);
        Tensor reference = x.detach().requiresGrad(true);
        Tensor expected = reference.gelu();
        expected.backward(upstream);
        Tensor fusedLeaf = x.float32().requiresGrad(true);
        Tensor actual;
        try (var kernels = Kernels.use(mode)) {   // FAST: GeluKernels (erf by a polynomial); REFERENCE: the double formula
            actual = F.gelu(fusedLeaf);
            actual.backward(upstream.float32());
        }
        assertClose("gelu", List.of(expected.detach(), reference.grad()), List.of(actual.detach(), fusedLeaf.grad()));
    }
}
