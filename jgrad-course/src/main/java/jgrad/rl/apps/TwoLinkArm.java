package jgrad.rl.apps;

import jgrad.rl.env.AbstractEnv;
import jgrad.rl.env.Box;
import jgrad.rl.env.Space;

import java.util.Map;
import java.util.function.Function;

/**
 * Robot control: a two-link planar arm (horizontal plane, no gravity) that must bring its fingertip to a
 * random target using joint torques.
 *
 * <p>Links of length {@code l = 0.5 m} with point masses {@code m = 1 kg} at their ends, joint damping
 * {@code b = 0.1}. With joint angles {@code q = (q1, q2)} and {@code h = m l^2 sin q2}, the equations of motion
 * {@code M(q) q'' + c(q, q') + b q' = tau} have
 * <pre>
 *   M11 = 2 m l^2 + m l^2 + 2 m l^2 cos q2 = m l^2 (3 + 2 cos q2),   M12 = M21 = m l^2 (1 + cos q2),   M22 = m l^2
 *   c1  = -h (2 q1' q2' + q2'^2),                                    c2  = h q1'^2
 * </pre>
 * integrated with semi-implicit Euler steps of 0.05 s. Torques are clipped to {@code [-1, 1]} N m.
 *
 * <ul>
 *   <li>Target: uniform in the ring {@code 0.2 <= r <= 0.9} m around the shoulder, drawn per episode.</li>
 *   <li>Reward per step: {@code -|tip - target| - 0.01 |tau|^2}. Episode: 100 steps (5 s).</li>
 *   <li>Observation (10): {@code cos q, sin q} (4), {@code q' / 5} (2), target (2), {@code tip - target} (2).</li>
 * </ul>
 * {@link #jacobianTransposeController()} is the classical baseline, {@code tau = J^T K (target - tip) - D q'}.
 */
public final class TwoLinkArm extends AbstractEnv {
    public static final double LENGTH = 0.5, MASS = 1, DAMPING = 0.1, DT = 0.05, MAX_TORQUE = 1;
    private static final Space OBSERVATIONS = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 10);
    private static final Box ACTIONS = Box.uniform(-MAX_TORQUE, MAX_TORQUE, 2);

    private double q1, q2, w1, w2, targetX, targetY;

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
        q1 = uniform(-Math.PI, Math.PI);
        q2 = uniform(-2.5, 2.5);
        w1 = 0;
        w2 = 0;
        double r = Math.sqrt(uniform(0.2 * 0.2, 0.9 * 0.9)), angle = uniform(-Math.PI, Math.PI);   // uniform over the ring's area
        targetX = r * Math.cos(angle);
        targetY = r * Math.sin(angle);
        return new Reset(observation(), Map.of());
    }

    /** Starts an episode from a given state and target (for tests and demonstrations). */
    public Reset resetTo(double q1, double q2, double w1, double w2, double targetX, double targetY) {
        this.q1 = q1;
        this.q2 = q2;
        this.w1 = w1;
        this.w2 = w2;
        this.targetX = targetX;
        this.targetY = targetY;
        return new Reset(observation(), Map.of());
    }

    /** Any real torques are accepted and clipped to {@code [-1, 1]}. */
    @Override
    public Step step(double[] action) {
        if (action.length != 2 || !Double.isFinite(action[0]) || !Double.isFinite(action[1])) {
            throw new IllegalArgumentException("TwoLinkArm.step: expected two finite torques, got " + java.util.Arrays.toString(action));
        }
        double t1 = Math.min(MAX_TORQUE, Math.max(-MAX_TORQUE, action[0]));
        double t2 = Math.min(MAX_TORQUE, Math.max(-MAX_TORQUE, action[1]));
        double ml2 = MASS * LENGTH * LENGTH, cos2 = Math.cos(q2), h = ml2 * Math.sin(q2);
        double m11 = ml2 * (3 + 2 * cos2), m12 = ml2 * (1 + cos2), m22 = ml2;
        double rhs1 = t1 + h * (2 * w1 * w2 + w2 * w2) - DAMPING * w1;
        double rhs2 = t2 - h * w1 * w1 - DAMPING * w2;
        double det = m11 * m22 - m12 * m12;                     // = ml2^2 (2 - cos^2 q2) > 0
        double a1 = (m22 * rhs1 - m12 * rhs2) / det, a2 = (m11 * rhs2 - m12 * rhs1) / det;
        w1 += a1 * DT;
        w2 += a2 * DT;
        q1 += w1 * DT;
        q2 += w2 * DT;
        double[] tip = tip();
        double distance = Math.hypot(tip[0] - targetX, tip[1] - targetY);
        return new Step(observation(), -distance - 0.01 * (t1 * t1 + t2 * t2), false, false, Map.of("distance", distance));
    }

    private double[] tip() {
        return new double[] {LENGTH * Math.cos(q1) + LENGTH * Math.cos(q1 + q2), LENGTH * Math.sin(q1) + LENGTH * Math.sin(q1 + q2)};
    }

    private double[] observation() {
        double[] tip = tip();
        return new double[] {Math.cos(q1), Math.sin(q1), Math.cos(q2), Math.sin(q2), w1 / 5, w2 / 5,
                targetX, targetY, tip[0] - targetX, tip[1] - targetY};
    }

    /**
     * {@code tau = J^T K (target - tip) - D q'} with {@code K = 40}, {@code D = 3}: a spring pulling the fingertip
     * to the target, mapped to joint torques by the transposed Jacobian, and damping. The gains are the best of the
     * grids {@code K in {2, 4, 6, 10, 15, 25}} x {@code D in {0.1, 0.3, 0.6, 1, 2}} and {@code K in {4, 10, 25, 40, 60, 100}} x {@code D in {0.6, 1, 2, 3, 5}} on 100 episodes (scripts/rl_baseline_gains.java).
     */
    public static Function<double[], double[]> jacobianTransposeController() {
        return jacobianTransposeController(40, 3);
    }

    /** {@code tau = J^T K (target - tip) - D q'}. */
    public static Function<double[], double[]> jacobianTransposeController(double stiffness, double damping) {
        return obs -> {
            double q1 = Math.atan2(obs[1], obs[0]), q12 = q1 + Math.atan2(obs[3], obs[2]);
            double fx = -stiffness * obs[8], fy = -stiffness * obs[9];
            // J = [[-l sin q1 - l sin q12, -l sin q12], [l cos q1 + l cos q12, l cos q12]]
            double j11 = -LENGTH * Math.sin(q1) - LENGTH * Math.sin(q12), j12 = -LENGTH * Math.sin(q12);
            double j21 = LENGTH * Math.cos(q1) + LENGTH * Math.cos(q12), j22 = LENGTH * Math.cos(q12);
            return new double[] {j11 * fx + j21 * fy - damping * 5 * obs[4], j12 * fx + j22 * fy - damping * 5 * obs[5]};
        };
    }
}
