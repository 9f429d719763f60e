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
 *   <li>Decision: whenever the machine is free and jobs wait, choose the dispatching rule that picks the next
 *       job from the whole queue: 0 shortest processing time (SPT), 1 earliest due date (EDF), 2 minimum slack
 *       ({@code due - now - duration}). Each rule is good in some situations (SPT when the machine is
 *       swamped, EDF and minimum slack when most jobs can still make it), so the learned policy is a
 *       state-dependent choice of rule, an approach common in RL for scheduling. The environment then runs
 *       the clock to the next decision.</li>
 *   <li>Reward: minus the tardiness of the job just started / 10 (known at dispatch, since its completion time
 *       is), so the return is minus the total tardiness / 10. The episode terminates when all jobs are done.</li>
 *   <li>Observation (3 x SLOTS + 3): for the first {@value #SLOTS} waiting jobs (present, duration / 10,
 *       (due - now) / 20), then the queue length / 10, the fraction of waiting jobs that would be late even if
 *       started now, and the waiting work / 50.</li>
 * </ul>
 * The baselines {@link #shortestProcessingTime()}, {@link #earliestDeadlineFirst()} and {@link #minimumSlack()}
 * apply one rule at every decision.
 */
public final class JobScheduling extends AbstractEnv {
    public static final int SLOTS = 5, JOBS = 60;
    private static final double ARRIVAL_PROBABILITY = 0.19;
    public static final int SPT = 0, EDF = 1, MINIMUM_SLACK = 2;
    private static final Space OBSERVATIONS = Box.uniform(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 3 * SLOTS + 3);
    private static final Space ACTIONS = new Discrete(3);

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
        Job job = waiting.remove(pick((int) action[0]));
        int completion = now + job.duration;
        double tardiness = Math.max(0, completion - job.due);
        done++;
        boolean finished = done == JOBS;
        if (!finished) advanceTo(completion);
        return new Step(observation(), -tardiness / 10.0, finished, false, Map.of("tardiness", tardiness));
    }

    /** The queue position the rule picks; ties go to the earliest arrival. */
    private int pick(int rule) {
        int best = 0;
        for (int k = 1; k < waiting.size(); k++) {
            if (key(rule, waiting.get(k)) < key(rule, waiting.get(best))) best = k;
        }
        return best;
    }

    private double key(int rule, Job job) {
        return switch (rule) {
            case SPT -> job.duration;
            case EDF -> job.due;
            default -> job.due - now - job.duration;
        };
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
        double[] obs = new double[3 * SLOTS + 3];
        for (int k = 0; k < Math.min(SLOTS, waiting.size()); k++) {
            Job job = waiting.get(k);
            obs[3 * k] = 1;
            obs[3 * k + 1] = job.duration / 10.0;
            obs[3 * k + 2] = (job.due - now) / 20.0;
        }
        int late = 0, work = 0;
        for (Job job : waiting) {
            if (now + job.duration > job.due) late++;
            work += job.duration;
        }
        obs[3 * SLOTS] = waiting.size() / 10.0;
        obs[3 * SLOTS + 1] = waiting.isEmpty() ? 0 : late / (double) waiting.size();
        obs[3 * SLOTS + 2] = work / 50.0;
        return obs;
    }

    /** Always shortest processing time. */
    public static Function<double[], double[]> shortestProcessingTime() {
        return obs -> new double[] {SPT};
    }

    /** Always earliest due date. */
    public static Function<double[], double[]> earliestDeadlineFirst() {
        return obs -> new double[] {EDF};
    }

    /** Always minimum slack. */
    public static Function<double[], double[]> minimumSlack() {
        return obs -> new double[] {MINIMUM_SLACK};
    }
}
