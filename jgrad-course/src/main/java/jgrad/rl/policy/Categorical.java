package jgrad.rl.policy;

import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Categorical distributions over {@code A} actions from logits {@code (B, A)}:
 * {@code pi(a | s) = softmax(z)_a}, {@code log pi(a | s) = z_a - logsumexp(z)},
 * entropy {@code H = -sum_a pi_a log pi_a}.
 */
public final class Categorical implements Distribution {
    private final Tensor logProbs;   // (B, A), log-softmax of the logits

    public Categorical(Tensor logits) {
        if (logits.dim() != 2) {
            throw new IllegalArgumentException("Categorical: logits must be (B, A), got shape " + java.util.Arrays.toString(logits.shape()));
        }
        this.logProbs = logits.logSoftmax(-1);
    }

    /** {@code log pi(a | s)} for int64 actions {@code (B)}: picks column {@code a_b} of row {@code b}. */
    @Override
    public Tensor logProb(Tensor actions) {
        return logProbs.gather(-1, actions.unsqueeze(-1)).squeeze(-1);
    }

    @Override
    public Tensor entropy() {
        return logProbs.exp().mul(logProbs).sum(-1).neg();
    }

    /** Inverse-CDF sampling on each row's probabilities. */
    @Override
    public double[][] sample(RandomGenerator random) {
        int rows = logProbs.size(0), actions = logProbs.size(1);
        double[] logP = logProbs.toDoubleArray();
        double[][] out = new double[rows][1];
        for (int b = 0; b < rows; b++) {
            double u = random.nextDouble(), cumulative = 0;
            int chosen = actions - 1;   // falls through to the last action if rounding leaves the sum a hair below u
            for (int a = 0; a < actions; a++) {
                cumulative += Math.exp(logP[b * actions + a]);
                if (u < cumulative) {
                    chosen = a;
                    break;
                }
            }
            out[b][0] = chosen;
        }
        return out;
    }

    @Override
    public double[][] mode() {
        long[] best = logProbs.argmax(-1, false).toLongArray();
        double[][] out = new double[best.length][1];
        for (int b = 0; b < best.length; b++) out[b][0] = best[b];
        return out;
    }

    @Override
    public Tensor actionTensor(double[][] actions) {
        long[] indices = new long[actions.length];
        for (int b = 0; b < actions.length; b++) indices[b] = (long) actions[b][0];
        return Tensor.of(indices, actions.length);
    }

    /** The probabilities {@code (B, A)}, detached. */
    public Tensor probs() {
        return logProbs.detach().exp();
    }
}
