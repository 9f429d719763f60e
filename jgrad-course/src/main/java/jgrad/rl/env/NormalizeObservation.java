package jgrad.rl.env;

/**
 * Gymnasium's {@code NormalizeObservation}: returns {@code (obs - mean) / sqrt(var + 1e-8)} with the
 * running statistics of every observation seen so far. Call {@link #freeze} before evaluating so the
 * statistics stop moving; the statistics belong with the policy's checkpoint.
 */
public final class NormalizeObservation extends Wrapper {
    private final RunningMeanStd stats;
    private boolean updating = true;

    public NormalizeObservation(Env inner) {
        this(inner, new RunningMeanStd(inner.observationSpace().flatDim()));
    }

    /** Shares {@code stats} (for example between the copies of a vectorised environment). */
    public NormalizeObservation(Env inner, RunningMeanStd stats) {
        super(inner);
        this.stats = stats;
    }

    public RunningMeanStd stats() {
        return stats;
    }

    /** Stops (or resumes) updating the statistics. */
    public NormalizeObservation freeze(boolean frozen) {
        updating = !frozen;
        return this;
    }

    @Override
    public Space observationSpace() {
        return Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, inner.observationSpace().flatDim());
    }

    @Override
    public Reset reset(long seed) {
        Reset r = inner.reset(seed);
        return new Reset(normalize(r.observation()), r.info());
    }

    @Override
    public Reset reset() {
        Reset r = inner.reset();
        return new Reset(normalize(r.observation()), r.info());
    }

    @Override
    public Step step(double[] action) {
        Step s = inner.step(action);
        return new Step(normalize(s.observation()), s.reward(), s.terminated(), s.truncated(), s.info());
    }

    private double[] normalize(double[] observation) {
        if (updating) stats.update(observation);
        return stats.normalize(observation);
    }
}
