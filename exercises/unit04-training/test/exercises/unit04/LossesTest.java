package exercises.unit04;

import static exercises.unit04.Check.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.nn.functional.Reduction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Graded tests of task 3. The reference is {@code F.crossEntropy} on float64 tensors and its autograd gradient. */
class LossesTest {

    @Test
    @Tag("task3")
    void crossEntropyOnAHandExample() {
        // softmax([0, 0]) = [1/2, 1/2]; target 1; loss = log 2, gradient = [1/2, -1/2].
        var result = Losses.crossEntropy(new double[][] {{0, 0}}, new int[] {1}, 0);
        assertNotNull(result, "crossEntropy returned null");
        assertClose("loss of logits [[0, 0]], target [1]", Math.log(2), result.loss());
        assertClose("gradient of logits [[0, 0]], target [1]", new double[][] {{0.5, -0.5}}, result.gradient());
    }

    @Test
    @Tag("task3")
    void crossEntropyMatchesJgradWithAndWithoutLabelSmoothing() {
        var random = new Random(44);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + random.nextInt(6), classes = 2 + random.nextInt(5);
            double smoothing = trial % 2 == 0 ? 0 : 0.1 * (1 + random.nextInt(3));
            double[][] logits = Check.matrix(random, n, classes, 3);
            int[] targets = random.ints(n, 0, classes).toArray();
            checkAgainstJgrad(logits, targets, smoothing);
        }
    }

    @Test
    @Tag("task3")
    void crossEntropyIsFiniteAndCorrectForHugeLogits() {
        // exp(1000) overflows a double: only the log-sum-exp form gets these right.
        double[][] logits = {{1000, 0, -1000}, {1000, 999, 998}, {-1000, -1000, -999}};
        var result = checkAgainstJgrad(logits, new int[] {1, 0, 2}, 0);
        assertTrue(Double.isFinite(result.loss()), "loss of logits " + Arrays.deepToString(logits) + " is " + result.loss());
    }

    private static Results.LossAndGradient checkAgainstJgrad(double[][] logits, int[] targets, double smoothing) {
        Tensor z = Tensor.of(logits).requiresGrad(true);
        long[] labels = Arrays.stream(targets).asLongStream().toArray();
        Tensor loss = F.crossEntropy(z, Tensor.of(labels), null, F.DEFAULT_IGNORE_INDEX, Reduction.MEAN, smoothing);
        loss.backward();

        var result = Losses.crossEntropy(logits, targets, smoothing);
        assertNotNull(result, "crossEntropy returned null");
        String input = " of logits " + Check.show(logits) + ", targets " + Arrays.toString(targets) + ", smoothing " + smoothing;
        assertClose("loss" + input, loss.item(), result.loss());
        assertClose("gradient" + input, Check.matrix(z.grad()), result.gradient());
        return result;
    }
}
