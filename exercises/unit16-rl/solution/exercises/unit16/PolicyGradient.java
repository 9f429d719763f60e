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

    /** Task 1: {@code G_t = r_t + gamma G_{t+1}}, {@code G_T = 0}. */
    public static double[] discountedReturns(double[] rewards, double gamma) {
        double[] returns = new double[rewards.length];
        double next = 0;
        for (int t = rewards.length - 1; t >= 0; t--) {
            next = rewards[t] + gamma * next;
            returns[t] = next;
        }
        return returns;
    }

    /** Task 2: GAE-lambda for one environment. */
    public static double[] gae(double[] rewards, double[] values, boolean[] dones, double lastValue, double gamma, double lambda) {
        double[] advantages = new double[rewards.length];
        double nextValue = lastValue, nextAdvantage = 0;
        for (int t = rewards.length - 1; t >= 0; t--) {
            double notDone = dones[t] ? 0 : 1;
            double delta = rewards[t] + gamma * notDone * nextValue - values[t];
            nextAdvantage = delta + gamma * lambda * notDone * nextAdvantage;
            advantages[t] = nextAdvantage;
            nextValue = values[t];
        }
        return advantages;
    }

    /** Task 3: {@code L = -mean(logp * A)} with A detached. */
    public static Tensor reinforceLoss(Tensor logProbs, Tensor advantages) {
        return logProbs.mul(advantages.detach()).mean().neg();
    }

    /** Task 4: {@code L = -mean(min(r A, clip(r, 1 - eps, 1 + eps) A))}. */
    public static Tensor clippedSurrogate(Tensor logProbs, Tensor oldLogProbs, Tensor advantages, double eps) {
        Tensor ratio = logProbs.sub(oldLogProbs.detach()).exp();
        Tensor adv = advantages.detach();
        return ratio.mul(adv).minimum(ratio.clamp(1 - eps, 1 + eps).mul(adv)).mean().neg();
    }
}
