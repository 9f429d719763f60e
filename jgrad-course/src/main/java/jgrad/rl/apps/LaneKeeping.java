package jgrad.rl.apps;

import jgrad.rl.env.AbstractEnv;
import jgrad.rl.env.Box;
import jgrad.rl.env.Space;

import java.util.Map;
import java.util.function.Function;

/**
 * Driving: keep a car in the middle of its lane on a winding road, steering only (constant speed).
 *
 * <p>The car is a kinematic bicycle (wheelbase {@code L = 2.5 m}, speed {@code v = 10 m/s}, steering angle
 * {@code delta in [-0.5, 0.5]} rad) written in road coordinates: arc length {@code s}, lateral offset {@code e}
 * (left positive) and heading error {@code psi} relative to the road, whose curvature is {@code kappa(s)}:
 * <pre>
 *   s'   = v cos(psi) / (1 - kappa e)
 *   e'   = v sin(psi)
 *   psi' = v tan(delta) / L - kappa s'
 * </pre>
 * integrated with Euler steps of 0.1 s. The road is {@code kappa(s) = a1 sin(s / 40 + phi1) + a2 sin(s / 15 + phi2)}
 * with {@code a1 ~ U[-0.04, 0.04]}, {@code a2 ~ U[-0.02, 0.02]} (radii down to about 17 m), drawn per episode.
 *
 * <ul>
 *   <li>Reward per step: {@code 1 - e^2 - 0.5 psi^2 - 10 (delta - delta_prev)^2}: stay centred and aligned,
 *       and steer smoothly (the last term is ride comfort: a jerky wheel costs); leaving the lane
 *       ({@code |e| > 1.75 m}) terminates with -10.</li>
 *   <li>Observation (7): {@code e}, {@code psi}, the previous steering angle, and the curvature now and 5, 10,
 *       20 m ahead, times 20.</li>
 *   <li>Episode: 300 steps (30 s, about 300 m).</li>
 * </ul>
 * {@link #feedbackController()} is a tuned baseline that steers on offset and heading error (it does not read the curvature ahead).
 */
public final class LaneKeeping extends AbstractEnv {
    public static final double WHEELBASE = 2.5, SPEED = 10, DT = 0.1, MAX_STEER = 0.5, HALF_LANE = 1.75;
    private static final double[] PREVIEW = {0, 5, 10, 20};
    private static final Space OBSERVATIONS = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 7);
    private static final Box ACTIONS = Box.uniform(-MAX_STEER, MAX_STEER, 1);

    private double s, e, psi, previousSteer, a1, a2, phi1, phi2;

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
        a1 = uniform(-0.04, 0.04);
        a2 = uniform(-0.02, 0.02);
        phi1 = uniform(0, 2 * Math.PI);
        phi2 = uniform(0, 2 * Math.PI);
        s = 0;
        e = uniform(-0.5, 0.5);
        psi = uniform(-0.1, 0.1);
        previousSteer = 0;
        return new Reset(observation(), Map.of());
    }

    /** Starts an episode on a straight road ({@code kappa = 0}) from offset {@code e} and heading error {@code psi}. */
    public Reset resetStraight(double e, double psi) {
        a1 = 0;
        a2 = 0;
        s = 0;
        this.e = e;
        this.psi = psi;
        previousSteer = 0;
        return new Reset(observation(), Map.of());
    }

    /** Any real steering command is accepted and clipped to the steering range. */
    @Override
    public Step step(double[] action) {
        if (action.length != 1 || !Double.isFinite(action[0])) {
            throw new IllegalArgumentException("LaneKeeping.step: expected one finite steering angle, got " + java.util.Arrays.toString(action));
        }
        double delta = Math.min(MAX_STEER, Math.max(-MAX_STEER, action[0]));
        double kappa = curvature(s);
        double sDot = SPEED * Math.cos(psi) / (1 - kappa * e);
        double eDot = SPEED * Math.sin(psi);
        double psiDot = SPEED * Math.tan(delta) / WHEELBASE - kappa * sDot;
        double steerChange = delta - previousSteer;
        previousSteer = delta;
        s += sDot * DT;
        e += eDot * DT;
        psi += psiDot * DT;
        if (Math.abs(e) > HALF_LANE) return new Step(observation(), -10, true, false, Map.of("offset", Math.abs(e)));
        double reward = 1 - e * e - 0.5 * psi * psi - 10 * steerChange * steerChange;
        return new Step(observation(), reward, false, false, Map.of("offset", Math.abs(e)));
    }

    double curvature(double at) {
        return a1 * Math.sin(at / 40 + phi1) + a2 * Math.sin(at / 15 + phi2);
    }

    private double[] observation() {
        double[] obs = new double[3 + PREVIEW.length];
        obs[0] = e;
        obs[1] = psi;
        obs[2] = previousSteer;
        for (int i = 0; i < PREVIEW.length; i++) obs[3 + i] = 20 * curvature(s + PREVIEW[i]);
        return obs;
    }

    /**
     * {@code delta = -0.8 e - 2 psi}: the best gains of the grid {@code kE in {0.3, 0.8, 1.2, 2, 3}} x
     * {@code kPsi in {1, 2, 3, 4, 6}} on the 100 evaluation episodes (scripts/rl_baseline_gains.java).
     */
    public static Function<double[], double[]> feedbackController() {
        return feedbackController(0.8, 2.0);
    }

    /** {@code delta = -kE e - kPsi psi}. */
    public static Function<double[], double[]> feedbackController(double kE, double kPsi) {
        return obs -> new double[] {-kE * obs[0] - kPsi * obs[1]};
    }
}
