package jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import jgrad.testing.RandomTensors;
import org.junit.jupiter.api.Test;

/** Forward values of reductions, softmax and logSoftmax against hand-computed results. */
class ReductionForwardTest {

    /** A few roundings of values of order 1..1000. */
    private static final double ROUNDING = 1e-12;

    private final Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void sumOverAllAndOverEachDim() {
        assertThat(x.sum().item()).isEqualTo(21);
        assertThat(x.sum().shape()).isEmpty();
        assertThat(x.sum(0).toDoubleArray()).containsExactly(5, 7, 9);
        assertThat(x.sum(-1).toDoubleArray()).containsExactly(6, 15);
        assertThat(x.sum(1, true).shape()).isEqualTo(new int[] {2, 1});
        assertThat(x.sum(new int[] {0, 1}, true).shape()).isEqualTo(new int[] {1, 1});
    }

    @Test
    void anEmptyDimListReducesOverAllDimsLikePyTorch() {
        // torch.sum(x, dim=[]) sums everything; Reductions.Plan documents the same
        assertThat(x.sum(new int[0], false).shape()).isEmpty();
        assertThat(x.sum(new int[0], false).item()).isEqualTo(21);
        assertThat(x.sum(new int[0], true).shape()).isEqualTo(new int[] {1, 1});
        assertThat(x.mean(new int[0], false).item()).isEqualTo(3.5);
    }

    @Test
    void meanDividesByTheReducedCount() {
        assertThat(x.mean().item()).isEqualTo(3.5);
        assertThat(x.mean(0).toDoubleArray()).containsExactly(2.5, 3.5, 4.5);
        assertThat(x.mean(1, true).toDoubleArray()).containsExactly(2, 5);
    }

    @Test
    void maxAndMinReturnValuesAndIndices() {
        Tensor y = Tensor.of(new double[][] {{3, 9, 1}, {7, -2, 7}});
        ValuesIndices max = y.max(1, false);
        assertThat(max.values().toDoubleArray()).containsExactly(9, 7);
        assertThat(max.indices().dtype()).isEqualTo(DType.INT64);
        assertThat(max.indices().toLongArray()).as("argmax per row; the first of tied 7s wins").containsExactly(1, 0);
        ValuesIndices min = y.min(0, true);
        assertThat(min.values().shape()).isEqualTo(new int[] {1, 3});
        assertThat(min.values().toDoubleArray()).containsExactly(3, -2, 1);
        assertThat(min.indices().toLongArray()).containsExactly(0, 1, 0);
        assertThat(y.max().item()).isEqualTo(9);
        assertThat(y.argmax().item()).isEqualTo(1);
        assertThat(y.argmin().item()).isEqualTo(4);
    }

    @Test
    void varIsUnbiasedWithBesselsCorrectionAndBiasedWithout() {
        Tensor v = Tensor.of(new double[] {1, 2, 3, 4});
        // mean 2.5, squared deviations sum to 5: unbiased 5/3, biased 5/4
        assertThat(v.var(true).item()).isCloseTo(5.0 / 3, within(ROUNDING));
        assertThat(v.var(false).item()).isEqualTo(1.25);
        assertThat(v.std(false).item()).isCloseTo(Math.sqrt(1.25), within(ROUNDING));
        assertThat(x.var(new int[] {1}, true, false).toDoubleArray()).containsExactly(1, 1);
    }

    @Test
    void logsumexpIsStableForLargeInputs() {
        // exp(1000) overflows a double; the max-shift keeps the result finite and exact to rounding
        assertThat(Tensor.of(new double[] {1000, 1000}).logsumexp(0, false).item())
                .isCloseTo(1000 + Math.log(2), within(ROUNDING));
        assertThat(Tensor.of(new double[] {1000, 0}).logsumexp(0, false).item()).isCloseTo(1000, within(ROUNDING));
        assertThat(Tensor.of(new double[] {-1000, -1000}).logsumexp(0, false).item())
                .isCloseTo(-1000 + Math.log(2), within(ROUNDING));
        assertThat(x.logsumexp(1, true).shape()).isEqualTo(new int[] {2, 1});
    }

    @Test
    void softmaxOfHandPickedLogitsAndOfHugeOnes() {
        Tensor p = Tensor.of(new double[] {0, Math.log(3)}).softmax(0);
        assertThat(p.toDoubleArray()).containsExactly(new double[] {0.25, 0.75}, within(ROUNDING));
        assertThat(Tensor.of(new double[] {1000, 1000}).softmax(-1).toDoubleArray()).containsExactly(0.5, 0.5);
        Tensor logP = Tensor.of(new double[] {0, Math.log(3)}).logSoftmax(0);
        assertThat(logP.toDoubleArray()).containsExactly(new double[] {Math.log(0.25), Math.log(0.75)}, within(ROUNDING));
    }

    @Test
    void softmaxRowsSumToOneAlongEveryDim() {
        Tensor logits = RandomTensors.uniform(new Random(7), new int[] {2, 3, 4}, -5, 5);
        for (int dim = -3; dim < 3; dim++) {
            double[] sums = logits.softmax(dim).sum(dim).toDoubleArray();
            for (double s : sums) {
                assertThat(s).as("softmax(%d) summed over dim %d: %s", dim, dim, Arrays.toString(sums))
                        .isCloseTo(1.0, within(ROUNDING));
            }
        }
    }
}
