package jgrad.optim;

/**
 * The schedule BERT is trained and fine-tuned with (Hugging Face's
 * {@code get_linear_schedule_with_warmup}): the learning rate rises linearly from 0 to its initial
 * value over {@code warmupSteps}, then falls linearly to 0 at {@code totalSteps}. Step it once per
 * batch:
 * <pre>
 *   lr(s) = lr0 · s / warmup                                   s &lt; warmup
 *   lr(s) = lr0 · max(0, (total - s) / (total - warmup))       otherwise
 * </pre>
 */
public final class WarmupLinearLR extends LRScheduler {
    private final int warmupSteps;
    private final int totalSteps;

    public WarmupLinearLR(Optimizer optimizer, int warmupSteps, int totalSteps) {
        super(optimizer);
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("WarmupLinearLR: need 0 <= warmupSteps <= totalSteps and totalSteps > 0, got "
                    + warmupSteps + " and " + totalSteps);
        }
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        start();
    }

    @Override
    protected double lrAt(long step, double initialLr) {
        if (step < warmupSteps) {
            return initialLr * step / warmupSteps;
        }
        return initialLr * Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
    }
}
