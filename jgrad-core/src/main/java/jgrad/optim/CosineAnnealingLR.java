package jgrad.optim;

/**
 * Cosine annealing (SGDR without restarts):
 * {@code lr = etaMin + (initialLr - etaMin) * (1 + cos(pi * step / tMax)) / 2}, from the initial lr at
 * step 0 down to {@code etaMin} at step {@code tMax}.
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be positive, got " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        start();
    }

    @Override
    protected double lrAt(long step, double initialLr) {
        return etaMin + (initialLr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
    }
}
