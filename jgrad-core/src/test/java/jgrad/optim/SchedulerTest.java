package jgrad.optim;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SchedulerTest {

    private static SGD sgd(double lr, double momentum) {
        return new SGD(List.of(Tensor.zeros(DType.FLOAT64, 1).requiresGrad(true)), lr, momentum);
    }

    /** The lr at construction and after each of {@code steps} steps. */
    private static double[] lrs(Optimizer opt, LRScheduler scheduler, int steps) {
        double[] out = new double[steps + 1];
        out[0] = opt.paramGroups().getFirst().get("lr");
        for (int i = 1; i <= steps; i++) {
            scheduler.step();
            out[i] = opt.paramGroups().getFirst().get("lr");
        }
        return out;
    }

    @Test
    void stepLrDecaysEveryStepSize() {
        var opt = sgd(1.0, 0);
        assertThat(lrs(opt, new StepLR(opt, 2, 0.5), 5)).usingComparatorWithPrecision(1e-12)
                .containsExactly(1.0, 1.0, 0.5, 0.5, 0.25, 0.25);
    }

    @Test
    void cosineAnnealingFollowsHalfACosine() {
        var opt = sgd(1.0, 0);
        // etaMin 0.2: 0.2 + 0.8 (1 + cos(pi t / 4)) / 2 for t = 0..4
        double c = Math.cos(Math.PI / 4);
        assertThat(lrs(opt, new CosineAnnealingLR(opt, 4, 0.2), 4)).usingComparatorWithPrecision(1e-12)
                .containsExactly(1.0, 0.2 + 0.4 * (1 + c), 0.6, 0.2 + 0.4 * (1 - c), 0.2);
    }

    @Test
    void linearWarmupRampsThenHolds() {
        var opt = sgd(0.3, 0);
        assertThat(lrs(opt, new LinearLR(opt, 1.0 / 3, 1.0, 2), 3)).usingComparatorWithPrecision(1e-12)
                .containsExactly(0.1, 0.2, 0.3, 0.3);
    }

    @Test
    void oneCycleRisesToMaxLrThenAnnealsAndCyclesMomentum() {
        var opt = sgd(0.0, 0.9);
        // totalSteps 10, pctStart 0.3: peak at step 2 (0.3 * 10 - 1), end at step 9
        var scheduler = new OneCycleLR(opt, 1.0, 10);
        double[] lr = lrs(opt, scheduler, 9);
        assertThat(lr[0]).isCloseTo(1.0 / 25, within(1e-12));
        assertThat(lr[1]).isCloseTo(1.0 + (0.04 - 1.0) * (1 + Math.cos(Math.PI / 2)) / 2, within(1e-12));
        assertThat(lr[2]).isCloseTo(1.0, within(1e-12));
        assertThat(lr[9]).isCloseTo(0.04 / 1e4, within(1e-15));
        assertThat(opt.paramGroups().getFirst().get("momentum")).isCloseTo(0.95, within(1e-12));   // back to max at the end
        scheduler.step();
        assertThatThrownBy(scheduler::step).hasMessageContaining("past totalSteps 10");
    }

    @Test
    void clipGradNormScalesToTheLimitAndReportsTheNorm() {
        Tensor a = Tensor.of(new double[] {3}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {4}).requiresGrad(true);
        a.mul(a.detach()).add(b.mul(b.detach())).sum().backward();   // grads 3 and 4: norm 5
        double norm = ClipGrad.clipGradNorm(List.of(a, b), 1.0);
        assertThat(norm).isCloseTo(5.0, within(1e-12));
        assertThat(a.grad().item()).isCloseTo(3 / (5 + 1e-6), within(1e-12));
        assertThat(b.grad().item()).isCloseTo(4 / (5 + 1e-6), within(1e-12));
        ClipGrad.clipGradValue(List.of(a, b), 0.7);
        assertThat(b.grad().item()).isEqualTo(0.7);
        assertThat(ClipGrad.clipGradNorm(List.of(a, b), 100, Double.POSITIVE_INFINITY)).isCloseTo(0.7, within(1e-12));
    }
}
