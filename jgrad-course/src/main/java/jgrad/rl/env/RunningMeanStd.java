package jgrad.rl.env;

/**
 * Running mean and variance of vectors, merged batch by batch with Chan et al.'s parallel formula
 * (as Gymnasium's {@code RunningMeanStd}). Starts from mean 0, variance 1 and a pseudo-count of 1e-4, so the
 * first update is almost all data.
 */
public final class RunningMeanStd {
    private final double[] mean, var;
    private double count = 1e-4;

    public RunningMeanStd(int dim) {
        mean = new double[dim];
        var = new double[dim];
        java.util.Arrays.fill(var, 1.0);
    }

    /** Merges one vector. */
    public void update(double[] x) {
        update(new double[][] {x});
    }

    /**
     * Merges a batch of {@code n} vectors with mean {@code m_b} and variance {@code v_b}:
     * {@code delta = m_b - m}, {@code m += delta n / (c + n)},
     * {@code v = (v c + v_b n + delta^2 c n / (c + n)) / (c + n)}, {@code c += n}.
     */
    public void update(double[][] batch) {
        int n = batch.length;
        for (int d = 0; d < mean.length; d++) {
            double batchMean = 0;
            for (double[] x : batch) batchMean += x[d];
            batchMean /= n;
            double batchVar = 0;
            for (double[] x : batch) batchVar += (x[d] - batchMean) * (x[d] - batchMean);
            batchVar /= n;
            double delta = batchMean - mean[d], total = count + n;
            mean[d] += delta * n / total;
            var[d] = (var[d] * count + batchVar * n + delta * delta * count * n / total) / total;
        }
        count += n;
    }

    /** {@code (x - mean) / sqrt(var + 1e-8)}, a new array. */
    public double[] normalize(double[] x) {
        double[] out = new double[x.length];
        for (int d = 0; d < x.length; d++) out[d] = (x[d] - mean[d]) / Math.sqrt(var[d] + 1e-8);
        return out;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] var() {
        return var.clone();
    }

    public double count() {
        return count;
    }

    /** Overwrites the statistics (to restore them with a checkpoint). */
    public void set(double[] mean, double[] var, double count) {
        System.arraycopy(mean, 0, this.mean, 0, this.mean.length);
        System.arraycopy(var, 0, this.var, 0, this.var.length);
        this.count = count;
    }
}
