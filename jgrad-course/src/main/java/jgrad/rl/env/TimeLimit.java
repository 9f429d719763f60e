package jgrad.rl.env;

/**
 * Truncates episodes after {@code maxSteps} steps: the step that reaches the limit comes back with
 * {@code truncated = true} (and keeps {@code terminated} as the environment said).
 */
public final class TimeLimit extends Wrapper {
    private final int maxSteps;
    private int elapsed;

    public TimeLimit(Env inner, int maxSteps) {
        super(inner);
        if (maxSteps <= 0) throw new IllegalArgumentException("TimeLimit: maxSteps must be positive, got " + maxSteps);
        this.maxSteps = maxSteps;
    }

    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public Reset reset(long seed) {
        elapsed = 0;
        return inner.reset(seed);
    }

    @Override
    public Reset reset() {
        elapsed = 0;
        return inner.reset();
    }

    @Override
    public Step step(double[] action) {
        Step s = inner.step(action);
        elapsed++;
        return elapsed >= maxSteps ? new Step(s.observation(), s.reward(), s.terminated(), true, s.info()) : s;
    }
}
