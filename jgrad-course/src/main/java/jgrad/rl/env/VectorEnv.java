package jgrad.rl.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code n} copies of an environment stepped together (Gymnasium's {@code SyncVectorEnv}), so that a policy
 * acts on a batch {@code (n, obsDim)} of observations with one forward pass.
 *
 * <p>Autoreset: a copy whose episode ends in a step is reset in that same step. The observation returned
 * for it is then the first one of the new episode; the last observation of the old episode is in
 * {@code finalObservations[i]} (null for copies that did not finish), which is what a learner needs to
 * bootstrap a truncated episode.
 */
public final class VectorEnv {
    /** The batched result of one step; arrays are indexed by copy. */
    public record Step(double[][] observations, double[] rewards, boolean[] terminated, boolean[] truncated,
                       double[][] finalObservations, List<Map<String, Object>> infos) {
    }

    private final List<Env> envs;

    public VectorEnv(List<? extends Env> envs) {
        if (envs.isEmpty()) throw new IllegalArgumentException("VectorEnv: needs at least one environment");
        this.envs = List.copyOf(envs);
    }

    /** {@code n} environments from {@code factory}. */
    public static VectorEnv of(Supplier<? extends Env> factory, int n) {
        List<Env> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(factory.get());
        return new VectorEnv(list);
    }

    public int numEnvs() {
        return envs.size();
    }

    public Env env(int index) {
        return envs.get(index);
    }

    public Space observationSpace() {
        return envs.getFirst().observationSpace();
    }

    public Space actionSpace() {
        return envs.getFirst().actionSpace();
    }

    /** Resets copy {@code i} with seed {@code seed + i}; returns the observations {@code (n, obsDim)}. */
    public double[][] reset(long seed) {
        double[][] observations = new double[envs.size()][];
        for (int i = 0; i < envs.size(); i++) observations[i] = envs.get(i).reset(seed + i).observation();
        return observations;
    }

    /** Steps copy {@code i} with {@code actions[i]}, resetting the copies whose episodes end. */
    public Step step(double[][] actions) {
        int n = envs.size();
        if (actions.length != n) {
            throw new IllegalArgumentException("VectorEnv.step: got " + actions.length + " actions for " + n + " environments");
        }
        var step = new Step(new double[n][], new double[n], new boolean[n], new boolean[n], new double[n][], new ArrayList<>());
        for (int i = 0; i < n; i++) {
            Env.Step s = envs.get(i).step(actions[i]);
            step.rewards[i] = s.reward();
            step.terminated[i] = s.terminated();
            step.truncated[i] = s.truncated();
            step.infos.add(s.info());
            if (s.done()) {
                step.finalObservations[i] = s.observation();
                step.observations[i] = envs.get(i).reset().observation();
            } else {
                step.observations[i] = s.observation();
            }
        }
        return step;
    }

    /** Discrete actions, one per copy. */
    public Step step(int[] actions) {
        double[][] wrapped = new double[actions.length][];
        for (int i = 0; i < actions.length; i++) wrapped[i] = new double[] {actions[i]};
        return step(wrapped);
    }
}
