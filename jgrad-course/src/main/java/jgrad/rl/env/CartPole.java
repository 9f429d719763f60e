package jgrad.rl.env;

import java.util.Map;

/**
 * CartPole-v1 with Gymnasium's equations and constants (Barto, Sutton and Anderson, 1983): a pole hinged on
 * a cart; push the cart left (action 0) or right (action 1) with 10 N to keep the pole up.
 *
 * <p>State {@code (x, x', theta, theta')}. With {@code F = +-10}, {@code m_c = 1}, {@code m_p = 0.1},
 * {@code M = m_c + m_p}, half-length {@code l = 0.5}, {@code g = 9.8}:
 * <pre>
 *   temp   = (F + m_p l theta'^2 sin theta) / M
 *   theta'' = (g sin theta - cos theta temp) / (l (4/3 - m_p cos^2 theta / M))
 *   x''     = temp - m_p l theta'' cos theta / M
 * </pre>
 * then one explicit Euler step of {@code tau = 0.02} s: {@code x += tau x'; x' += tau x''; theta += tau theta';
 * theta' += tau theta''} (positions first, with the old velocities). Reward 1 for every step, including the
 * last one. The episode terminates when {@code |x| > 2.4} or {@code |theta| > 12 degrees}; {@link Envs#make}
 * adds the 500-step time limit of v1. Initial state: each component uniform in {@code [-0.05, 0.05]}.
 */
public final class CartPole extends AbstractEnv {
    public static final double GRAVITY = 9.8, MASS_CART = 1.0, MASS_POLE = 0.1, TOTAL_MASS = MASS_CART + MASS_POLE;
    public static final double HALF_LENGTH = 0.5, POLE_MASS_LENGTH = MASS_POLE * HALF_LENGTH, FORCE = 10.0, TAU = 0.02;
    public static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360, X_THRESHOLD = 2.4;

    private static final Space OBSERVATIONS = new Box(
            new double[] {-2 * X_THRESHOLD, Double.NEGATIVE_INFINITY, -2 * THETA_THRESHOLD, Double.NEGATIVE_INFINITY},
            new double[] {2 * X_THRESHOLD, Double.POSITIVE_INFINITY, 2 * THETA_THRESHOLD, Double.POSITIVE_INFINITY});
    private static final Space ACTIONS = new Discrete(2);

    private final double[] state = new double[4];
    private boolean over = true;

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
        for (int i = 0; i < 4; i++) state[i] = uniform(-0.05, 0.05);
        over = false;
        return new Reset(state.clone(), Map.of());
    }

    /** Starts an episode from a given state (for tests and demonstrations). */
    public Reset resetTo(double x, double xDot, double theta, double thetaDot) {
        state[0] = x;
        state[1] = xDot;
        state[2] = theta;
        state[3] = thetaDot;
        over = false;
        return new Reset(state.clone(), Map.of());
    }

    @Override
    public Step step(double[] action) {
        requireAction(action);
        if (over) {
            throw new IllegalStateException("CartPole.step: the episode is over; call reset() first");
        }
        double x = state[0], xDot = state[1], theta = state[2], thetaDot = state[3];
        double force = action[0] == 1 ? FORCE : -FORCE;
        double cos = Math.cos(theta), sin = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp) / (HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        state[0] = x + TAU * xDot;
        state[1] = xDot + TAU * xAcc;
        state[2] = theta + TAU * thetaDot;
        state[3] = thetaDot + TAU * thetaAcc;
        over = Math.abs(state[0]) > X_THRESHOLD || Math.abs(state[2]) > THETA_THRESHOLD;
        return new Step(state.clone(), 1.0, over, false, Map.of());
    }
}
