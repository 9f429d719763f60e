package jgrad.nn;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.nn.functional.F;

/**
 * Batch normalisation, shared by {@link BatchNorm1d} and {@link BatchNorm2d}:
 * {@code y = (x - E[x]) / sqrt(Var[x] + eps) * weight + bias} per channel (dim 1).
 *
 * <p>Training: E and Var are the batch's (biased variance), and the buffers are updated
 * {@code running = (1 - momentum) running + momentum * batch} with the unbiased variance;
 * with {@code momentum = null} they become the cumulative average ({@code momentum = 1 / numBatchesTracked}).
 * Evaluation: the running statistics are used. State-dict keys as PyTorch: {@code weight, bias,
 * running_mean, running_var, num_batches_tracked}. Defaults: {@code eps = 1e-5}, {@code momentum = 0.1}.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean trackRunningStats;

    BatchNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.trackRunningStats = trackRunningStats;
        if (affine) {
            registerParameter("weight", Tensor.ones(numFeatures));
            registerParameter("bias", Tensor.zeros(numFeatures));
        }
        if (trackRunningStats) {
            registerBuffer("running_mean", Tensor.zeros(numFeatures));
            registerBuffer("running_var", Tensor.ones(numFeatures));
            registerBuffer("num_batches_tracked", Tensor.scalar(0, DType.INT64));
        }
    }

    /** Ranks this variant accepts, e.g. {2, 3} for BatchNorm1d. */
    abstract int[] acceptedRanks();

    public Tensor weight() { return parameter("weight"); }
    public Tensor bias() { return parameter("bias"); }
    public Tensor runningMean() { return buffer("running_mean"); }
    public Tensor runningVar() { return buffer("running_var"); }
    /** How many training batches updated the running statistics (int64 scalar). */
    public Tensor numBatchesTracked() { return buffer("num_batches_tracked"); }

    @Override
    public Tensor forward(Tensor input) {
        boolean rankOk = false;
        for (int rank : acceptedRanks()) rankOk |= input.dim() == rank;
        if (!rankOk || input.size(1) != numFeatures) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): unexpected input shape "
                    + Shape.format(input.shape()) + " (expected rank " + java.util.Arrays.toString(acceptedRanks())
                    + " with " + numFeatures + " channels in dim 1)");
        }
        double factor = momentum == null ? 0.0 : momentum;
        if (isTraining() && trackRunningStats) {
            Tensor count = numBatchesTracked();
            count.set(count.item() + 1);
            if (momentum == null) {
                factor = 1.0 / count.item();
            }
        }
        boolean useBatchStatistics = isTraining() || !trackRunningStats;
        return F.batchNorm(input, runningMean(), runningVar(), weight(), bias(), useBatchStatistics, factor, eps);
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight() != null)
                + ", track_running_stats=" + trackRunningStats;
    }
}
