package jgrad.rl.algo;

import jgrad.Grad;
import jgrad.rl.env.Env;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a fixed policy for {@code episodes} episodes, all at once: episode {@code i} in its own copy of the
 * environment reset with {@code seed + i}, the still-running copies' observations stacked into one batch
 * {@code (B, obsDim)} per step so the network runs once per step, not once per copy.
 */
public final class Evaluation {
    /** The returns of the episodes; {@code envSteps} is how many steps they took together. */
    public record Result(double[] returns, long envSteps, double seconds) {
        public double mean() {
            double sum = 0;
            for (double r : returns) sum += r;
            return sum / returns.length;
        }

        public double std() {
            double m = mean(), sum = 0;
            for (double r : returns) sum += (r - m) * (r - m);
            return Math.sqrt(sum / returns.length);
        }

        public double min() {
            double min = Double.POSITIVE_INFINITY;
            for (double r : returns) min = Math.min(min, r);
            return min;
        }
    }

    private Evaluation() {
    }

    /** A policy that acts on each observation by itself, such as a hand-written baseline, as a batch policy. */
    public static Function<double[][], double[][]> perObservation(Function<double[], double[]> policy) {
        return batch -> {
            double[][] actions = new double[batch.length][];
            for (int i = 0; i < batch.length; i++) actions[i] = policy.apply(batch[i]);
            return actions;
        };
    }

    /** {@code policy} maps a batch of observations {@code [B][obsDim]} to actions {@code [B][actionDim]}; it runs without gradient. */
    public static Result run(Supplier<? extends Env> factory, Function<double[][], double[][]> policy, int episodes, long seed) {
        long start = System.nanoTime();
        List<Env> envs = new ArrayList<>();
        List<double[]> observations = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            Env env = factory.get();
            envs.add(env);
            observations.add(env.reset(seed + i).observation());
        }
        double[] returns = new double[episodes];
        boolean[] finished = new boolean[episodes];
        int running = episodes;
        long steps = 0;
        while (running > 0) {
            List<Integer> active = new ArrayList<>();
            for (int i = 0; i < episodes; i++) if (!finished[i]) active.add(i);
            double[][] batch = new double[active.size()][];
            for (int k = 0; k < batch.length; k++) batch[k] = observations.get(active.get(k));
            double[][] actions;
            try (var ignored = Grad.noGrad()) {
                actions = policy.apply(batch);
            }
            for (int k = 0; k < batch.length; k++) {
                int i = active.get(k);
                Env.Step s = envs.get(i).step(actions[k]);
                steps++;
                returns[i] += s.reward();
                observations.set(i, s.observation());
                if (s.done()) {
                    finished[i] = true;
                    running--;
                }
            }
        }
        return new Result(returns, steps, (System.nanoTime() - start) / 1e9);
    }
}
