package jgrad.rl.env;

import java.util.Map;

/**
 * Pendulum-v1 with Gymnasium's equations and constants: swing a pendulum up and hold it with a torque
 * {@code u in [-2, 2]}. Angle {@code theta} is 0 upright.
 *
 * <p>With {@code g = 10}, {@code m = 1}, {@code l = 1}, {@code dt = 0.05}:
 * <pre>
 *   u        = clip(u, -2, 2)
 *   reward   = -(norm(theta)^2 + 0.1 theta'^2 + 0.001 u^2)        (norm wraps the angle into [-pi, pi))
 *   theta'  &lt;- clip(theta' + (3 g / (2 l) sin theta + 3 / (m l^2) u) dt, -8, 8)
 *   theta   &lt;- theta + theta' dt                                     (semi-implicit: the new speed)
 * </pre>
 * The reward is computed from the state before the step. The observation is
 * {@code (cos theta, sin theta, theta')}; the pendulum never terminates, {@link Envs#make} truncates at 200
 * steps. Initial state: {@code theta ~ U[-pi, pi]}, {@code theta' ~ U[-1, 1]}.
 */
public final class Pendulum extends AbstractEnv {
    public static final double MAX_SPEED = 8, MAX_TORQUE = 2, DT = 0.05, GRAVITY = 10, MASS = 1, LENGTH = 1;

    private static final Space OBSERVATIONS = new Box(new double[] {-1, -1, -MAX_SPEED}, new double[] {1, 1, MAX_SPEED});
    private static final Box ACTIONS = Box.uniform(-MAX_TORQUE, MAX_TORQUE, 1);

    private double theta, thetaDot;

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
        theta = uniform(-Math.PI, Math.PI);
        thetaDot = uniform(-1, 1);
        return new Reset(observation(), Map.of());
    }

    /** Starts an episode from a given state (for tests and demonstrations). */
    public Reset resetTo(double theta, double thetaDot) {
        this.theta = theta;
        this.thetaDot = thetaDot;
        return new Reset(observation(), Map.of());
    }

    /**
     * Any real torque is accepted and clipped to {@code [-2, 2]}, as Gymnasium does, so an unbounded Gaussian
     * policy can act directly.
     */
    @Override
    public Step step(double[] action) {
        if (action.length != 1 || !Double.isFinite(action[0])) {
            throw new IllegalArgumentException("Pendulum.step: expected one finite torque, got " + java.util.Arrays.toString(action));
        }
        double u = Math.min(MAX_TORQUE, Math.max(-MAX_TORQUE, action[0]));
        double angle = normalizeAngle(theta);
        double cost = angle * angle + 0.1 * thetaDot * thetaDot + 0.001 * u * u;
        double newThetaDot = thetaDot + (3 * GRAVITY / (2 * LENGTH) * Math.sin(theta) + 3.0 / (MASS * LENGTH * LENGTH) * u) * DT;
        thetaDot = Math.min(MAX_SPEED, Math.max(-MAX_SPEED, newThetaDot));
        theta = theta + thetaDot * DT;
        return new Step(observation(), -cost, false, false, Map.of());
    }

    /** {@code x} wrapped into {@code [-pi, pi)}: numpy's {@code ((x + pi) % (2 pi)) - pi}, whose % is never negative. */
    static double normalizeAngle(double x) {
        double twoPi = 2 * Math.PI;
        double shifted = x + Math.PI;
        return shifted - twoPi * Math.floor(shifted / twoPi) - Math.PI;
    }

    private double[] observation() {
        return new double[] {Math.cos(theta), Math.sin(theta), thetaDot};
    }
}
