package jgrad.optim;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * float32 parameters take an optimizer's float32 fast path (Adam, AdamW: kernels.AdamUpdate; SGD, RMSprop, Adagrad: float loops);
 * float64 parameters take the readable per-element rule. Run on the same problem, the two agree up
 * to float32 rounding, for every option, on sizes with ragged vector tails.
 */
class OptimizerFloat32Test {

    /** A few float32 roundings per step, over five steps, on updates of size ~lr: 1e-5 relative to the weights. */
    private static final double TOLERANCE = 1e-5;

    @Property(tries = 40)
    void adamFloat32AgreesWithTheFloat64Rule(@ForAll @IntRange(min = 1, max = 70) int size,
                                             @ForAll boolean decoupled,
                                             @ForAll boolean amsgrad,
                                             @ForAll boolean weightDecay,
                                             @ForAll KernelMode mode,
                                             @ForAll long seed) {
        double wd = weightDecay ? 0.05 : 0;
        Function<List<Tensor>, Optimizer> make = decoupled
                ? p -> new AdamW(p, 0.01, 0.9, 0.999, 1e-8, wd, amsgrad)
                : p -> new Adam(p, 0.01, 0.9, 0.999, 1e-8, wd, amsgrad);
        agree(make, size, mode, seed);   // FAST: AdamUpdate on the arrays; REFERENCE: the double rule per element
    }

    @Property(tries = 40)
    void sgdFloat32AgreesWithTheFloat64Rule(@ForAll @IntRange(min = 1, max = 70) int size,
                                            @ForAll @IntRange(min = 0, max = 2) int momentumKind,
                                            @ForAll boolean weightDecay,
                                            @ForAll KernelMode mode,
                                            @ForAll long seed) {
        double wd = weightDecay ? 0.05 : 0;
        // 0: plain SGD; 1: momentum with dampening; 2: Nesterov momentum
        Function<List<Tensor>, Optimizer> make = switch (momentumKind) {
            case 0 -> p -> new SGD(p, 0.01, 0, 0, wd, false);
            case 1 -> p -> new SGD(p, 0.01, 0.9, 0.1, wd, false);
            default -> p -> new SGD(p, 0.01, 0.9, 0, wd, true);
        };
        agree(make, size, mode, seed);
    }

    @Property(tries = 40)
    void rmspropFloat32AgreesWithTheFloat64Rule(@ForAll @IntRange(min = 1, max = 70) int size,
                                                @ForAll boolean centered,
                                                @ForAll boolean momentum,
                                                @ForAll boolean weightDecay,
                                                @ForAll KernelMode mode,
                                                @ForAll long seed) {
        double wd = weightDecay ? 0.05 : 0;
        agree(p -> new RMSprop(p, 0.01, 0.99, 1e-8, wd, momentum ? 0.9 : 0, centered), size, mode, seed);
    }

    @Property(tries = 40)
    void adagradFloat32AgreesWithTheFloat64Rule(@ForAll @IntRange(min = 1, max = 70) int size,
                                                @ForAll boolean lrDecay,
                                                @ForAll boolean weightDecay,
                                                @ForAll boolean initialAccumulator,
                                                @ForAll KernelMode mode,
                                                @ForAll long seed) {
        double wd = weightDecay ? 0.05 : 0;
        agree(p -> new Adagrad(p, 0.05, lrDecay ? 0.1 : 0, wd, initialAccumulator ? 0.1 : 0, 1e-10), size, mode, seed);
    }

    /** Five steps in float64 and in float32 (under {@code mode}) from the same start agree to {@link #TOLERANCE}. */
    private static void agree(Function<List<Tensor>, Optimizer> make, int size, KernelMode mode, long seed) {
        var random = new SplittableRandom(seed);
        Tensor start = Tensor.randn(random, DType.FLOAT64, size);
        Tensor target = Tensor.randn(random, DType.FLOAT64, size);
        double[] float64 = fiveSteps(make, start, target);
        double[] float32;
        try (var kernels = Kernels.use(mode)) {
            float32 = fiveSteps(make, start.float32(), target.float32());
        }
        for (int i = 0; i < size; i++) {
            assertThat(Math.abs(float32[i] - float64[i])).as("element %d: float32 %s vs float64 %s", i, float32[i], float64[i])
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(float64[i])));
        }
    }

    /** Five steps on {@code L(w) = sum((w - target)^2 (1 + w^2)) / 2}, whose gradient changes between steps. */
    private static double[] fiveSteps(Function<List<Tensor>, Optimizer> make, Tensor start, Tensor target) {
        Tensor w = start.detach().copy().requiresGrad(true);
        Optimizer opt = make.apply(List.of(w));
        for (int step = 0; step < 5; step++) {
            opt.zeroGrad();
            w.sub(target).square().mul(w.square().add(1)).sum().div(2).backward();
            opt.step();
        }
        return w.toDoubleArray();
    }
}
