package jgrad.rl.policy;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.testing.Gradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DistributionsTest {
    @Test
    void categoricalLogProbAndEntropyByHand() {
        // logits (0, ln 3): probabilities (1/4, 3/4); entropy = -(1/4 ln 1/4 + 3/4 ln 3/4)
        var dist = new Categorical(Tensor.of(new double[][] {{0, Math.log(3)}, {0, 0}}));
        Tensor logp = dist.logProb(Tensor.of(new long[] {1, 0}, 2));
        assertThat(logp.toDoubleArray()).containsExactly(new double[] {Math.log(0.75), Math.log(0.5)}, within(1e-12));
        double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertThat(dist.entropy().toDoubleArray()).containsExactly(new double[] {h, Math.log(2)}, within(1e-12));
        assertThat(dist.mode()[0][0]).isEqualTo(1.0);
    }

    @Test
    void categoricalSamplesFollowTheProbabilities() {
        var dist = new Categorical(Tensor.of(new double[][] {{0, Math.log(3)}}));
        var random = new SplittableRandom(5);
        int ones = 0, n = 20000;
        for (int i = 0; i < n; i++) ones += (int) dist.sample(random)[0][0];
        // 3/4 expected; the standard error is sqrt(0.75 * 0.25 / 20000) = 0.003, so 0.015 is five of them
        assertThat(ones / (double) n).isCloseTo(0.75, within(0.015));
    }

    @Test
    void gaussianLogProbAndEntropyByHand() {
        // mu = (1, -1), log sigma = (0, ln 2), a = (2, 1): z = (1, 1);
        // log p = -1/2 - 0 - ln(2pi)/2  +  -1/2 - ln 2 - ln(2pi)/2;  H = 2 (1/2 + ln(2pi)/2) + ln 2
        var dist = new DiagGaussian(Tensor.of(new double[][] {{1, -1}}), Tensor.of(new double[] {0, Math.log(2)}));
        double logp = -1 - Math.log(2) - Math.log(2 * Math.PI);
        assertThat(dist.logProb(Tensor.of(new double[][] {{2, 1}})).item()).isCloseTo(logp, within(1e-12));
        assertThat(dist.entropy().item()).isCloseTo(1 + Math.log(2 * Math.PI) + Math.log(2), within(1e-12));
    }

    @Property(tries = 15)
    void gaussianLogProbGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int batch,
                                                        @ForAll @IntRange(min = 1, max = 3) int dims,
                                                        @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor mean = Tensor.randn(random, DType.FLOAT64, batch, dims);
        Tensor logStd = Tensor.randn(random, DType.FLOAT64, dims).mul(0.5);
        Tensor actions = Tensor.randn(random, DType.FLOAT64, batch, dims);
        Gradchecks.assertGradientsMatch("diagGaussianLogProb", seed,
                in -> new DiagGaussian(in.get(0), in.get(1)).logProb(in.get(2)), mean, logStd, actions);
        // The entropy depends on logStd only: mean is no input of it (it would get no gradient).
        Gradchecks.assertGradientsMatch("diagGaussianEntropy", seed,
                in -> new DiagGaussian(mean, in.get(0)).entropy(), logStd);
    }

    @Property(tries = 15)
    void categoricalLogProbAndEntropyGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int batch,
                                                                     @ForAll @IntRange(min = 2, max = 5) int actions,
                                                                     @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor logits = Tensor.randn(random, DType.FLOAT64, batch, actions);
        long[] chosen = new long[batch];
        for (int b = 0; b < batch; b++) chosen[b] = random.nextInt(actions);
        Tensor index = Tensor.of(chosen, batch);
        Gradchecks.assertGradientsMatch("categoricalLogProb", seed, in -> new Categorical(in.get(0)).logProb(index), logits);
        Gradchecks.assertGradientsMatch("categoricalEntropy", seed, in -> new Categorical(in.get(0)).entropy(), logits);
    }
}
