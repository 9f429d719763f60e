package jgrad.optim;

/**
 * The 1cycle policy (Smith and Topin, 2018), stepped once per batch: the lr rises from
 * {@code maxLr / divFactor} to {@code maxLr} over the first {@code pctStart} of {@code totalSteps},
 * then falls to {@code maxLr / (divFactor * finalDivFactor)} at the last step, by cosine annealing
 * {@code end + (start - end) * (1 + cos(pi * phaseProgress)) / 2} within each phase. With
 * {@code cycleMomentum} the momentum (SGD's {@code momentum}, Adam's {@code beta1}) moves the opposite
 * way between {@code maxMomentum} and {@code baseMomentum}. PyTorch's defaults: pctStart 0.3,
 * divFactor 25, finalDivFactor 1e4, momentum 0.85 to 0.95.
 */
public final class OneCycleLR extends LRScheduler {
    private final double maxLr;
    private final int totalSteps;
    private final double warmupEnd;     // step at which the lr peaks: pctStart * totalSteps - 1
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean cycleMomentum;
    private final double baseMomentum;
    private final double maxMomentum;

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, maxLr, totalSteps, 0.3, 25, 1e4, true, 0.85, 0.95);
    }

    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, double divFactor,
                      double finalDivFactor, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
        super(optimizer);
        if (totalSteps <= 1 || !(pctStart > 0 && pctStart < 1)) {
            throw new IllegalArgumentException("OneCycleLR: expected totalSteps > 1 and 0 < pctStart < 1, got "
                    + totalSteps + " and " + pctStart);
        }
        this.maxLr = maxLr;
        this.totalSteps = totalSteps;
        this.warmupEnd = pctStart * totalSteps - 1;
        this.divFactor = divFactor;
        this.finalDivFactor = finalDivFactor;
        this.cycleMomentum = cycleMomentum;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
        if (cycleMomentum && optimizer.paramGroups().stream().noneMatch(g -> g.has("momentum") || g.has("beta1"))) {
            throw new IllegalArgumentException("OneCycleLR: cycleMomentum needs an optimizer with momentum or beta1");
        }
        start();
    }

    /** The initial lr is derived from maxLr, not taken from the optimizer. */
    @Override
    protected double lrAt(long step, double initialLr) {
        double low = maxLr / divFactor;
        return interpolate(step, low, maxLr, low / finalDivFactor);
    }

    @Override
    protected void applyExtras(ParamGroup group, long step) {
        if (cycleMomentum) {
            double momentum = interpolate(step, maxMomentum, baseMomentum, maxMomentum);
            group.set(group.has("momentum") ? "momentum" : "beta1", momentum);
        }
    }

    /** Cosine from {@code start} to {@code peak} until warmupEnd, then from {@code peak} to {@code end} at totalSteps - 1. */
    private double interpolate(long step, double start, double peak, double end) {
        if (step > totalSteps) {
            throw new IllegalStateException("OneCycleLR: stepped " + step + " times, past totalSteps " + totalSteps);
        }
        if (step <= warmupEnd) {
            return cosine(start, peak, step / warmupEnd);
        }
        return cosine(peak, end, (step - warmupEnd) / (totalSteps - 1 - warmupEnd));
    }

    private static double cosine(double from, double to, double progress) {
        return to + (from - to) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
}
