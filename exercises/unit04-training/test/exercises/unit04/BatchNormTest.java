package exercises.unit04;

import static exercises.unit04.Check.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Random;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of tasks 4 and 5. The reference is {@code F.batchNorm} in training mode on float64
 * tensors: its output, the running statistics it updates, and its autograd gradients.
 */
class BatchNormTest {
    private static final double EPS = 1e-5;

    @Test
    @Tag("task4")
    void forwardNormalisesEachColumnToMeanZeroAndVarianceOne() {
        // Column 0 is {1, 3}: mean 2, biased variance 1, so xHat = {-1, 1} (up to eps).
        double[][] x = {{1, 10}, {3, 10}};
        var result = BatchNorm.forward(x, new double[] {1, 1}, new double[] {0, 0}, new double[2], new double[] {1, 1}, 0.1, 0);
        assertNotNull(result, "forward returned null");
        assertNotNull(result.output(), "forward returned a null output");
        assertClose("y[0][0] for x = [[1, 10], [3, 10]], eps 0", -1, result.output()[0][0]);
        assertClose("y[1][0] for x = [[1, 10], [3, 10]], eps 0", 1, result.output()[1][0]);
    }

    @Test
    @Tag("task4")
    void forwardMatchesJgradIncludingTheRunningStatistics() {
        var random = new Random(45);
        for (int trial = 0; trial < 10; trial++) {
            int n = 2 + random.nextInt(6), features = 1 + random.nextInt(5);
            double momentum = 0.05 + 0.5 * random.nextDouble();
            double[][] x = Check.matrix(random, n, features, 2);
            double[] gamma = Check.vector(random, features, 1), beta = Check.vector(random, features, 1);
            double[] runningMean = Check.vector(random, features, 1), runningVar = new double[features];
            for (int c = 0; c < features; c++) {
                runningVar[c] = 0.5 + random.nextDouble();
            }
            Tensor referenceMean = Tensor.of(runningMean.clone()), referenceVar = Tensor.of(runningVar.clone());
            Tensor y = F.batchNorm(Tensor.of(x), referenceMean, referenceVar, Tensor.of(gamma), Tensor.of(beta), true, momentum, EPS);
            String input = " for x " + Check.show(x) + ", gamma " + Check.show(gamma) + ", beta " + Check.show(beta)
                    + ", momentum " + momentum;

            var result = BatchNorm.forward(x, gamma, beta, runningMean, runningVar, momentum, EPS);
            assertNotNull(result, "forward returned null");
            assertClose("y" + input, Check.matrix(y), result.output());
            assertClose("running mean" + input, referenceMean.toDoubleArray(), runningMean);
            assertClose("running variance (unbiased)" + input, referenceVar.toDoubleArray(), runningVar);
        }
    }

    @Test
    @Tag("task5")
    void backwardMatchesAutograd() {
        var random = new Random(46);
        for (int trial = 0; trial < 10; trial++) {
            int n = 2 + random.nextInt(6), features = 1 + random.nextInt(5);
            double[][] x = Check.matrix(random, n, features, 2), gradOutput = Check.matrix(random, n, features, 1);
            double[] gamma = Check.vector(random, features, 1), beta = Check.vector(random, features, 1);
            Tensor xt = Tensor.of(x).requiresGrad(true);
            Tensor gammaT = Tensor.of(gamma).requiresGrad(true), betaT = Tensor.of(beta).requiresGrad(true);
            Tensor y = F.batchNorm(xt, null, null, gammaT, betaT, true, 0.1, EPS);
            y.backward(Tensor.of(gradOutput));

            var grads = BatchNorm.backward(gradOutput, gamma, cache(x, EPS));
            assertNotNull(grads, "backward returned null");
            String input = " for x " + Check.show(x) + ", gamma " + Check.show(gamma) + ", dy " + Check.show(gradOutput);
            assertClose("dx" + input, Check.matrix(xt.grad()), grads.inputGrad());
            assertClose("dgamma" + input, gammaT.grad().toDoubleArray(), grads.gammaGrad());
            assertClose("dbeta" + input, betaT.grad().toDoubleArray(), grads.betaGrad());
        }
    }

    /** The forward cache computed here with jgrad, so task 5 is graded on its own. */
    private static Results.BatchNormForward cache(double[][] x, double eps) {
        Tensor xt = Tensor.of(x);
        Tensor invStd = xt.var(new int[] {0}, false, true).add(eps).sqrt().pow(-1.0);
        Tensor normalized = xt.sub(xt.mean(0, true)).mul(invStd);
        return new Results.BatchNormForward(null, Check.matrix(normalized), invStd.reshape(-1).toDoubleArray());
    }
}
