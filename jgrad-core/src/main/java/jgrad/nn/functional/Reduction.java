package jgrad.nn.functional;

/**
 * How a loss turns per-element losses into its result, PyTorch's {@code reduction} argument.
 * {@link #BATCHMEAN} (sum divided by the batch size) exists only for {@link F#klDiv}.
 */
public enum Reduction {
    /** Per-element losses, unreduced. */
    NONE,
    /** The mean (for losses with class weights or ignored targets: the weighted mean over counted targets). */
    MEAN,
    /** The sum. */
    SUM,
    /** The sum divided by {@code input.size(0)}; klDiv only, the mathematically correct KL divergence per sample. */
    BATCHMEAN
}
