package exercises.unit16;

import jgrad.Tensor;

/**
 * Unit 16 exercise: the quantities at the heart of policy-gradient methods, by hand. Tasks 1 and 2 work on
 * plain arrays (they are targets: no gradient flows through them); tasks 3 and 4 build losses from jgrad
 * tensor ops so that autograd differentiates them.
 */
public final class PolicyGradient {
    private PolicyGradient() {
    }

    /**
     * Task 1: the discounted return from every step of one finished episode,
     * {@code G_t = r_t + gamma r_{t+1} + gamma^2 r_{t+2} + ... = r_t + gamma G_{t+1}}, with {@code G_T = 0}.
     * One backward pass over the rewards is enough.
     *
     * @param rewards r_0 ... r_{T-1}
     * @return G_0 ... G_{T-1}, a new array of the same length
     */
    public static double[] discountedReturns(double[] rewards, double gamma) {
        // TODO(task 1): run backwards, carrying the return of the next step.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: generalised advantage estimation for one environment over T steps:
     * <pre>
     *   delta_t = r_t + gamma (1 - done_t) V_{t+1} - V_t          (V_T = lastValue)
     *   A_t     = delta_t + gamma lambda (1 - done_t) A_{t+1}      (A_T = 0)
     * </pre>
     * {@code done_t} is true when the episode ended at step t: then neither the next value nor the next
     * advantage belongs to this episode.
     *
     * @return A_0 ... A_{T-1}
     */
    public static double[] gae(double[] rewards, double[] values, boolean[] dones, double lastValue, double gamma, double lambda) {
        // TODO(task 2): run backwards like task 1, with the TD error delta_t in place of r_t.
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: the REINFORCE loss {@code L = -mean_t( log pi(a_t | s_t) A_t )} for log-probabilities
     * {@code (T)} that carry gradient and advantages {@code (T)} that must not (detach them), so that
     * {@code dL/dlogp_t = -A_t / T}.
     */
    public static Tensor reinforceLoss(Tensor logProbs, Tensor advantages) {
        // TODO(task 3): compose mul, mean and neg.
        throw new UnsupportedOperationException("TODO task 3");
    }

    /**
     * Task 4: PPO's clipped surrogate loss. With the probability ratio {@code r_t = exp(logp_t - oldLogp_t)}:
     * {@code L = -mean_t( min(r_t A_t, clip(r_t, 1 - eps, 1 + eps) A_t) )}. {@code oldLogProbs} and
     * {@code advantages} are constants (detach them).
     */
    public static Tensor clippedSurrogate(Tensor logProbs, Tensor oldLogProbs, Tensor advantages, double eps) {
        // TODO(task 4): ratio with exp, the two terms, minimum, mean, neg.
        throw new UnsupportedOperationException("TODO task 4");
    }
}
