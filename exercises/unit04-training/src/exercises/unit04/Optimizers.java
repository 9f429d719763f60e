package exercises.unit04;

/**
 * Unit 4 exercise, tasks 1 and 2: optimizer update rules on plain arrays.
 *
 * <p>Read {@code lectures/04-training-mlp.md} first. Each method updates one parameter tensor,
 * flattened to a {@code double[]}, <em>in place</em>: {@code param[i]} is element i and
 * {@code grad[i]} its gradient; the state arrays (momentum buffer, moment estimates) have the same
 * length, start as zeros, and are updated in place too. Grade one task at a time, from the
 * repository root:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit04-training --task task1"
 * </pre>
 * The graded tests run {@code jgrad.optim.SGD}, {@code Adam} and {@code AdamW} for several steps
 * on the same random gradients and compare every parameter and state element after every step.
 */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * Task 1: one step of SGD with momentum, L2 weight decay and optional Nesterov momentum
     * (no dampening), for each element i:
     * <pre>
     *   g = grad + weightDecay * param
     *   buffer = momentum * buffer + g                  (skip when momentum == 0)
     *   g = nesterov ? g + momentum * buffer : buffer   (when momentum != 0)
     *   param = param - lr * g
     * </pre>
     *
     * @param param          the parameter, updated in place
     * @param grad           its gradient (not modified)
     * @param momentumBuffer the velocity, zeros before the first step, updated in place
     */
    public static void sgdStep(double[] param, double[] grad, double[] momentumBuffer, double lr, double momentum,
                               double weightDecay, boolean nesterov) {
        // TODO(task 1): the four lines above, element by element.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: one step of Adam ({@code decoupled = false}) or AdamW ({@code decoupled = true}); step
     * {@code t} counts from 1. For each element:
     * <pre>
     *   Adam:  g = grad + weightDecay * param             AdamW: param = param - lr * weightDecay * param; g = grad
     *   m = beta1 * m + (1 - beta1) * g
     *   v = beta2 * v + (1 - beta2) * g^2
     *   mHat = m / (1 - beta1^t),   vHat = v / (1 - beta2^t)
     *   param = param - lr * mHat / (sqrt(vHat) + eps)
     * </pre>
     *
     * @param m the first-moment estimate, zeros before step 1, updated in place
     * @param v the second-moment estimate, zeros before step 1, updated in place
     */
    public static void adamStep(double[] param, double[] grad, double[] m, double[] v, long t, double lr, double beta1,
                                double beta2, double eps, double weightDecay, boolean decoupled) {
        // TODO(task 2): the update above, with the bias corrections 1 - beta^t computed once per step.
        throw new UnsupportedOperationException("TODO task 2");
    }
}
