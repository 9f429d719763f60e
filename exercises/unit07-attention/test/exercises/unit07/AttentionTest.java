package exercises.unit07;

import static exercises.unit07.Check.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import java.util.SplittableRandom;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of tasks 1 and 2. The reference is jgrad's attention on float64 tensors:
 * {@code F.scaledDotProductAttention} for the output, {@code Attention.scaledDotProduct} for the
 * weights, and autograd through it for the gradients, with and without the causal mask, for random
 * query length L, key length S and widths.
 */
class AttentionTest {

    @Test
    @Tag("task1")
    void twoKeysWithEqualScoresShareTheWeightEvenly() {
        // q . k_j = 0 for both keys, so the weights are 1/2 each and the output is the mean of the values.
        var result = Attention.forward(new double[][] {{1, 0}}, new double[][] {{0, 1}, {0, -1}}, new double[][] {{2}, {4}}, false);
        assertNotNull(result, "forward returned null");
        assertClose("A for q = [[1, 0]], k = [[0, 1], [0, -1]]", new double[][] {{0.5, 0.5}}, result.weights());
        assertClose("Y for v = [[2], [4]]", new double[][] {{3}}, result.output());
    }

    @Test
    @Tag("task1")
    void forwardMatchesJgradWithAndWithoutTheCausalMask() {
        var random = new Random(71);
        for (int trial = 0; trial < 20; trial++) {
            boolean causal = trial % 2 == 0;
            int queries = 1 + random.nextInt(6), keys = 1 + random.nextInt(6), width = 1 + random.nextInt(5), valueWidth = 1 + random.nextInt(4);
            double[][] q = Check.matrix(random, queries, width, 1.5), k = Check.matrix(random, keys, width, 1.5);
            double[][] v = Check.matrix(random, keys, valueWidth, 1);
            Tensor output = F.scaledDotProductAttention(Tensor.of(q), Tensor.of(k), Tensor.of(v), null, 0.0, causal);
            Tensor weights = jgrad.nn.functional.Attention.scaledDotProduct(Tensor.of(q), Tensor.of(k), Tensor.of(v), null, 0.0,
                    causal, Double.NaN, new SplittableRandom(0)).weights();

            var result = Attention.forward(q, k, v, causal);
            assertNotNull(result, "forward returned null");
            String input = " (causal " + causal + ") for q " + Check.show(q) + ", k " + Check.show(k) + ", v " + Check.show(v);
            assertClose("weights A" + input, Check.matrix(weights), result.weights());
            assertClose("output Y" + input, Check.matrix(output), result.output());
        }
    }

    @Test
    @Tag("task1")
    void causalWeightsAreExactlyZeroAboveTheDiagonal() {
        var random = new Random(72);
        double[][] x = Check.matrix(random, 5, 3, 1);
        var result = Attention.forward(x, x, x, true);
        assertNotNull(result, "forward returned null");
        for (int i = 0; i < 5; i++) {
            for (int j = i + 1; j < 5; j++) {
                assertEquals(0.0, result.weights()[i][j], "causal A[" + i + "][" + j + "]: query " + i + " may not see key " + j);
            }
        }
    }

    @Test
    @Tag("task2")
    void backwardMatchesAutogradWithAndWithoutTheCausalMask() {
        var random = new Random(73);
        for (int trial = 0; trial < 20; trial++) {
            boolean causal = trial % 2 == 1;
            int queries = 1 + random.nextInt(6), keys = 1 + random.nextInt(6), width = 1 + random.nextInt(5), valueWidth = 1 + random.nextInt(4);
            double[][] q = Check.matrix(random, queries, width, 1.5), k = Check.matrix(random, keys, width, 1.5);
            double[][] v = Check.matrix(random, keys, valueWidth, 1), gradOutput = Check.matrix(random, queries, valueWidth, 1);
            Tensor qt = Tensor.of(q).requiresGrad(true), kt = Tensor.of(k).requiresGrad(true), vt = Tensor.of(v).requiresGrad(true);
            var reference = jgrad.nn.functional.Attention.scaledDotProduct(qt, kt, vt, null, 0.0, causal, Double.NaN,
                    new SplittableRandom(0));
            reference.output().backward(Tensor.of(gradOutput));

            var grads = Attention.backward(q, k, v, Check.matrix(reference.weights().detach()), gradOutput);
            assertNotNull(grads, "backward returned null");
            String input = " (causal " + causal + ") for q " + Check.show(q) + ", k " + Check.show(k) + ", v " + Check.show(v)
                    + ", dY " + Check.show(gradOutput);
            assertClose("dV" + input, Check.matrix(vt.grad()), grads.valueGrad());
            assertClose("dQ" + input, Check.matrix(qt.grad()), grads.queryGrad());
            assertClose("dK" + input, Check.matrix(kt.grad()), grads.keyGrad());
        }
    }
}
