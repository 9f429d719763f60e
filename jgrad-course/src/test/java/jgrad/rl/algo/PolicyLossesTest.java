package jgrad.rl.algo;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.nn.functional.Reduction;
import jgrad.testing.Gradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PolicyLossesTest {
    @Test
    void clippedSurrogateByHandAndNoGradientWhereClipped() {
        // ratios (1.5, 0.5, 1.1, 0.5), advantages (2, -1, 1, 1), eps = 0.2:
        //   1.5 * 2 = 3 vs 1.2 * 2 = 2.4 -> 2.4 (clipped: no gradient)
        //   0.5 * -1 = -0.5 vs 0.8 * -1 = -0.8 -> -0.8 (clipped: no gradient)
        //   1.1 * 1 = 1.1 inside the interval -> 1.1 (gradient d/dlogp = r A = 1.1)
        //   0.5 * 1 = 0.5 vs 0.8 -> 0.5, the pessimistic unclipped term (gradient 0.5)
        // L = -(2.4 - 0.8 + 1.1 + 0.5) / 4 = -0.8; dL/dlogp = (0, 0, -1.1/4, -0.5/4)
        Tensor logp = Tensor.of(new double[] {Math.log(1.5), Math.log(0.5), Math.log(1.1), Math.log(0.5)}).requiresGrad(true);
        Tensor old = Tensor.zeros(DType.FLOAT64, 4);
        Tensor adv = Tensor.of(new double[] {2, -1, 1, 1});
        Tensor loss = PolicyLosses.clippedSurrogate(logp, old, adv, 0.2);
        assertThat(loss.item()).isCloseTo(-0.8, within(1e-12));
        loss.backward();
        assertThat(logp.grad().toDoubleArray()).containsExactly(new double[] {0, 0, -1.1 / 4, -0.5 / 4}, within(1e-12));
    }

    @Test
    void reinforceLossByHand() {
        // L = -mean(logp * A) = -((-1)(2) + (-0.5)(-4)) / 2 = -(-2 + 2) / 2 = 0; dL/dlogp = -A / 2 = (-1, 2)
        Tensor logp = Tensor.of(new double[] {-1, -0.5}).requiresGrad(true);
        Tensor loss = PolicyLosses.reinforce(logp, Tensor.of(new double[] {2, -4}));
        assertThat(loss.item()).isCloseTo(0, within(1e-12));
        loss.backward();
        assertThat(logp.grad().toDoubleArray()).containsExactly(new double[] {-1, 2}, within(1e-12));
    }

    @Test
    void advantageNormalisationGivesZeroMeanUnitStd() {
        double[] z = PolicyLosses.normalize(new double[] {1, 2, 3, 6});
        // mean 3, unbiased std sqrt((4 + 1 + 0 + 9) / 3) = sqrt(14/3)
        assertThat(z[3]).isCloseTo(3 / Math.sqrt(14.0 / 3), within(1e-6));
        assertThat(z[0] + z[1] + z[2] + z[3]).isCloseTo(0, within(1e-12));
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        // d = (0.5, -3), delta = 1: 0.5 * 0.25 = 0.125 and 1 * (3 - 0.5) = 2.5
        Tensor input = Tensor.of(new double[] {0.5, -3}).requiresGrad(true);
        Tensor loss = F.huberLoss(input, Tensor.zeros(DType.FLOAT64, 2), Reduction.SUM, 1.0);
        assertThat(loss.item()).isCloseTo(2.625, within(1e-12));
        loss.backward();
        // gradient d inside, delta * sign(d) outside
        assertThat(input.grad().toDoubleArray()).containsExactly(new double[] {0.5, -1}, within(1e-12));
        // delta = 2: |d| = 3 -> 2 (3 - 1) = 4
        assertThat(F.huberLoss(Tensor.of(new double[] {3}), Tensor.of(new double[] {0}), Reduction.MEAN, 2.0).item())
                .isCloseTo(4, within(1e-12));
    }

    @Property(tries = 15)
    void huberGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int rows,
                                              @ForAll @IntRange(min = 1, max = 4) int cols,
                                              @ForAll @IntRange(min = 0, max = 2) int reductionIndex,
                                              @ForAll long seed) {
        var random = new SplittableRandom(seed);
        // differences of about +-2 straddle delta = 1; landing within 1e-6 of the kink |d| = delta has probability ~1e-6
        Tensor input = Tensor.randn(random, DType.FLOAT64, rows, cols).mul(2);
        Tensor target = Tensor.randn(random, DType.FLOAT64, rows, cols);
        Reduction reduction = Reduction.values()[reductionIndex];
        Gradchecks.assertGradientsMatch("huberLoss", seed, in -> F.huberLoss(in.get(0), in.get(1), reduction, 1.0), input, target);
    }

    @Property(tries = 15)
    void clippedSurrogateGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor logp = Tensor.randn(random, DType.FLOAT64, n).mul(0.5);   // ratios around exp(+-0.5): both sides of the clip
        Tensor old = Tensor.zeros(DType.FLOAT64, n);
        Tensor adv = Tensor.randn(random, DType.FLOAT64, n);
        Gradchecks.assertGradientsMatch("ppoClippedSurrogate", seed, in -> PolicyLosses.clippedSurrogate(in.get(0), old, adv, 0.2), logp);
    }
}
