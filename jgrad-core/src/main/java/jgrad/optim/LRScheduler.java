package jgrad.optim;

import java.util.List;

/**
 * A learning-rate schedule: after each {@link #step()} every group's {@code lr} is set to
 * {@link #lrAt(long, double)} of the new step count and the group's initial lr. Built like
 * PyTorch's schedulers: creating one records {@code initial_lr} and applies step 0.
 *
 * <pre>{@code
 * var scheduler = new CosineAnnealingLR(opt, epochs, 0);
 * for (int epoch = 0; epoch < epochs; epoch++) { train(); scheduler.step(); }
 * }</pre>
 */
public abstract class LRScheduler {
    private final Optimizer optimizer;
    private long lastEpoch;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        for (ParamGroup group : optimizer.paramGroups()) {
            group.putIfAbsent("initial_lr", group.get("lr"));
        }
    }

    /** Applies step 0; subclasses call it at the end of their constructor, once their fields are set. */
    protected final void start() {
        apply();
    }

    /** The learning rate after {@code step} steps for a group that started at {@code initialLr}. */
    protected abstract double lrAt(long step, double initialLr);

    /** Hook for schedules that also move other options (OneCycleLR cycles momentum). */
    protected void applyExtras(ParamGroup group, long step) {
    }

    /** Advances one step (an epoch or a batch, as the schedule was designed) and sets the new lr. */
    public void step() {
        lastEpoch++;
        apply();
    }

    private void apply() {
        for (ParamGroup group : optimizer.paramGroups()) {
            group.set("lr", lrAt(lastEpoch, group.get("initial_lr")));
            applyExtras(group, lastEpoch);
        }
    }

    /** Steps taken so far. */
    public long lastEpoch() {
        return lastEpoch;
    }

    /** The current lr of each group. */
    public List<Double> lastLr() {
        return optimizer.paramGroups().stream().map(g -> g.get("lr")).toList();
    }
}
