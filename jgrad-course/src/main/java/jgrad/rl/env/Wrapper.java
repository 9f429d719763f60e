package jgrad.rl.env;

/** An environment that forwards everything to {@code inner}; subclasses change one behaviour. */
public abstract class Wrapper implements Env {
    protected final Env inner;

    protected Wrapper(Env inner) {
        this.inner = inner;
    }

    /** The wrapped environment. */
    public Env inner() {
        return inner;
    }

    /** The innermost environment, under every wrapper. */
    public Env unwrapped() {
        Env env = inner;
        while (env instanceof Wrapper w) env = w.inner;
        return env;
    }

    @Override
    public Space observationSpace() {
        return inner.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return inner.actionSpace();
    }

    @Override
    public Reset reset(long seed) {
        return inner.reset(seed);
    }

    @Override
    public Reset reset() {
        return inner.reset();
    }

    @Override
    public Step step(double[] action) {
        return inner.step(action);
    }
}
