package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Gradcheck;
import jgrad.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LossesTest {

    private static void assertGradcheck(Function<List<Tensor>, Tensor> f, long seed, Tensor... inputs) {
        Gradcheck.Result result = Gradcheck.check(f, seed, inputs);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    /** Class indices in [0, classes), with about a quarter set to ignoreIndex when {@code withIgnored}. */
    private static Tensor labels(SplittableRandom random, int classes, boolean withIgnored, int... shape) {
        long[] values = new long[jgrad.Shape.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = withIgnored && i > 0 && random.nextInt(4) == 0 ? -100 : random.nextInt(classes);
        }
        return Tensor.of(values, shape);
    }

    // ---------------------------------------------------------------------------------------------
    // Gradient checks
    // ---------------------------------------------------------------------------------------------

    @Property(tries = 25)
    void crossEntropyWithIndicesGradientsMatch(@ForAll @IntRange(min = 1, max = 4) int batch,
                                               @ForAll @IntRange(min = 2, max = 5) int classes,
                                               @ForAll boolean spatial,
                                               @ForAll boolean weighted,
                                               @ForAll boolean withIgnored,
                                               @ForAll @IntRange(min = 0, max = 2) int reductionIndex,
                                               @ForAll @IntRange(min = 0, max = 2) int smoothingTenths,
                                               @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int[] inputShape = spatial ? new int[] {batch, classes, 2} : new int[] {batch, classes};
        int[] targetShape = spatial ? new int[] {batch, 2} : new int[] {batch};
        Tensor logits = Tensor.randn(random, DType.FLOAT64, inputShape);
        Tensor target = labels(random, classes, withIgnored, targetShape);
        Tensor weight = weighted ? Tensor.rand(random, DType.FLOAT64, classes).add(0.5) : null;
        Reduction reduction = Reduction.values()[reductionIndex];
        double smoothing = smoothingTenths / 10.0;
        assertGradcheck(in -> F.crossEntropy(in.get(0), target, weight, -100, reduction, smoothing), seed, logits);
    }

    @Property(tries = 15)
    void nllLossGradientsMatch(@ForAll @IntRange(min = 1, max = 4) int batch,
                               @ForAll @IntRange(min = 2, max = 5) int classes,
                               @ForAll boolean weighted,
                               @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor logProbabilities = Tensor.randn(random, DType.FLOAT64, batch, classes).logSoftmax(1);
        Tensor target = labels(random, classes, true, batch);
        Tensor weight = weighted ? Tensor.rand(random, DType.FLOAT64, classes).add(0.5) : null;
        assertGradcheck(in -> F.nllLoss(in.get(0), target, weight, -100, Reduction.MEAN), seed, logProbabilities);
    }

    @Property(tries = 15)
    void crossEntropyWithProbabilitiesGradientsMatch(@ForAll @IntRange(min = 1, max = 4) int batch,
                                                     @ForAll @IntRange(min = 2, max = 5) int classes,
                                                     @ForAll boolean smoothing,
                                                     @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor logits = Tensor.randn(random, DType.FLOAT64, batch, classes);
        Tensor target = Tensor.randn(random, DType.FLOAT64, batch, classes).softmax(1);
        // the target is differentiable too (soft-label distillation)
        assertGradcheck(in -> F.crossEntropy(in.get(0), in.get(1), null, -100, Reduction.MEAN, smoothing ? 0.1 : 0),
                seed, logits, target);
    }

    @Property(tries = 15)
    void regressionLossesGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int rows,
                                        @ForAll @IntRange(min = 1, max = 4) int cols,
                                        @ForAll @IntRange(min = 0, max = 2) int reductionIndex,
                                        @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor input = Tensor.randn(random, DType.FLOAT64, rows, cols);
        Tensor target = Tensor.randn(random, DType.FLOAT64, rows, cols);   // |input - target| > 0 almost surely: off the kink
        Reduction reduction = Reduction.values()[reductionIndex];
        assertGradcheck(in -> F.mseLoss(in.get(0), in.get(1), reduction), seed, input, target);
        assertGradcheck(in -> F.l1Loss(in.get(0), in.get(1), reduction), seed, input, target);
    }

    @Property(tries = 15)
    void binaryLossesGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int rows,
                                    @ForAll @IntRange(min = 1, max = 4) int cols,
                                    @ForAll boolean weighted,
                                    @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor probabilities = Tensor.rand(random, DType.FLOAT64, rows, cols).mul(0.9).add(0.05);
        Tensor logits = Tensor.randn(random, DType.FLOAT64, rows, cols).mul(3);
        Tensor target = Tensor.rand(random, DType.FLOAT64, rows, cols);
        Tensor weight = weighted ? Tensor.rand(random, DType.FLOAT64, rows, cols) : null;
        Tensor posWeight = weighted ? Tensor.rand(random, DType.FLOAT64, cols).add(0.5) : null;
        assertGradcheck(in -> F.binaryCrossEntropy(in.get(0), in.get(1), weight, Reduction.MEAN), seed, probabilities, target);
        assertGradcheck(in -> F.binaryCrossEntropyWithLogits(in.get(0), in.get(1), weight, posWeight, Reduction.SUM),
                seed, logits, target);
    }

    @Property(tries = 15)
    void klDivGradientsMatch(@ForAll @IntRange(min = 1, max = 3) int batch,
                             @ForAll @IntRange(min = 2, max = 4) int classes,
                             @ForAll boolean logTarget,
                             @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor logQ = Tensor.randn(random, DType.FLOAT64, batch, classes).logSoftmax(1);
        Tensor p = Tensor.randn(random, DType.FLOAT64, batch, classes).softmax(1);
        Tensor target = logTarget ? p.log() : p;
        assertGradcheck(in -> F.klDiv(in.get(0), in.get(1), Reduction.BATCHMEAN, logTarget), seed, logQ, target);
    }

    @Property(tries = 10)
    void softplusGradientsMatch(@ForAll long seed) {
        Tensor x = Tensor.randn(new SplittableRandom(seed), DType.FLOAT64, 3, 4).mul(5);
        assertGradcheck(in -> F.softplus(in.get(0), 2.0, 20.0), seed, x);
    }

    // ---------------------------------------------------------------------------------------------
    // Values by hand
    // ---------------------------------------------------------------------------------------------

    private static double logSumExp(double... values) {
        double total = 0;
        for (double v : values) total += Math.exp(v);
        return Math.log(total);
    }

    @Test
    void crossEntropyIsMinusLogSoftmaxAtTheTarget() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {1, 0, -1}});
        Tensor target = Tensor.of(new long[] {2, 0});
        double first = logSumExp(1, 2, 3) - 3;
        double second = logSumExp(1, 0, -1) - 1;
        assertThat(F.crossEntropy(logits, target).item()).isCloseTo((first + second) / 2, within(1e-12));
        assertThat(F.crossEntropy(logits, target, Reduction.SUM).item()).isCloseTo(first + second, within(1e-12));
        assertThat(F.crossEntropy(logits, target, Reduction.NONE).toDoubleArray())
                .usingComparatorWithPrecision(1e-12).containsExactly(first, second);
        assertThat(F.nllLoss(logits.logSoftmax(1), target).item()).isCloseTo((first + second) / 2, within(1e-12));
    }

    @Test
    void ignoredTargetsDropOutOfTheMean() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {1, 0, -1}, {0, 0, 5}});
        Tensor target = Tensor.of(new long[] {2, -100, 2});
        double expected = ((logSumExp(1, 2, 3) - 3) + (logSumExp(0, 0, 5) - 5)) / 2;   // mean over the 2 counted rows
        assertThat(F.crossEntropy(logits, target).item()).isCloseTo(expected, within(1e-12));
        assertThat(F.crossEntropy(logits, target, Reduction.NONE).get(1)).isEqualTo(0.0);
    }

    @Test
    void classWeightsGiveAWeightedMean() {
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {1, 0, -1}});
        Tensor target = Tensor.of(new long[] {2, 0});
        Tensor weight = Tensor.of(new double[] {3, 1, 0.5});
        double first = logSumExp(1, 2, 3) - 3, second = logSumExp(1, 0, -1) - 1;
        double expected = (0.5 * first + 3 * second) / (0.5 + 3);
        assertThat(F.crossEntropy(logits, target, weight, -100, Reduction.MEAN, 0).item()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void labelSmoothingMixesInTheUniformDistribution() {
        // s = 0.3, C = 3: loss = (1 - s) nll + (s / C) sum_c -logp_c, per row, then the mean
        Tensor logits = Tensor.of(new double[][] {{1, 2, 3}, {1, 0, -1}});
        Tensor target = Tensor.of(new long[] {2, 0});
        double[][] rows = {{1, 2, 3}, {1, 0, -1}};
        int[] labels = {2, 0};
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            double lse = logSumExp(rows[r]);
            double uniform = 0;
            for (double v : rows[r]) uniform += lse - v;
            expected += (0.7 * (lse - rows[r][labels[r]]) + 0.1 * uniform) / 2;
        }
        assertThat(F.crossEntropy(logits, target, null, -100, Reduction.MEAN, 0.3).item()).isCloseTo(expected, within(1e-12));
        // the same as probability targets smoothed by hand: one-hot * 0.7 + 0.1
        Tensor smoothed = Tensor.of(new double[][] {{0.1, 0.1, 0.8}, {0.8, 0.1, 0.1}});
        assertThat(F.crossEntropy(logits, smoothed).item()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void spatialTargetsAreTheSameAsFlattenedRows() {
        var random = new SplittableRandom(5);
        Tensor logits = Tensor.randn(random, DType.FLOAT64, 2, 3, 4);              // (N, C, L)
        Tensor target = labels(random, 3, false, 2, 4);
        Tensor rows = logits.permute(0, 2, 1).reshape(8, 3);
        assertThat(F.crossEntropy(logits, target).item())
                .isCloseTo(F.crossEntropy(rows, target.reshape(8)).item(), within(1e-12));
    }

    @Test
    void outOfRangeTargetsAreExplained() {
        assertThatThrownBy(() -> F.crossEntropy(Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.of(new long[] {0, 3})))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("target 3").hasMessageContaining("3 classes");
        assertThatThrownBy(() -> F.crossEntropy(Tensor.zeros(DType.FLOAT64, 2, 3), Tensor.of(new long[] {0, 1, 2})))
                .hasMessageContaining("needs a target of shape (2,)");
        assertThatThrownBy(() -> F.mseLoss(Tensor.zeros(DType.FLOAT64, 4, 1), Tensor.zeros(DType.FLOAT64, 4)))
                .hasMessageContaining("(4, 1)").hasMessageContaining("(4,)");
    }

    @Test
    void regressionLossesByHand() {
        Tensor input = Tensor.of(new double[] {1, 2, 3});
        Tensor target = Tensor.of(new double[] {2, 2, 5});
        assertThat(F.mseLoss(input, target).item()).isCloseTo((1 + 0 + 4) / 3.0, within(1e-12));
        assertThat(F.l1Loss(input, target, Reduction.SUM).item()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void binaryCrossEntropyByHandAndStableForHugeLogits() {
        Tensor p = Tensor.of(new double[] {0.9, 0.2});
        Tensor y = Tensor.of(new double[] {1, 0});
        double expected = -(Math.log(0.9) + Math.log(0.8)) / 2;
        assertThat(F.binaryCrossEntropy(p, y).item()).isCloseTo(expected, within(1e-12));
        // probability 0 for a positive target: log clamped at -100, not infinity
        assertThat(F.binaryCrossEntropy(Tensor.of(new double[] {0}), Tensor.of(new double[] {1})).item()).isEqualTo(100.0);
        // logits version agrees with sigmoid + BCE, and stays finite where sigmoid saturates
        Tensor logits = Tensor.of(new double[] {2.1972245773362196, -1.3862943611198906});   // logit(0.9), logit(0.2)
        assertThat(F.binaryCrossEntropyWithLogits(logits, y).item()).isCloseTo(expected, within(1e-12));
        Tensor huge = Tensor.of(new double[] {1000, -1000});
        assertThat(F.binaryCrossEntropyWithLogits(huge, Tensor.of(new double[] {0, 1}), null, null, Reduction.NONE).toDoubleArray())
                .containsExactly(1000, 1000);
        // pos_weight 3 on the positive class triples its log term: -3 log sigmoid(0) = 3 log 2
        assertThat(F.binaryCrossEntropyWithLogits(Tensor.of(new double[] {0}), Tensor.of(new double[] {1}), null,
                Tensor.of(new double[] {3}), Reduction.MEAN).item()).isCloseTo(3 * Math.log(2), within(1e-12));
    }

    @Test
    void binaryCrossEntropyWithLogitsHasTheRightSlopeAtZero() {
        // d/dx [softplus(-x)] at 0 is -sigmoid(0) = -1/2: a composed relu/abs version would give 0 here
        Tensor x = Tensor.of(new double[] {0}).requiresGrad(true);
        F.binaryCrossEntropyWithLogits(x, Tensor.of(new double[] {1})).backward();
        assertThat(x.grad().item()).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void klDivByHand() {
        // p = (0.5, 0.5, 0), q = (0.25, 0.25, 0.5): KL = 0.5 log 2 + 0.5 log 2 + 0 = log 2
        Tensor p = Tensor.of(new double[] {0.5, 0.5, 0}, 1, 3);
        Tensor logQ = Tensor.of(new double[] {0.25, 0.25, 0.5}, 1, 3).log();
        assertThat(F.klDiv(logQ, p, Reduction.BATCHMEAN, false).item()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(F.klDiv(logQ, p).item()).isCloseTo(Math.log(2) / 3, within(1e-12));   // MEAN: over all 3 elements
        // log targets: p' = (0.5, 0.25, 0.25) gives 0.5 log 2 + 0 + 0.25 log 0.5 = 0.25 log 2
        Tensor logP = Tensor.of(new double[] {0.5, 0.25, 0.25}, 1, 3).log();
        assertThat(F.klDiv(logQ, logP, Reduction.SUM, true).item()).isCloseTo(0.25 * Math.log(2), within(1e-12));
    }

    @Test
    void softplusMatchesItsDefinitionAndIsLinearPastTheThreshold() {
        Tensor x = Tensor.of(new double[] {-30, -1, 0, 2, 25});
        double[] y = F.softplus(x).toDoubleArray();
        assertThat(y[0]).isCloseTo(Math.exp(-30), within(1e-20));
        assertThat(y[1]).isCloseTo(Math.log(1 + Math.exp(-1)), within(1e-15));
        assertThat(y[2]).isCloseTo(Math.log(2), within(1e-15));
        assertThat(y[3]).isCloseTo(Math.log(1 + Math.exp(2)), within(1e-14));
        assertThat(y[4]).isEqualTo(25.0);
    }
}
