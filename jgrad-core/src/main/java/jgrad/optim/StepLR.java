package jgrad.optim;

/** {@code lr = initialLr * gamma^floor(step / stepSize)}: decay by gamma every stepSize steps (default gamma 0.1). */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLR: stepSize must be positive, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        start();
    }

    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    @Override
    protected double lrAt(long step, double initialLr) {
        return initialLr * Math.pow(gamma, step / stepSize);
    }
}
