package jgrad.rl.apps;

import jgrad.rl.env.AbstractEnv;
import jgrad.rl.env.Box;
import jgrad.rl.env.Discrete;
import jgrad.rl.env.Space;

import java.util.Map;

/**
 * Traffic: one signalised intersection with four approach lanes (N, S, E, W) and two phases
 * (0: north-south green, 1: east-west green). A step is 2 seconds.
 *
 * <ul>
 *   <li>Arrivals: each lane gets a car with probability {@code p_lane(t)} per step. The demand shifts during the
 *       episode: north-south carries 0.35 and east-west 0.10 per lane at the start, the reverse at the end,
 *       linearly in between (a morning peak turning into an evening one), so no fixed split suits the whole episode.</li>
 *   <li>Departures: each green lane lets one car through per step. Changing the phase costs one step of
 *       all-red (yellow) during which nobody moves.</li>
 *   <li>Reward: {@code -(total queue) / 10} per step, so the return is minus the total waiting time in
 *       car-steps / 10. Queues are capped at 50 cars per lane (arrivals beyond it are turned away and cost 1 each).</li>
 *   <li>Observation (8): the four queues / 10, the phase (one-hot, 2), steps since the last change / 10, all-red flag.</li>
 * </ul>
 * {@link #fixedCycle(int)} is the classical controller: the phases alternate every {@code green} steps.
 */
public final class Intersection extends AbstractEnv {
    public static final int EPISODE_STEPS = 300, MAX_QUEUE = 50;
    private static final Space OBSERVATIONS = Box.uniform(0, Double.POSITIVE_INFINITY, 8);
    private static final Space ACTIONS = new Discrete(2);

    private final int[] queues = new int[4];   // N, S, E, W
    private int phase, sinceChange, step;
    private boolean allRed;

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
        java.util.Arrays.fill(queues, 0);
        phase = random.nextInt(2);
        sinceChange = 0;
        step = 0;
        allRed = false;
        return new Reset(observation(), Map.of());
    }

    @Override
    public Step step(double[] action) {
        requireAction(action);
        int wanted = (int) action[0];
        double reward = 0;
        if (allRed) {
            allRed = false;                     // the all-red step is over: the new phase is green now
        } else if (wanted != phase) {
            phase = wanted;
            allRed = true;
            sinceChange = 0;
        }
        if (!allRed) {
            for (int lane = 0; lane < 4; lane++) {
                if (greenFor(lane) && queues[lane] > 0) queues[lane]--;
            }
        }
        double progress = step / (double) EPISODE_STEPS;
        double northSouth = 0.35 + (0.10 - 0.35) * progress, eastWest = 0.10 + (0.35 - 0.10) * progress;
        for (int lane = 0; lane < 4; lane++) {
            if (random.nextDouble() < (lane < 2 ? northSouth : eastWest)) {
                if (queues[lane] < MAX_QUEUE) queues[lane]++;
                else reward -= 1;
            }
        }
        int total = queues[0] + queues[1] + queues[2] + queues[3];
        reward -= total / 10.0;
        sinceChange++;
        step++;
        return new Step(observation(), reward, false, false, Map.of("queue", total));
    }

    private boolean greenFor(int lane) {
        return (lane < 2) == (phase == 0);
    }

    private double[] observation() {
        return new double[] {queues[0] / 10.0, queues[1] / 10.0, queues[2] / 10.0, queues[3] / 10.0,
                phase == 0 ? 1 : 0, phase == 1 ? 1 : 0, sinceChange / 10.0, allRed ? 1 : 0};
    }

    /** The fixed-cycle controller: keep a phase for {@code green} steps, then switch. Reads the observation only. */
    public static java.util.function.Function<double[], double[]> fixedCycle(int green) {
        return obs -> {
            int phase = obs[4] == 1 ? 0 : 1;
            boolean switchNow = obs[7] == 0 && obs[6] * 10 >= green;
            return new double[] {switchNow ? 1 - phase : phase};
        };
    }
}
