package jgrad.rl.algo;

import jgrad.Tensor;

/** The policy-gradient losses, as functions of tensors so that tests and students can check them by hand. */
public final class PolicyLosses {
    private PolicyLosses() {
    }

    /**
     * REINFORCE (with a baseline): {@code L = -mean_t( log pi(a_t | s_t) A_t )}, where {@code A_t = G_t - b(s_t)}
     * is a constant (detached). Its gradient is the policy-gradient estimate
     * {@code -mean_t( grad log pi(a_t | s_t) A_t )}.
     */
    public static Tensor reinforce(Tensor logProbs, Tensor advantages) {
        return logProbs.mul(advantages.detach()).mean().neg();
    }

    /**
     * PPO's clipped surrogate (Schulman et al., 2017): with {@code r = exp(log pi - log pi_old)},
     * {@code L = -mean( min(r A, clip(r, 1 - eps, 1 + eps) A) )}. The min makes it a pessimistic bound:
     * once the ratio has moved past {@code 1 +- eps} in the direction the advantage rewards, the gradient is 0.
     */
    public static Tensor clippedSurrogate(Tensor logProbs, Tensor oldLogProbs, Tensor advantages, double clip) {
        Tensor ratio = logProbs.sub(oldLogProbs.detach()).exp();
        Tensor adv = advantages.detach();
        Tensor unclipped = ratio.mul(adv);
        Tensor clipped = ratio.clamp(1 - clip, 1 + clip).mul(adv);
        return unclipped.minimum(clipped).mean().neg();
    }

    /** {@code (x - mean(x)) / (std(x) + 1e-8)}: PPO's per-minibatch advantage normalisation. */
    public static double[] normalize(double[] x) {
        double mean = 0, var = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        for (double v : x) var += (v - mean) * (v - mean);
        double std = x.length > 1 ? Math.sqrt(var / (x.length - 1)) : 0;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (x[i] - mean) / (std + 1e-8);
        return out;
    }
}
