package jgrad.nn;

/**
 * Batch norm over {@code (N, C)} or {@code (N, C, L)} inputs: statistics per channel C over N (and L).
 * See {@link BatchNorm} for the equations.
 */
public final class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** {@code momentum = null} means a cumulative moving average. */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    int[] acceptedRanks() {
        return new int[] {2, 3};
    }
}
