package jgrad.rl.policy;

import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Diagonal Gaussians {@code N(mu_b, diag(sigma^2))} over {@code D}-dimensional actions, from means
 * {@code (B, D)} and log standard deviations {@code (D)} (one learned vector shared by all states, as in
 * PPO's usual continuous policy) or {@code (B, D)}.
 * <pre>
 *   log pi(a | s) = sum_d [ -(a_d - mu_d)^2 / (2 sigma_d^2) - log sigma_d - log(2 pi) / 2 ]
 *   H             = sum_d [ 1/2 + log(2 pi) / 2 + log sigma_d ]
 * </pre>
 */
public final class DiagGaussian implements Distribution {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private final Tensor mean;     // (B, D)
    private final Tensor logStd;   // (D) or (B, D)

    public DiagGaussian(Tensor mean, Tensor logStd) {
        if (mean.dim() != 2 || logStd.size(-1) != mean.size(1)) {
            throw new IllegalArgumentException("DiagGaussian: mean must be (B, D) and logStd (D) or (B, D), got "
                    + java.util.Arrays.toString(mean.shape()) + " and " + java.util.Arrays.toString(logStd.shape()));
        }
        this.mean = mean;
        this.logStd = logStd;
    }

    @Override
    public Tensor logProb(Tensor actions) {
        Tensor z = actions.sub(mean).div(logStd.exp());                 // (B, D): standardised actions
        return z.square().mul(-0.5).sub(logStd).sub(HALF_LOG_TWO_PI).sum(-1);
    }

    @Override
    public Tensor entropy() {
        Tensor perDim = logStd.add(0.5 + HALF_LOG_TWO_PI).expandAs(mean);
        return perDim.sum(-1);
    }

    /** {@code a = mu + sigma eps} with {@code eps ~ N(0, I)} (no gradient: PPO needs only log-probabilities). */
    @Override
    public double[][] sample(RandomGenerator random) {
        double[][] mu = mode();
        double[] logSigma = logStd.expandAs(mean).contiguous().toDoubleArray();
        int dims = mean.size(1);
        for (int b = 0; b < mu.length; b++) {
            for (int d = 0; d < dims; d++) mu[b][d] += Math.exp(logSigma[b * dims + d]) * random.nextGaussian();
        }
        return mu;
    }

    @Override
    public double[][] mode() {
        int rows = mean.size(0), dims = mean.size(1);
        double[] values = mean.toDoubleArray();
        double[][] out = new double[rows][dims];
        for (int b = 0; b < rows; b++) System.arraycopy(values, b * dims, out[b], 0, dims);
        return out;
    }

    @Override
    public Tensor actionTensor(double[][] actions) {
        return Tensor.of(actions).to(mean.dtype());
    }
}
