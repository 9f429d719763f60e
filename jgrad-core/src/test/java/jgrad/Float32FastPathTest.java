package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * float32 tensors take the SIMD kernels (jgrad.kernels) for + - * /, the activations and
 * softmax under {@link KernelMode#FAST}, and the reference loops under {@link KernelMode#REFERENCE};
 * float64 tensors take the reference loops. Every property runs under both modes (jqwik draws the
 * mode), and the float32 result must agree with float64 up to float32 rounding, on contiguous
 * inputs, transposed views, scalars and broadcast pairs.
 */
class Float32FastPathTest {

    /** float32 carries ~6e-8 relative rounding per op; the SIMD exp/tanh are within a few ulps. */
    private static final double TOLERANCE = 2e-6;

    private static final List<BinaryOperator<Tensor>> BINARY = List.of(Tensor::add, Tensor::sub, Tensor::mul, Tensor::div);
    private static final List<String> BINARY_NAMES = List.of("add", "sub", "mul", "div");
    private static final List<UnaryOperator<Tensor>> UNARY = List.of(Tensor::exp, Tensor::tanh, Tensor::sigmoid,
            Tensor::relu, t -> t.gelu("tanh"), t -> t.softmax(-1), t -> t.logSoftmax(-1), t -> t.softmax(0),
            t -> t.sum(0), t -> t.mean(-1), Tensor::sum);
    private static final List<String> UNARY_NAMES = List.of("exp", "tanh", "sigmoid", "relu", "gelu(tanh)",
            "softmax(-1)", "logSoftmax(-1)", "softmax(0)",
            "sum(0)", "mean(-1)", "sum()");

    @Property(tries = 80)
    void binaryOpsAgreeWithFloat64(@ForAll @IntRange(min = 0, max = 3) int opIndex,
                                   @ForAll @IntRange(min = 1, max = 9) int rows,
                                   @ForAll @IntRange(min = 1, max = 37) int cols,
                                   @ForAll @IntRange(min = 0, max = 4) int layout,
                                   @ForAll KernelMode mode,
                                   @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor a = Tensor.randn(random, DType.FLOAT64, rows, cols);
        // layout: 0 same shape, 1 scalar right, 2 scalar left, 3 row broadcast, 4 transposed view
        Tensor b = switch (layout) {
            case 1, 2 -> Tensor.randn(random, DType.FLOAT64);
            case 3 -> Tensor.randn(random, DType.FLOAT64, cols);
            case 4 -> Tensor.randn(random, DType.FLOAT64, cols, rows).transpose(0, 1);
            default -> Tensor.randn(random, DType.FLOAT64, rows, cols);
        };
        // keep denominators away from zero so the comparison measures rounding, not conditioning
        b = b.abs().add(0.5);
        Tensor left = layout == 2 ? b : a;
        Tensor right = layout == 2 ? a.abs().add(0.5) : b;
        var op = BINARY.get(opIndex);
        Tensor float32;
        try (var kernels = Kernels.use(mode)) {
            float32 = op.apply(left.float32(), right.float32());
        }
        assertClose(BINARY_NAMES.get(opIndex) + " " + mode, float32, op.apply(left, right));
    }

    @Property(tries = 80)
    void activationsSoftmaxAndSumsAgreeWithFloat64(@ForAll @IntRange(min = 0, max = 10) int opIndex,
                                               @ForAll @IntRange(min = 1, max = 9) int rows,
                                               @ForAll @IntRange(min = 1, max = 37) int cols,
                                               @ForAll boolean transposed,
                                               @ForAll KernelMode mode,
                                               @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor x = transposed ? Tensor.randn(random, DType.FLOAT64, cols, rows).transpose(0, 1)
                : Tensor.randn(random, DType.FLOAT64, rows, cols);
        var op = UNARY.get(opIndex);
        Tensor float32;
        try (var kernels = Kernels.use(mode)) {
            float32 = op.apply(x.float32());
        }
        assertClose(UNARY_NAMES.get(opIndex) + " " + mode, float32, op.apply(x));
    }

    @Property(tries = 60)
    void float32GradientsAgreeWithFloat64(@ForAll @IntRange(min = 0, max = 10) int opIndex,
                                         @ForAll @IntRange(min = 1, max = 9) int rows,
                                         @ForAll @IntRange(min = 1, max = 37) int cols,
                                         @ForAll KernelMode mode,
                                         @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor x64 = Tensor.randn(random, DType.FLOAT64, rows, cols).requiresGrad(true);
        Tensor x32 = x64.detach().float32().requiresGrad(true);
        var op = UNARY.get(opIndex);
        Tensor y64 = op.apply(x64);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, y64.shape());
        y64.backward(upstream);
        try (var kernels = Kernels.use(mode)) {
            op.apply(x32).backward(upstream.float32());
        }
        assertClose(UNARY_NAMES.get(opIndex) + " gradient " + mode, x32.grad(), x64.grad());
    }

    private static void assertClose(String op, Tensor float32, Tensor float64) {
        assertThat(float32.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(float32.shape()).isEqualTo(float64.shape());
        double[] actual = float32.toDoubleArray();
        double[] expected = float64.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i]))
                    .as("%s element %d: float32 %s vs float64 %s", op, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected[i])));
        }
    }
}
