package jgrad.rl.env;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The plumbing every environment shares: the seeded generator behind {@link #reset(long)} and the
 * check that an action belongs to the action space. Subclasses write {@link #reset()} and {@link #step}.
 */
public abstract class AbstractEnv implements Env {
    /** The environment's own generator: reseeded by {@link #reset(long)}, drawn from by {@code reset()}. */
    protected SplittableRandom random = new SplittableRandom();

    @Override
    public final Reset reset(long seed) {
        random = new SplittableRandom(seed);
        return reset();
    }

    /** Throws, naming the environment, when {@code action} is not in the action space. */
    protected final void requireAction(double[] action) {
        if (!actionSpace().contains(action)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".step: action " + Arrays.toString(action)
                    + " is not in the action space " + actionSpace());
        }
    }

    /** A uniform draw from {@code [low, high)}. */
    protected final double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }
}
