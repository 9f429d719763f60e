package jgrad.rl.apps;

import jgrad.rl.algo.Evaluation;
import jgrad.rl.env.Env;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ApplicationEnvsTest {
    @Test
    void armAccelerationFromRestMatchesTheEquationsOfMotion() {
        var arm = new TwoLinkArm();
        arm.resetTo(0, 0, 0, 0, 0.5, 0.5);
        // q = 0, tau = (1, 0): m l^2 = 0.25, M = [[1.25, 0.5], [0.5, 0.25]], det = 0.0625;
        // q'' = M^-1 tau = (0.25 * 1 / 0.0625, -0.5 * 1 / 0.0625) = (4, -8); after 0.05 s: q' = (0.2, -0.4), q = (0.01, -0.02)
        Env.Step s = arm.step(new double[] {1, 0});
        double[] obs = s.observation();
        assertThat(obs[4] * 5).isCloseTo(0.2, within(1e-12));
        assertThat(obs[5] * 5).isCloseTo(-0.4, within(1e-12));
        assertThat(Math.atan2(obs[1], obs[0])).isCloseTo(0.01, within(1e-12));
        assertThat(Math.atan2(obs[3], obs[2])).isCloseTo(-0.02, within(1e-12));
        // reward = -|tip - target| - 0.01 |tau|^2, tip from the new angles
        double tipX = 0.5 * Math.cos(0.01) + 0.5 * Math.cos(-0.01), tipY = 0.5 * Math.sin(0.01) + 0.5 * Math.sin(-0.01);
        assertThat(s.reward()).isCloseTo(-Math.hypot(tipX - 0.5, tipY - 0.5) - 0.01, within(1e-12));
        // no torque, at rest: nothing moves (no gravity in the horizontal plane)
        arm.resetTo(0.3, 1.0, 0, 0, 0, 0.5);
        double[] before = arm.step(new double[] {0, 0}).observation();
        assertThat(before[4]).isZero();
        assertThat(before[5]).isZero();
    }

    @Test
    void laneKeepingFollowsTheBicycleModelOnAStraightRoad() {
        var car = new LaneKeeping();
        // no steering: psi stays 0.1, e' = v sin(psi): e = 0.5 + 10 sin(0.1) 0.1
        car.resetStraight(0.5, 0.1);
        Env.Step s = car.step(new double[] {0});
        double e = 0.5 + Math.sin(0.1);
        assertThat(s.observation()[0]).isCloseTo(e, within(1e-12));
        assertThat(s.observation()[1]).isCloseTo(0.1, within(1e-12));
        assertThat(s.reward()).isCloseTo(1 - e * e - 0.5 * 0.01, within(1e-12));
        // steering 0.1 rad from a centred start: psi = v tan(0.1) / L * dt = 0.4 tan(0.1); the change costs 10 * 0.1^2
        car.resetStraight(0, 0);
        s = car.step(new double[] {0.1});
        double psi = 0.4 * Math.tan(0.1);
        assertThat(s.observation()[1]).isCloseTo(psi, within(1e-12));
        assertThat(s.reward()).isCloseTo(1 - 0.5 * psi * psi - 0.1, within(1e-12));
        // leaving the lane terminates with -10
        car.resetStraight(1.7, 0.3);
        s = car.step(new double[] {0});
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isEqualTo(-10.0);
    }

    @Test
    void snakeTurnsRelativeToItsHeadingAndDiesAtTheWall() {
        var snake = new Snake();
        long seed = 0;
        double[] obs = snake.reset(seed).observation();
        while (obs[12] == 0 && obs[13] == 0) obs = snake.reset(++seed).observation();   // food off the head's row: not on the way
        assertThat(obs[6]).as("starts heading east").isEqualTo(1);
        // head at (4, 4) heading east: straight on three times reaches x = 7 at the wall, the fourth hits it
        for (int i = 0; i < 3; i++) assertThat(snake.step(0).done()).isFalse();
        Env.Step s = snake.step(0);
        assertThat(s.terminated()).isTrue();
        assertThat(s.reward()).isEqualTo(-1.0);
        obs = snake.reset(seed).observation();
        obs = snake.step(1).observation();
        assertThat(obs[7]).as("turning left from east heads north").isEqualTo(1);
        obs = snake.step(2).observation();
        assertThat(obs[6]).as("then turning right heads east again").isEqualTo(1);
    }

    @Test
    void schedulingReturnIsMinusTotalTardinessAndTheRulesDiffer() {
        var env = new JobScheduling();
        env.reset(4);
        var random = new SplittableRandom(1);
        double total = 0, tardiness = 0;
        int steps = 0;
        Env.Step s;
        do {
            s = env.step(random.nextInt(3));
            total += s.reward();
            tardiness += (double) s.info().get("tardiness");
            steps++;
        } while (!s.done());
        assertThat(steps).as("one decision per job").isEqualTo(JobScheduling.JOBS);
        assertThat(total).isCloseTo(-tardiness / 10, within(1e-9));
        // the same arrivals (seed 4) scheduled by SPT and by EDF: a job sequence in which the rules never
        // disagreed would give equal tardiness, so different totals show each rule picks its own job
        double spt = Evaluation.run(JobScheduling::new, Evaluation.perObservation(JobScheduling.shortestProcessingTime()), 1, 4).mean();
        double edf = Evaluation.run(JobScheduling::new, Evaluation.perObservation(JobScheduling.earliestDeadlineFirst()), 1, 4).mean();
        assertThat(spt).isNotEqualTo(edf);
    }

    @Test
    void intersectionChargesTheQueueAndSpendsOneStepAllRedWhenSwitching() {
        var env = new Intersection();
        double[] obs = env.reset(2).observation();
        int phase = obs[4] == 1 ? 0 : 1;
        Env.Step s = env.step(1 - phase);
        assertThat(s.observation()[7]).as("all red after a change").isEqualTo(1);
        assertThat(s.reward()).isCloseTo(-(int) s.info().get("queue") / 10.0, within(1e-12));
        s = env.step(1 - phase);
        assertThat(s.observation()[7]).isZero();
        assertThat(s.observation()[4 + (1 - phase)]).isEqualTo(1);
        // the fixed cycle switches once the phase has lasted `green` steps
        double[] longGreen = {0, 0, 0, 0, 1, 0, 0.5, 0};
        assertThat(Intersection.fixedCycle(5).apply(longGreen)[0]).isEqualTo(1.0);
        assertThat(Intersection.fixedCycle(6).apply(longGreen)[0]).isEqualTo(0.0);
    }

    @Test
    void everyBaselineRunsAndEveryAppIsReproducible() {
        for (Applications.App app : Applications.all()) {
            for (var baseline : app.baselines().values()) {
                var a = Evaluation.run(app.factory(), Evaluation.perObservation(baseline), 3, 11);
                var b = Evaluation.run(app.factory(), Evaluation.perObservation(baseline), 3, 11);
                assertThat(a.returns()).as(app.name()).containsExactly(b.returns());
            }
        }
    }
}
