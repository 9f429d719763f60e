package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Gradcheck;
import jgrad.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NormalizationTest {

    @Property(tries = 20)
    void batchNormInTrainingModeGradientsMatch(@ForAll @IntRange(min = 2, max = 4) int batch,
                                               @ForAll @IntRange(min = 1, max = 3) int channels,
                                               @ForAll @IntRange(min = 2, max = 4) int rank,
                                               @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int[] shape = rank == 2 ? new int[] {batch, channels} : rank == 3 ? new int[] {batch, channels, 3}
                : new int[] {batch, channels, 2, 3};
        Tensor x = Tensor.randn(random, DType.FLOAT64, shape);
        Tensor w = Tensor.randn(random, DType.FLOAT64, channels);
        Tensor b = Tensor.randn(random, DType.FLOAT64, channels);
        Gradcheck.Result result = Gradcheck.check(
                in -> F.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, 1e-5), seed, x, w, b);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Property(tries = 10)
    void batchNormInEvalModeGradientsMatch(@ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor x = Tensor.randn(random, DType.FLOAT64, 3, 2, 2, 2);
        Tensor mean = Tensor.randn(random, DType.FLOAT64, 2);
        Tensor var = Tensor.rand(random, DType.FLOAT64, 2).add(0.5);
        Tensor w = Tensor.randn(random, DType.FLOAT64, 2);
        Gradcheck.Result result = Gradcheck.check(
                in -> F.batchNorm(in.get(0), mean, var, in.get(1), null, false, 0.1, 1e-5), seed, x, w);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Test
    void batchNormNormalisesAndUpdatesRunningStatisticsWithUnbiasedVariance() {
        // one channel, values 1, 2, 3, 6: mean 3, biased var (4 + 1 + 0 + 9) / 4 = 3.5, unbiased 14 / 3
        Tensor x = Tensor.of(new double[] {1, 2, 3, 6}, 4, 1);
        Tensor runningMean = Tensor.zeros(DType.FLOAT64, 1);
        Tensor runningVar = Tensor.ones(DType.FLOAT64, 1);
        Tensor y = F.batchNorm(x, runningMean, runningVar, null, null, true, 0.1, 0.0);
        double sd = Math.sqrt(3.5);
        assertThat(y.toDoubleArray()).usingComparatorWithPrecision(1e-12)
                .containsExactly(-2 / sd, -1 / sd, 0, 3 / sd);
        assertThat(runningMean.item()).isCloseTo(0.9 * 0 + 0.1 * 3, within(1e-12));
        assertThat(runningVar.item()).isCloseTo(0.9 * 1 + 0.1 * 14.0 / 3, within(1e-12));
        // evaluation uses the running statistics: (6 - 0.3) / sqrt(1.36667 + 0)
        Tensor z = F.batchNorm(Tensor.of(new double[] {6}, 1, 1), runningMean, runningVar, null, null, false, 0.1, 0.0);
        assertThat(z.item()).isCloseTo((6 - 0.3) / Math.sqrt(0.9 + 1.4 / 3), within(1e-12));
    }

    @Property(tries = 15)
    void layerNormGradientsMatch(@ForAll @IntRange(min = 1, max = 2) int normalizedDims, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int[] normalized = normalizedDims == 1 ? new int[] {4} : new int[] {2, 3};
        int[] shape = normalizedDims == 1 ? new int[] {2, 3, 4} : new int[] {2, 2, 3};
        Tensor x = Tensor.randn(random, DType.FLOAT64, shape);
        Tensor w = Tensor.randn(random, DType.FLOAT64, normalized);
        Tensor b = Tensor.randn(random, DType.FLOAT64, normalized);
        Gradcheck.Result result = Gradcheck.check(in -> F.layerNorm(in.get(0), normalized, in.get(1), in.get(2), 1e-5), seed, x, w, b);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Test
    void layerNormGivesZeroMeanUnitVariancePerRow() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 10, 20, 30, 40}, 2, 4);
        Tensor y = F.layerNorm(x, new int[] {4}, null, null, 0.0);
        // each row: mean 2.5 (x10 for the second), biased var 1.25 (x100): the same normalized row
        double sd = Math.sqrt(1.25);
        assertThat(y.toDoubleArray()).usingComparatorWithPrecision(1e-12).containsExactly(
                -1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd, -1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd);
    }

    @Property(tries = 15)
    void groupNormGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int groups, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int channels = groups * 2;
        Tensor x = Tensor.randn(random, DType.FLOAT64, 2, channels, 2, 2);
        Tensor w = Tensor.randn(random, DType.FLOAT64, channels);
        Tensor b = Tensor.randn(random, DType.FLOAT64, channels);
        Gradcheck.Result result = Gradcheck.check(in -> F.groupNorm(in.get(0), groups, in.get(1), in.get(2), 1e-5), seed, x, w, b);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Test
    void groupNormWithOneGroupPerChannelIsInstanceNorm() {
        Tensor x = Tensor.randn(new SplittableRandom(3), DType.FLOAT64, 2, 3, 4, 4);
        Tensor y = F.groupNorm(x, 3, null, null, 1e-5);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                Tensor plane = y.select(0, n).select(0, c);
                assertThat(plane.mean().item()).as("mean of plane (%d, %d)", n, c).isCloseTo(0, within(1e-12));
                assertThat(plane.var(false).item()).as("variance of plane (%d, %d)", n, c).isCloseTo(1, within(1e-4));
            }
        }
    }

    @Property(tries = 15)
    void dropoutWithAFixedMaskGradientsMatch(@ForAll long seed) {
        Tensor x = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, 3, 5);
        // the same seed inside f gives the same mask on every evaluation, so the function is deterministic
        Gradcheck.Result result = Gradcheck.check(in -> F.dropout(in.get(0), 0.4, true, new SplittableRandom(seed)), seed, x);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Test
    void dropoutZeroesAboutPAndScalesTheRest() {
        Tensor y = F.dropout(Tensor.ones(DType.FLOAT64, 100_000), 0.3, true, new SplittableRandom(7));
        double[] values = y.toDoubleArray();
        long zeros = java.util.Arrays.stream(values).filter(v -> v == 0).count();
        // binomial(1e5, 0.3): sd = sqrt(1e5 * 0.21) ~ 145, so +-1000 is ~7 sd
        assertThat(zeros).isBetween(29_000L, 31_000L);
        assertThat(java.util.Arrays.stream(values).filter(v -> v != 0)).allSatisfy(v -> assertThat(v).isCloseTo(1 / 0.7, within(1e-12)));
        Tensor x = Tensor.ones(DType.FLOAT64, 4);
        assertThat(F.dropout(x, 0.3, false)).isSameAs(x);
    }

    @Property(tries = 10)
    void embeddingGradientsMatch(@ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor weight = Tensor.randn(random, DType.FLOAT64, 5, 3);
        Tensor index = Tensor.of(new long[] {0, 4, 4, 2, 1, 0}, 2, 3);
        Gradcheck.Result result = Gradcheck.check(in -> F.embedding(index, in.get(0)), seed, weight);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Test
    void embeddingPaddingRowGetsNoGradient() {
        Tensor weight = Tensor.randn(DType.FLOAT64, 4, 2).requiresGrad(true);
        Tensor index = Tensor.of(new long[] {1, 0, 1, 3});
        Tensor y = F.embedding(index, weight, 1);
        assertThat(y.shape()).containsExactly(4, 2);
        assertThat(y.select(0, 0).toDoubleArray()).containsExactly(weight.select(0, 1).toDoubleArray());
        y.sum().backward();
        // rows 0 and 3 are read once each; padding row 1 (read twice) gets nothing; row 2 is never read
        assertThat(weight.grad().toDoubleArray()).containsExactly(1, 1, 0, 0, 0, 0, 1, 1);
    }
}
