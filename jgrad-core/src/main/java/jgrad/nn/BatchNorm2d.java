package jgrad.nn;

/**
 * Batch norm over {@code (N, C, H, W)} inputs: statistics per channel C over N, H and W.
 * See {@link BatchNorm} for the equations.
 */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    /** {@code momentum = null} means a cumulative moving average. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    int[] acceptedRanks() {
        return new int[] {4};
    }
}
