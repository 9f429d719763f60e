package jgrad;

import static jgrad.testing.Gradchecks.assertGradientsMatch;

import java.util.Random;
import jgrad.testing.RandomTensors;
import jgrad.testing.Shapes;
import jgrad.testing.Shapes.ShapePair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Gradient checks of matmul in every case of PyTorch's rules: 1-D operands, plain matrices, broadcast batches. */
class MatMulGradcheckTest {

    @Provide
    Arbitrary<ShapePair> batchPairs() {
        return Shapes.broadcastPairs(2, 1);
    }

    @Property(tries = 25)
    void dotProductOfVectorsGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 5) int k, @ForAll Random random) {
        check("matmul 1-D·1-D", random, new int[] {k}, new int[] {k});
    }

    @Property(tries = 25)
    void vectorTimesMatrixGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int k,
                                                           @ForAll @IntRange(min = 1, max = 4) int n, @ForAll Random random) {
        check("matmul 1-D·2-D", random, new int[] {k}, new int[] {k, n});
    }

    @Property(tries = 25)
    void matrixTimesVectorGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int m,
                                                           @ForAll @IntRange(min = 1, max = 4) int k, @ForAll Random random) {
        check("matmul 2-D·1-D", random, new int[] {m, k}, new int[] {k});
    }

    @Property(tries = 30)
    void matrixProductGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int m, @ForAll @IntRange(min = 1, max = 4) int k,
                                                       @ForAll @IntRange(min = 1, max = 4) int n, @ForAll Random random) {
        check("matmul 2-D·2-D", random, new int[] {m, k}, new int[] {k, n});
    }

    @Property(tries = 40)
    void batchedProductWithBroadcastBatchDimsGradientMatchesFiniteDifferences(
            @ForAll("batchPairs") ShapePair batch, @ForAll @IntRange(min = 1, max = 3) int m,
            @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int n, @ForAll Random random) {
        check("matmul batched", random, append(batch.a(), m, k), append(batch.b(), k, n));
    }

    @Property(tries = 25)
    void vectorWithBatchedMatricesGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 3) int b,
                                                                   @ForAll @IntRange(min = 1, max = 3) int k,
                                                                   @ForAll @IntRange(min = 1, max = 3) int n, @ForAll Random random) {
        if (random.nextBoolean()) {
            check("matmul batched", random, new int[] {k}, new int[] {b, k, n});
        } else {
            check("matmul batched", random, new int[] {b, n, k}, new int[] {k});
        }
    }

    @Property(tries = 30)
    void sequenceTimesWeightGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 3) int b, @ForAll @IntRange(min = 1, max = 3) int t,
                                                             @ForAll @IntRange(min = 1, max = 4) int c, @ForAll @IntRange(min = 1, max = 4) int d,
                                                             @ForAll Random random) {
        check("matmul (B,T,C)@(C,D)", random, new int[] {b, t, c}, new int[] {c, d});
    }

    @Property(tries = 20)
    void productOfTransposedViewsGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int m,
                                                                  @ForAll @IntRange(min = 1, max = 4) int k,
                                                                  @ForAll @IntRange(min = 1, max = 4) int n, @ForAll Random random) {
        // strided (non-contiguous) operands reach the kernel directly
        assertGradientsMatch("matmul 2-D·2-D", random.nextLong(), in -> in.get(0).t().matmul(in.get(1).t()),
                RandomTensors.uniform(random, new int[] {k, m}, -2, 2), RandomTensors.uniform(random, new int[] {n, k}, -2, 2));
    }

    private static void check(String family, Random random, int[] a, int[] b) {
        assertGradientsMatch(family, random.nextLong(), in -> in.get(0).matmul(in.get(1)),
                RandomTensors.uniform(random, a, -2, 2), RandomTensors.uniform(random, b, -2, 2));
    }

    private static int[] append(int[] batch, int rows, int cols) {
        int[] out = java.util.Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = rows;
        out[batch.length + 1] = cols;
        return out;
    }
}
