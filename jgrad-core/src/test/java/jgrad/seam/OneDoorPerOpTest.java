package jgrad.seam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import jgrad.nn.GELU;
import jgrad.nn.LayerNorm;
import jgrad.nn.Linear;
import jgrad.nn.ReLU;
import jgrad.nn.Sigmoid;
import jgrad.nn.Tanh;
import jgrad.nn.functional.F;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * One door per op: the {@code Tensor} method, the {@code F} function and the {@code nn} module of an
 * op reach the same implementation, so they give the same bits, values and gradients, under either
 * kernel mode. (Before the seam, {@code x.gelu()} and {@code F.gelu(x)} ran different float32 code
 * and differed by up to 4.8e-7.) And {@link KernelMode#REFERENCE} really runs the reference loops on
 * float32: an elementwise op then equals the float64 op rounded once to float32, bit for bit.
 */
class OneDoorPerOpTest {

    @Property(tries = 30)
    void activationsGiveTheSameBitsThroughEveryDoor(@ForAll @IntRange(min = 0, max = 3) int op,
                                                    @ForAll @IntRange(min = 1, max = 5) int rows,
                                                    @ForAll @IntRange(min = 1, max = 70) int cols,
                                                    @ForAll boolean transposed, @ForAll KernelMode mode, @ForAll long seed) {
        List<UnaryOperator<Tensor>> doors = switch (op) {
            case 0 -> List.of(Tensor::gelu, F::gelu, new GELU()::forward);
            case 1 -> List.of(Tensor::relu, F::relu, new ReLU()::forward);
            case 2 -> List.of(Tensor::tanh, F::tanh, new Tanh()::forward);
            default -> List.of(Tensor::sigmoid, F::sigmoid, new Sigmoid()::forward);
        };
        var random = new SplittableRandom(seed);
        Tensor x = transposed ? Tensor.randn(random, DType.FLOAT32, cols, rows).mul(3).t()
                : Tensor.randn(random, DType.FLOAT32, rows, cols).mul(3);
        Tensor upstream = Tensor.randn(random, DType.FLOAT32, rows, cols);
        try (var kernels = Kernels.use(mode)) {
            float[][] first = run(doors.getFirst(), x, upstream);
            for (int door = 1; door < doors.size(); door++) {
                float[][] other = run(doors.get(door), x, upstream);
                assertThat(other[0]).as("op %d door %d value, %s", op, door, mode).containsExactly(first[0]);
                assertThat(other[1]).as("op %d door %d gradient, %s", op, door, mode).containsExactly(first[1]);
            }
        }
    }

    @Property(tries = 20)
    void linearAndLayerNormModulesRunTheirFunctions(@ForAll @IntRange(min = 1, max = 6) int rows,
                                                    @ForAll @IntRange(min = 1, max = 20) int width,
                                                    @ForAll KernelMode mode, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor x = Tensor.randn(random, DType.FLOAT32, rows, width);
        Tensor upstream = Tensor.randn(random, DType.FLOAT32, rows, 3);
        var linear = new Linear(width, 3, true, random);
        var norm = new LayerNorm(width);
        try (var kernels = Kernels.use(mode)) {
            float[][] module = run(t -> linear.forward(norm.forward(t)), x, upstream);
            float[][] function = run(t -> F.linear(F.layerNorm(t, new int[] {width}, norm.weight(), norm.bias(), 1e-5),
                    linear.weight(), linear.bias()), x, upstream);
            assertThat(function[0]).as("value, %s", mode).containsExactly(module[0]);
            assertThat(function[1]).as("input gradient, %s", mode).containsExactly(module[1]);
        }
    }

    @Property(tries = 30)
    void referenceModeRoundsTheFloat64FormulaOnce(@ForAll @IntRange(min = 0, max = 4) int op,
                                                 @ForAll @IntRange(min = 1, max = 80) int size, @ForAll long seed) {
        UnaryOperator<Tensor> f = switch (op) {
            case 0 -> Tensor::exp;
            case 1 -> Tensor::gelu;
            case 2 -> Tensor::tanh;
            case 3 -> Tensor::sigmoid;
            default -> t -> t.gelu("tanh");
        };
        Tensor x = Tensor.randn(new SplittableRandom(seed), DType.FLOAT32, size).mul(2);
        float[] expected = f.apply(x.to(DType.FLOAT64)).float32().toFloatArray();
        float[] actual;
        try (var kernels = Kernels.use(KernelMode.REFERENCE)) {
            actual = f.apply(x).toFloatArray();
        }
        assertThat(actual).as("op %d under REFERENCE vs float64 rounded once", op).containsExactly(expected);
    }

    /** The value and the input gradient (for the given upstream gradient) as float arrays. */
    private static float[][] run(UnaryOperator<Tensor> op, Tensor x, Tensor upstream) {
        Tensor leaf = x.detach().requiresGrad(true);
        Tensor y = op.apply(leaf);
        y.backward(upstream);
        return new float[][] {y.toFloatArray(), leaf.grad().toFloatArray()};
    }
}
