package exercises.unit04;

import static exercises.unit04.Check.assertClose;

import java.util.List;
import java.util.Random;
import jgrad.Tensor;
import jgrad.optim.Adam;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of tasks 1 and 2. The reference is jgrad's optimizers: a float64 parameter gets the
 * same random gradient as the arrays, both take a step, and the parameters must agree after every
 * step (a wrong state update shows from step 2 on).
 */
class OptimizersTest {
    private static final int STEPS = 5;

    // ---- task 1: SGD with momentum --------------------------------------------------------------

    @Test
    @Tag("task1")
    void sgdMomentumOnAHandExample() {
        // p = 1, g = 0.5 twice, lr = 0.1, momentum 0.9: b = 0.5, p = 0.95; then b = 0.95, p = 0.855.
        double[] param = {1}, buffer = {0};
        Optimizers.sgdStep(param, new double[] {0.5}, buffer, 0.1, 0.9, 0, false);
        assertClose("param after step 1", 0.95, param[0]);
        assertClose("momentum buffer after step 1", 0.5, buffer[0]);
        Optimizers.sgdStep(param, new double[] {0.5}, buffer, 0.1, 0.9, 0, false);
        assertClose("param after step 2", 0.855, param[0]);
        assertClose("momentum buffer after step 2", 0.95, buffer[0]);
    }

    @Test
    @Tag("task1")
    void sgdMatchesJgradWithAndWithoutMomentumWeightDecayAndNesterov() {
        var random = new Random(41);
        double[][] settings = {{0, 0, 0}, {0.9, 0, 0}, {0.9, 0.01, 0}, {0.5, 0.1, 1}, {0, 0.05, 0}};
        for (double[] setting : settings) {
            double momentum = setting[0], weightDecay = setting[1];
            boolean nesterov = setting[2] != 0;
            double lr = 0.05 + 0.1 * random.nextDouble();
            double[] param = Check.vector(random, 6, 1), buffer = new double[6];
            Tensor reference = Tensor.of(param.clone()).requiresGrad(true);
            var sgd = new SGD(List.of(reference), lr, momentum, 0, weightDecay, nesterov);
            String config = " (lr=" + lr + ", momentum=" + momentum + ", weightDecay=" + weightDecay + ", nesterov=" + nesterov + ")";
            for (int step = 1; step <= STEPS; step++) {
                double[] grad = Check.vector(random, 6, 1);
                String input = " at step " + step + config + ", grad " + Check.show(grad);
                stepWith(sgd, reference, grad);
                Optimizers.sgdStep(param, grad, buffer, lr, momentum, weightDecay, nesterov);
                assertClose("param" + input, reference.toDoubleArray(), param);
            }
        }
    }

    // ---- task 2: Adam and AdamW -----------------------------------------------------------------

    @Test
    @Tag("task2")
    void adamsFirstStepMovesEveryParameterByAboutLrAgainstItsGradient() {
        // With bias correction, step 1 has mHat = g and vHat = g^2, so the update is lr * g / (|g| + eps).
        double[] param = {1, 1, 1}, m = new double[3], v = new double[3];
        Optimizers.adamStep(param, new double[] {1e-3, -5, 20}, m, v, 1, 0.01, 0.9, 0.999, 1e-8, 0, false);
        assertClose("param[0] after step 1 with grad 1e-3", 1 - 0.01 * 1e-3 / (1e-3 + 1e-8), param[0]);
        assertClose("param[1] after step 1 with grad -5", 1.01, param[1]);
        assertClose("param[2] after step 1 with grad 20", 0.99, param[2]);
    }

    @Test
    @Tag("task2")
    void adamMatchesJgradOverSeveralSteps() {
        var random = new Random(42);
        for (double weightDecay : new double[] {0, 0.1}) {
            double[] param = Check.vector(random, 5, 1), m = new double[5], v = new double[5];
            Tensor reference = Tensor.of(param.clone()).requiresGrad(true);
            var adam = new Adam(List.of(reference), 0.01, 0.9, 0.99, 1e-8, weightDecay, false);
            for (int step = 1; step <= STEPS; step++) {
                double[] grad = Check.vector(random, 5, 1);
                stepWith(adam, reference, grad);
                Optimizers.adamStep(param, grad, m, v, step, 0.01, 0.9, 0.99, 1e-8, weightDecay, false);
                assertClose("Adam param at step " + step + " (lr=0.01, betas=(0.9, 0.99), weightDecay=" + weightDecay
                        + "), grad " + Check.show(grad), reference.toDoubleArray(), param);
            }
        }
    }

    @Test
    @Tag("task2")
    void adamWDecaysTheWeightsDirectly() {
        var random = new Random(43);
        double[] param = Check.vector(random, 5, 1), m = new double[5], v = new double[5];
        Tensor reference = Tensor.of(param.clone()).requiresGrad(true);
        var adamW = new AdamW(List.of(reference), 0.02, 0.8, 0.999, 1e-8, 0.1, false);
        for (int step = 1; step <= STEPS; step++) {
            double[] grad = Check.vector(random, 5, 1);
            stepWith(adamW, reference, grad);
            Optimizers.adamStep(param, grad, m, v, step, 0.02, 0.8, 0.999, 1e-8, 0.1, true);
            assertClose("AdamW param at step " + step + " (lr=0.02, betas=(0.8, 0.999), weightDecay=0.1), grad "
                    + Check.show(grad), reference.toDoubleArray(), param);
        }
    }

    /** Gives {@code param} the gradient {@code grad} (as backward of sum(param * grad)) and steps. */
    private static void stepWith(Optimizer optimizer, Tensor param, double[] grad) {
        optimizer.zeroGrad();
        param.mul(Tensor.of(grad)).sum().backward();
        optimizer.step();
    }
}
