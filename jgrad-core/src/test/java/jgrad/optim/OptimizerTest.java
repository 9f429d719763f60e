package jgrad.optim;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Each optimizer runs two steps on {@code L(w) = sum(w^2) / 2} (so grad = w) from {@code w = (1, -2)};
 * the expected values are the documented update rule worked out by hand, written as arithmetic on
 * literals so that each line can be checked against the formula in the optimizer's Javadoc.
 */
class OptimizerTest {

    private static final double TOLERANCE = 1e-12;   // float64 parameters: only rounding differs

    private static double[] twoSteps(Function<List<Tensor>, Optimizer> make) {
        Tensor w = Tensor.of(new double[] {1, -2}).requiresGrad(true);
        Optimizer opt = make.apply(List.of(w));
        for (int step = 0; step < 2; step++) {
            opt.zeroGrad();
            w.mul(w).sum().div(2).backward();
            opt.step();
        }
        return w.toDoubleArray();
    }

    @Test
    void sgdPlain() {
        // p1 = 1 - 0.1*1 = 0.9;  p2 = 0.9 - 0.1*0.9 = 0.81   (and -2 -> -1.8 -> -1.62)
        assertThat(twoSteps(p -> new SGD(p, 0.1))).usingComparatorWithPrecision(TOLERANCE).containsExactly(0.81, -1.62);
    }

    @Test
    void sgdMomentumWithDampening() {
        // momentum 0.9, dampening 0.5. step 1: b = g = 1, p = 1 - 0.1 = 0.9
        // step 2: g = 0.9, b = 0.9*1 + 0.5*0.9 = 1.35, p = 0.9 - 0.135 = 0.765
        double[] w = twoSteps(p -> new SGD(p, 0.1, 0.9, 0.5, 0, false));
        assertThat(w[0]).isCloseTo(0.765, within(TOLERANCE));
        assertThat(w[1]).isCloseTo(-1.53, within(TOLERANCE));
    }

    @Test
    void sgdNesterovWithWeightDecay() {
        // wd 0.1: g = w + 0.1 w = 1.1 w. step 1: g = 1.1, b = 1.1, g' = 1.1 + 0.9*1.1 = 2.09, p = 1 - 0.209 = 0.791
        // step 2: g = 1.1*0.791 = 0.8701, b = 0.9*1.1 + 0.8701 = 1.8601, g' = 0.8701 + 0.9*1.8601 = 2.54419,
        //         p = 0.791 - 0.254419 = 0.536581
        double[] w = twoSteps(p -> new SGD(p, 0.1, 0.9, 0, 0.1, true));
        assertThat(w[0]).isCloseTo(0.536581, within(TOLERANCE));
        assertThat(w[1]).isCloseTo(-2 * 0.536581, within(TOLERANCE));   // the rule is linear in w here
    }

    @Test
    void adam() {
        // step 1: m = 0.1, v = 0.001, mHat = 1, vHat = 1, p = 1 - 0.1 * 1 / (1 + 1e-8)
        double p1 = 1 - 0.1 / (1 + 1e-8);
        // step 2: g = p1, m = 0.09 + 0.1 p1, v = 0.000999 + 0.001 p1^2, corrections 1 - 0.81 and 1 - 0.998001
        double m = 0.9 * 0.1 + 0.1 * p1, v = 0.999 * 0.001 + 0.001 * p1 * p1;
        double p2 = p1 - 0.1 * (m / 0.19) / (Math.sqrt(v / (1 - 0.998001)) + 1e-8);
        assertThat(twoSteps(p -> new Adam(p, 0.1))[0]).isCloseTo(p2, within(TOLERANCE));
        assertThat(p2).isCloseTo(0.800412, within(1e-6));   // the same number, rounded, for the reader
    }

    @Test
    void adamWDecaysTheWeightsBeforeTheAdamStep() {
        // wd 0.5, lr 0.1: p <- p - 0.05 p first, then the Adam step on the raw gradient (g = p before the decay)
        double p1 = 0.95 - 0.1 / (1 + 1e-8);
        double m = 0.09 + 0.1 * p1, v = 0.000999 + 0.001 * p1 * p1;
        double p2 = 0.95 * p1 - 0.1 * (m / 0.19) / (Math.sqrt(v / (1 - 0.998001)) + 1e-8);
        assertThat(twoSteps(p -> new AdamW(p, 0.1, 0.9, 0.999, 1e-8, 0.5, false))[0]).isCloseTo(p2, within(TOLERANCE));
    }

    @Test
    void adamWithAmsgradKeepsTheLargestSecondMoment() {
        // beta2 0.5, lr 0.9: step 1: v = 0.5, p1 = 1 - 0.9 / (1 + 1e-8) ~ 0.1.
        // step 2: v = 0.25 + 0.5 p1^2 ~ 0.255 < 0.5, so AMSGrad divides by the kept maximum 0.5 (corrected by 1 - 0.25)
        double p1 = 1 - 0.9 / (1 + 1e-8);
        double m = 0.09 + 0.1 * p1;
        double p2 = p1 - 0.9 * (m / 0.19) / (Math.sqrt(0.5 / 0.75) + 1e-8);
        assertThat(twoSteps(p -> new Adam(p, 0.9, 0.9, 0.5, 1e-8, 0, true))[0]).isCloseTo(p2, within(TOLERANCE));
        double withoutMax = p1 - 0.9 * (m / 0.19) / (Math.sqrt((0.25 + 0.5 * p1 * p1) / 0.75) + 1e-8);
        assertThat(twoSteps(p -> new Adam(p, 0.9, 0.9, 0.5, 1e-8, 0, false))[0]).isCloseTo(withoutMax, within(TOLERANCE));
    }

    @Test
    void rmsprop() {
        // alpha 0.99. step 1: v = 0.01, p = 1 - 0.01 * 1 / (0.1 + 1e-8)
        double p1 = 1 - 0.01 / (Math.sqrt(0.01) + 1e-8);
        double v2 = 0.99 * 0.01 + 0.01 * p1 * p1;
        double p2 = p1 - 0.01 * p1 / (Math.sqrt(v2) + 1e-8);
        assertThat(twoSteps(p -> new RMSprop(p, 0.01))[0]).isCloseTo(p2, within(TOLERANCE));
    }

    @Test
    void rmspropCenteredWithMomentum() {
        // step 1: v = 0.01, gAvg = 0.01, vTilde = 0.01 - 0.0001 = 0.0099, b = 1 / (sqrt(0.0099) + eps), p = 1 - 0.01 b
        double b1 = 1 / (Math.sqrt(0.0099) + 1e-8);
        double p1 = 1 - 0.01 * b1;
        double v2 = 0.99 * 0.01 + 0.01 * p1 * p1, avg2 = 0.99 * 0.01 + 0.01 * p1;
        double b2 = 0.5 * b1 + p1 / (Math.sqrt(v2 - avg2 * avg2) + 1e-8);
        double p2 = p1 - 0.01 * b2;
        assertThat(twoSteps(p -> new RMSprop(p, 0.01, 0.99, 1e-8, 0, 0.5, true))[0]).isCloseTo(p2, within(TOLERANCE));
    }

    @Test
    void adagradWithLrDecay() {
        // initial sum 0.1, lrDecay 0.5. step 1: lr 0.1, sum = 1.1, p = 1 - 0.1 / sqrt(1.1)
        double p1 = 1 - 0.1 * 1 / (Math.sqrt(1.1) + 1e-10);
        // step 2: lr = 0.1 / 1.5, sum = 1.1 + p1^2
        double p2 = p1 - (0.1 / 1.5) * p1 / (Math.sqrt(1.1 + p1 * p1) + 1e-10);
        assertThat(twoSteps(p -> new Adagrad(p, 0.1, 0.5, 0, 0.1, 1e-10))[0]).isCloseTo(p2, within(TOLERANCE));
    }

    @Test
    void float32ParametersAreUpdatedInTheirOwnDtype() {
        Tensor w = Tensor.of(new float[] {1, -2}).requiresGrad(true);
        var opt = new SGD(List.of(w), 0.5);
        w.sum().backward();
        opt.step();
        assertThat(w.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(w.toDoubleArray()).containsExactly(0.5, -2.5);
    }

    @Test
    void stateDictRoundTripsAndTheRestoredOptimizerContinuesIdentically() {
        Tensor a = Tensor.of(new double[] {1, -2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, -2}).requiresGrad(true);
        var first = new Adam(List.of(a), 0.1);
        var second = new Adam(List.of(b), 0.3);
        a.mul(a).sum().backward();
        first.step();
        second.loadStateDict(first.stateDict());
        try (var ignored = jgrad.Grad.noGrad()) {
            b.copy_(a);
        }
        assertThat(second.paramGroups().getFirst().get("lr")).isEqualTo(0.1);
        assertThat(first.stateDict().keySet()).contains("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "param_groups.0.lr");
        for (Tensor p : List.of(a, b)) {
            p.zeroGrad();
            p.mul(p).sum().backward();
        }
        first.step();
        second.step();
        assertThat(b.toDoubleArray()).containsExactly(a.toDoubleArray());
        assertThatThrownBy(() -> new Adam(List.of(Tensor.zeros(DType.FLOAT64, 3).requiresGrad(true)), 0.1).loadStateDict(first.stateDict()))
                .hasMessageContaining("state.0.exp_avg").hasMessageContaining("(2,)").hasMessageContaining("(3,)");
    }

    @Test
    void paramGroupsOverrideOptions() {
        Tensor a = Tensor.of(new double[] {1}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1}).requiresGrad(true);
        var opt = new SGD(List.of(a), 0.1);
        opt.addParamGroup(List.of(b), Map.of("lr", 0.5));
        a.add(b).sum().backward();
        opt.step();
        assertThat(a.item()).isCloseTo(0.9, within(TOLERANCE));
        assertThat(b.item()).isCloseTo(0.5, within(TOLERANCE));
        assertThatThrownBy(() -> opt.addParamGroup(List.of(a), Map.of())).hasMessageContaining("more than one group");
    }
}
