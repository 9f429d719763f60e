package jgrad.rl.apps;

import jgrad.rl.env.AbstractEnv;
import jgrad.rl.env.Box;
import jgrad.rl.env.Discrete;
import jgrad.rl.env.Space;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scheduling: one machine, jobs arriving over time, each with a processing time and a due date; run them
 * one at a time without preemption and keep the total tardiness {@code sum_j max(0, C_j - d_j)} small.
 *
 * <ul>
 *   <li>Jobs: 60 per episode; each time unit a job arrives with probability 0.19; durations uniform in 1..9
 *       (mean 5, so the machine is busy about 95% of the time); due date = arrival + duration + slack, slack uniform in 0..15.</li>
 *   <li>Decision: whenever the machine is free and jobs wait, pick one of the first {@value #SLOTS} waiting
 *       jobs (in arrival order); an empty slot means the first waiting job. The environment then runs the
 *       clock to the next decision.</li>
 *   <li>Reward: minus the tardiness of the job just started / 10 (known at dispatch, since its completion time
 *       is), so the return is minus the total tardiness / 10. The episode terminates when all jobs are done.</li>
 *   <li>Observation (3 x SLOTS + 1): per slot (present, duration / 10, (due - now) / 20), then the queue length / 10.</li>
 * </ul>
 * {@link #shortestProcessingTime()} and {@link #earliestDeadlineFirst()} are the classical dispatching rules.
 */
public final class JobScheduling extends AbstractEnv {
    public static final int SLOTS = 5, JOBS = 60;
    private static final double ARRIVAL_PROBABILITY = 0.19;
    private static final Space OBSERVATIONS = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 3 * SLOTS + 1);
    private static final Space ACTIONS = new Discrete(SLOTS);

    private record Job(int duration, int due) {
    }

    private final List<Job> waiting = new ArrayList<>();
    private int now, arrived, done;

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
        waiting.clear();
        now = 0;
        arrived = 0;
        done = 0;
        advanceTo(0);
        return new Reset(observation(), Map.of());
    }

    @Override
    public Step step(double[] action) {
        requireAction(action);
        int slot = (int) action[0];
        Job job = waiting.remove(slot < waiting.size() ? slot : 0);
        int completion = now + job.duration;
        double tardiness = Math.max(0, completion - job.due);
        done++;
        boolean finished = done == JOBS;
        if (!finished) advanceTo(completion);
        return new Step(observation(), -tardiness / 10.0, finished, false, Map.of("tardiness", tardiness));
    }

    /** Runs the clock from {@code time}, drawing arrivals, until at least one job waits (or none are left to come). */
    private void advanceTo(int time) {
        while (now < time) arrivals();
        while (waiting.isEmpty() && arrived < JOBS) arrivals();
    }

    private void arrivals() {
        now++;
        if (arrived < JOBS && random.nextDouble() < ARRIVAL_PROBABILITY) {
            int duration = 1 + random.nextInt(9);
            waiting.add(new Job(duration, now + duration + random.nextInt(16)));
            arrived++;
        }
    }

    private double[] observation() {
        double[] obs = new double[3 * SLOTS + 1];
        for (int k = 0; k < Math.min(SLOTS, waiting.size()); k++) {
            Job job = waiting.get(k);
            obs[3 * k] = 1;
            obs[3 * k + 1] = job.duration / 10.0;
            obs[3 * k + 2] = (job.due - now) / 20.0;
        }
        obs[3 * SLOTS] = waiting.size() / 10.0;
        return obs;
    }

    /** SPT: the visible job with the shortest processing time (ties: the earliest arrival). */
    public static Function<double[], double[]> shortestProcessingTime() {
        return obs -> new double[] {argminOverPresent(obs, 1)};
    }

    /** EDF: the visible job with the earliest due date (ties: the earliest arrival). */
    public static Function<double[], double[]> earliestDeadlineFirst() {
        return obs -> new double[] {argminOverPresent(obs, 2)};
    }

    private static int argminOverPresent(double[] obs, int field) {
        int best = 0;
        for (int k = 1; k < SLOTS; k++) {
            if (obs[3 * k] == 1 && obs[3 * k + field] < obs[3 * best + field]) best = k;
        }
        return best;
    }
}
