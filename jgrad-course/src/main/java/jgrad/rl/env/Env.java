package jgrad.rl.env;

import java.util.Map;

/**
 * An environment with Gymnasium's semantics.
 *
 * <pre>{@code
 * Env env = Envs.make("CartPole-v1");
 * Env.Reset first = env.reset(42);                  // seeds the environment's generator, then resets
 * Env.Step s = env.step(1);                          // push the cart right
 * if (s.terminated() || s.truncated()) env.reset();  // the episode is over: start the next one
 * }</pre>
 *
 * <p>{@code terminated} means the MDP reached a terminal state (the pole fell): the value of what follows
 * is zero. {@code truncated} means the episode was cut short from outside (a time limit): the state
 * still has a value, and learners should bootstrap from it. Mixing the two up is a classic bug.
 */
public interface Env {
    /** What {@link #reset} returns: the first observation and extra information. */
    record Reset(double[] observation, Map<String, Object> info) {
    }

    /** What {@link #step} returns. */
    record Step(double[] observation, double reward, boolean terminated, boolean truncated, Map<String, Object> info) {
        /** True when the episode is over for either reason. */
        public boolean done() {
            return terminated || truncated;
        }
    }

    Space observationSpace();

    Space actionSpace();

    /** Seeds the environment's random generator with {@code seed}, then starts a new episode. */
    Reset reset(long seed);

    /** Starts a new episode, continuing the generator's stream (the first call without a seed picks one at random). */
    Reset reset();

    /** Applies {@code action} (a point of {@link #actionSpace()}) for one time step. */
    Step step(double[] action);

    /** A discrete action {@code a}: the same as {@code step(new double[] {a})}. */
    default Step step(int action) {
        return step(new double[] {action});
    }
}
