package jgrad.rl.env;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The classic-control dynamics against values worked out by hand from Gymnasium's equations (the working
 * is in the comments). Tolerance 1e-12: the same double arithmetic in a different order.
 */
class ClassicControlDynamicsTest {
    private static final double TOL = 1e-12;

    @Test
    void cartPoleFirstStepFromRestMatchesTheEquations() {
        var env = new CartPole();
        env.resetTo(0, 0, 0, 0);
        // F = +10, sin = 0, cos = 1: temp = 10 / 1.1 = 100/11;
        // theta'' = (0 - 100/11) / (0.5 (4/3 - 0.1/1.1)) = -(100/11) / (41/66) = -600/41;
        // x'' = 100/11 - 0.05 (-600/41) / 1.1 = 100/11 + 300/451 = 4400/451.
        // Euler with the old velocities (all zero): x = 0, x' = 0.02 * 4400/451 = 88/451, theta = 0, theta' = -12/41.
        Env.Step s = env.step(1);
        assertThat(s.observation()[0]).isCloseTo(0, within(TOL));
        assertThat(s.observation()[1]).isCloseTo(88.0 / 451, within(TOL));
        assertThat(s.observation()[2]).isCloseTo(0, within(TOL));
        assertThat(s.observation()[3]).isCloseTo(-12.0 / 41, within(TOL));
        assertThat(s.reward()).isEqualTo(1.0);
        assertThat(s.terminated()).isFalse();
        // second step: positions move with the velocities of the first step (explicit Euler, not semi-implicit)
        Env.Step t = env.step(1);
        assertThat(t.observation()[0]).isCloseTo(0.02 * 88 / 451, within(TOL));
        assertThat(t.observation()[2]).isCloseTo(0.02 * -12 / 41, within(TOL));
    }

    @Test
    void cartPolePushingLeftMirrorsPushingRight() {
        var env = new CartPole();
        env.resetTo(0, 0, 0, 0);
        Env.Step s = env.step(0);
        assertThat(s.observation()[1]).isCloseTo(-88.0 / 451, within(TOL));
        assertThat(s.observation()[3]).isCloseTo(12.0 / 41, within(TOL));
    }

    @Test
    void cartPoleTerminatesPastTwelveDegreesAndStillPaysTheStep() {
        var env = new CartPole();
        // theta = 0.2 rad is inside 12 degrees = 0.20944 rad; theta' = 1 moves it to 0.2 + 0.02 = 0.22, outside.
        env.resetTo(0, 0, 0.2, 1);
        Env.Step s = env.step(0);
        assertThat(s.observation()[2]).isCloseTo(0.22, within(TOL));
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isEqualTo(1.0);
        assertThatThrownBy(() -> env.step(0)).hasMessageContaining("reset()");
        // x = 2.39 with x' = 1 moves to 2.41 > 2.4
        env.resetTo(2.39, 1, 0, 0);
        assertThat(env.step(1).terminated()).isTrue();
    }

    @Test
    void cartPoleRejectsActionsOutsideTheSpace() {
        var env = new CartPole();
        env.reset(0);
        assertThatThrownBy(() -> env.step(2)).hasMessageContaining("CartPole.step").hasMessageContaining("Discrete[n=2]");
    }

    @Test
    void cartPoleV1IsTruncatedAfter500Steps() {
        Env env = Envs.make("CartPole-v1");
        assertThat(((TimeLimit) env).maxSteps()).isEqualTo(500);
        assertThat(Envs.maxSteps("Pendulum-v1")).isEqualTo(200);
        assertThat(Envs.maxSteps("MountainCar-v0")).isEqualTo(200);
    }

    @Test
    void pendulumStepMatchesTheEquations() {
        var env = new Pendulum();
        // upright at rest, u = 2: cost = 0 + 0 + 0.001 * 4 = 0.004;
        // theta' = 0 + (15 sin 0 + 3 * 2) * 0.05 = 0.3; theta = 0 + 0.3 * 0.05 = 0.015 (the new speed: semi-implicit)
        env.resetTo(0, 0);
        Env.Step s = env.step(new double[] {2});
        assertThat(s.reward()).isCloseTo(-0.004, within(TOL));
        assertThat(s.observation()).containsExactly(new double[] {Math.cos(0.015), Math.sin(0.015), 0.3}, within(TOL));
        assertThat(s.terminated() || s.truncated()).isFalse();
        // horizontal, u = 0: cost = (pi/2)^2; theta' = 15 * 1 * 0.05 = 0.75; theta = pi/2 + 0.0375
        env.resetTo(Math.PI / 2, 0);
        s = env.step(new double[] {0});
        assertThat(s.reward()).isCloseTo(-(Math.PI / 2) * (Math.PI / 2), within(TOL));
        assertThat(s.observation()[2]).isCloseTo(0.75, within(TOL));
        assertThat(s.observation()[1]).isCloseTo(Math.sin(Math.PI / 2 + 0.0375), within(TOL));
    }

    @Test
    void pendulumClipsTorqueAndSpeedAndWrapsTheAngleInTheCost() {
        var env = new Pendulum();
        // u = 5 is clipped to 2: the same cost as u = 2
        env.resetTo(0, 0);
        assertThat(env.step(new double[] {5}).reward()).isCloseTo(-0.004, within(TOL));
        // theta' = 7.9 + (15 + 6) 0.05 = 8.95 is clipped to 8; theta = pi/2 + 8 * 0.05
        env.resetTo(Math.PI / 2, 7.9);
        Env.Step s = env.step(new double[] {2});
        assertThat(s.observation()[2]).isEqualTo(8.0);
        assertThat(s.observation()[1]).isCloseTo(Math.sin(Math.PI / 2 + 0.4), within(TOL));
        // theta = 3 pi / 2 is the same point as -pi/2: cost (pi/2)^2, not (3 pi/2)^2
        env.resetTo(3 * Math.PI / 2, 0);
        assertThat(env.step(new double[] {0}).reward()).isCloseTo(-(Math.PI / 2) * (Math.PI / 2), within(1e-9));
        assertThat(Pendulum.normalizeAngle(Math.PI)).isCloseTo(-Math.PI, within(TOL));
        assertThat(Pendulum.normalizeAngle(-0.5)).isCloseTo(-0.5, within(TOL));
    }

    @Test
    void mountainCarStepMatchesTheEquations() {
        var env = new MountainCar();
        // p = -0.5, v = 0, push right: v = 0.001 - 0.0025 cos(-1.5) = 0.001 - 0.0025 * 0.0707372016677029
        env.resetTo(-0.5, 0);
        Env.Step s = env.step(2);
        double v = 0.001 - 0.0025 * 0.0707372016677029;
        assertThat(s.observation()[1]).isCloseTo(v, within(TOL));
        assertThat(s.observation()[0]).isCloseTo(-0.5 + v, within(TOL));
        assertThat(s.reward()).isEqualTo(-1.0);
        // the left wall: p = -1.19, v = -0.07, push left: v = -0.071 + 0.0025 * 0.910... = -0.0687...; p = -1.2587.. is
        // clipped to -1.2 and the velocity set to 0
        env.resetTo(-1.19, -0.07);
        s = env.step(0);
        assertThat(s.observation()).containsExactly(-1.2, 0.0);
        // the flag: p = 0.49, v = 0.02, no push: v = 0.02 - 0.0025 cos(1.47) = 0.02 - 0.0025 * 0.1006257 = 0.0197484...; p = 0.5097... >= 0.5
        env.resetTo(0.49, 0.02);
        s = env.step(1);
        assertThat(s.observation()[1]).isCloseTo(0.02 - 0.0025 * 0.1006257334, within(1e-11));
        assertThat(s.terminated()).isTrue();
    }

    @Test
    void resetWithTheSameSeedGivesTheSameEpisode() {
        for (String id : new String[] {"CartPole-v1", "Pendulum-v1", "MountainCar-v0"}) {
            Env a = Envs.make(id), b = Envs.make(id);
            assertThat(a.reset(7).observation()).as(id).containsExactly(b.reset(7).observation());
            assertThat(a.reset(8).observation()).as(id).isNotEqualTo(b.reset(7).observation());
            assertThat(a.observationSpace().contains(a.reset(9).observation())).as(id).isTrue();
        }
        double[] start = Envs.make("CartPole-v1").reset(3).observation();
        for (double x : start) assertThat(Math.abs(x)).isLessThanOrEqualTo(0.05);
    }
}
