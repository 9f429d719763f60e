package jgrad.rl.env;

import java.util.Map;

/**
 * MountainCar-v0 with Gymnasium's equations and constants (Moore, 1990): an underpowered car in a valley
 * must rock back and forth to reach the flag at {@code position >= 0.5}. Actions: 0 push left, 1 no push,
 * 2 push right.
 * <pre>
 *   v &lt;- clip(v + (a - 1) 0.001 - 0.0025 cos(3 p), -0.07, 0.07)
 *   p &lt;- clip(p + v, -1.2, 0.6);   if p == -1.2 and v &lt; 0 then v &lt;- 0   (an inelastic wall on the left)
 * </pre>
 * Reward -1 every step; terminates when {@code p >= 0.5} (and {@code v >= 0}); {@link Envs#make} truncates
 * at 200 steps. Initial state: {@code p ~ U[-0.6, -0.4]}, {@code v = 0}.
 */
public final class MountainCar extends AbstractEnv {
    public static final double MIN_POSITION = -1.2, MAX_POSITION = 0.6, MAX_SPEED = 0.07, GOAL_POSITION = 0.5;
    public static final double FORCE = 0.001, GRAVITY = 0.0025;

    private static final Space OBSERVATIONS = new Box(new double[] {MIN_POSITION, -MAX_SPEED}, new double[] {MAX_POSITION, MAX_SPEED});
    private static final Space ACTIONS = new Discrete(3);

    private double position, velocity;

    @Override
    public Space observationSpace() {
        return OBSERVATIONS;
    }

    @Override
    public Space actionSpace() {
        return ACTIONS;
    }

    @Override
    public Reset reset() {
        position = uniform(-0.6, -0.4);
        velocity = 0;
        return new Reset(new double[] {position, velocity}, Map.of());
    }

    /** Starts an episode from a given state (for tests and demonstrations). */
    public Reset resetTo(double position, double velocity) {
        this.position = position;
        this.velocity = velocity;
        return new Reset(new double[] {position, velocity}, Map.of());
    }

    @Override
    public Step step(double[] action) {
        requireAction(action);
        velocity += (action[0] - 1) * FORCE + Math.cos(3 * position) * -GRAVITY;
        velocity = Math.min(MAX_SPEED, Math.max(-MAX_SPEED, velocity));
        position = Math.min(MAX_POSITION, Math.max(MIN_POSITION, position + velocity));
        if (position == MIN_POSITION && velocity < 0) velocity = 0;
        boolean terminated = position >= GOAL_POSITION && velocity >= 0;
        return new Step(new double[] {position, velocity}, -1.0, terminated, false, Map.of());
    }
}
