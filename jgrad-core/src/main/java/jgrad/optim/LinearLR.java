package jgrad.optim;

/**
 * Linear warmup (or decay) of the lr by a factor that moves from {@code startFactor} to
 * {@code endFactor} over {@code totalIters} steps and then stays:
 * {@code lr = initialLr * (start + (end - start) * min(step, totalIters) / totalIters)}.
 * PyTorch's defaults: start 1/3, end 1, 5 iterations.
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (!(startFactor > 0 && startFactor <= 1) || !(endFactor >= 0 && endFactor <= 1) || totalIters <= 0) {
            throw new IllegalArgumentException("LinearLR: expected 0 < startFactor <= 1, 0 <= endFactor <= 1 and "
                    + "totalIters > 0, got " + startFactor + ", " + endFactor + ", " + totalIters);
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        start();
    }

    @Override
    protected double lrAt(long step, double initialLr) {
        double progress = (double) Math.min(step, totalIters) / totalIters;
        return initialLr * (startFactor + (endFactor - startFactor) * progress);
    }
}
