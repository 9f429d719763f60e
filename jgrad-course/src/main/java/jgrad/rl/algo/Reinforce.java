package jgrad.rl.algo;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.optim.Adam;
import jgrad.rl.env.Env;
import jgrad.rl.policy.ActorCritic;
import jgrad.rl.policy.Distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * REINFORCE with a learned baseline (Williams, 1992): play {@code episodesPerBatch} whole episodes with the
 * current policy, compute the return {@code G_t} from every step, and step on
 * <pre>
 *   L = -mean_t( log pi(a_t | s_t) (G_t - V(s_t)) ) + 0.5 mean_t( (V(s_t) - G_t)^2 )
 * </pre>
 * The baseline {@code V} (the critic of an {@link ActorCritic}) lowers the variance without changing the
 * expected gradient, since {@code E[grad log pi(a|s)] b(s) = 0}. Advantages are normalised per batch.
 */
public final class Reinforce {
    public record Config(int episodesPerBatch, long totalSteps, double learningRate, double gamma, int hidden, long seed) {
        public static Config cartPole() {
            return new Config(8, 200_000, 3e-3, 0.99, 64, 1);
        }

        public Config withTotalSteps(long steps) {
            return new Config(episodesPerBatch, steps, learningRate, gamma, hidden, seed);
        }

        public Config withSeed(long newSeed) {
            return new Config(episodesPerBatch, totalSteps, learningRate, gamma, hidden, newSeed);
        }
    }

    private final Config config;
    private final Supplier<? extends Env> factory;
    private final ActorCritic policy;
    private final Adam optimizer;
    private final SplittableRandom random;
    private double lastLoss = Double.NaN;

    public Reinforce(Supplier<? extends Env> factory, Config config) {
        this.config = config;
        this.factory = factory;
        Jgrad.manualSeed(config.seed());
        random = new SplittableRandom(config.seed());
        Env probe = factory.get();
        policy = new ActorCritic(probe.observationSpace().flatDim(), probe.actionSpace(), config.hidden(), 0);
        policy.to(RlPrecision.dtype());
        optimizer = new Adam(policy.parameters(), config.learningRate());
    }

    public ActorCritic policy() {
        return policy;
    }

    /** Trains until {@code totalSteps} environment steps; {@code percentDone} is called as each percent passes. */
    public TrainingLog train(IntConsumer percentDone) {
        var log = new TrainingLog();
        int k = config.episodesPerBatch();
        List<Env> envs = new ArrayList<>();
        for (int i = 0; i < k; i++) envs.add(factory.get());
        long envSteps = 0, nextSeed = config.seed();
        int percent = 0;
        while (envSteps < config.totalSteps()) {
            // play k episodes side by side, one forward pass per step for the copies still running
            List<List<double[]>> observations = new ArrayList<>(), actions = new ArrayList<>();
            List<List<Double>> rewards = new ArrayList<>();
            double[][] current = new double[k][];
            boolean[] running = new boolean[k];
            for (int i = 0; i < k; i++) {
                current[i] = envs.get(i).reset(nextSeed++).observation();
                running[i] = true;
                observations.add(new ArrayList<>());
                actions.add(new ArrayList<>());
                rewards.add(new ArrayList<>());
            }
            int alive = k;
            while (alive > 0) {
                double[][] sampled;
                try (var ignored = Grad.noGrad()) {
                    sampled = policy.distribution(RlPrecision.tensor(current)).sample(random);
                }
                for (int i = 0; i < k; i++) {
                    if (!running[i]) continue;
                    Env.Step s = envs.get(i).step(sampled[i]);
                    envSteps++;
                    observations.get(i).add(current[i]);
                    actions.get(i).add(sampled[i]);
                    rewards.get(i).add(s.reward());
                    current[i] = s.observation();
                    if (s.done()) {
                        running[i] = false;
                        alive--;
                        log.addEpisode(rewards.get(i).stream().mapToDouble(Double::doubleValue).sum(), envSteps);
                    }
                }
            }
            lastLoss = update(observations, actions, rewards);
            log.addLoss(lastLoss);
            log.setEnvSteps(envSteps);
            while (percent < 100 && envSteps * 100 >= (percent + 1) * config.totalSteps()) percentDone.accept(++percent);
        }
        return log;
    }

    private double update(List<List<double[]>> observations, List<List<double[]>> actions, List<List<Double>> rewards) {
        List<double[]> obs = new ArrayList<>(), act = new ArrayList<>();
        List<Double> returns = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            obs.addAll(observations.get(i));
            act.addAll(actions.get(i));
            double[] r = rewards.get(i).stream().mapToDouble(Double::doubleValue).toArray();
            for (double g : Returns.discounted(r, config.gamma())) returns.add(g);
        }
        Tensor o = RlPrecision.tensor(obs.toArray(double[][]::new));
        double[] g = returns.stream().mapToDouble(Double::doubleValue).toArray();
        Tensor target = RlPrecision.tensor(g);
        Distribution dist = policy.distribution(o);
        Tensor logp = dist.logProb(dist.actionTensor(act.toArray(double[][]::new)));
        Tensor value = policy.value(o);
        double[] advantages = value.detach().neg().add(target).toDoubleArray();
        Tensor adv = RlPrecision.tensor(PolicyLosses.normalize(advantages));
        Tensor loss = PolicyLosses.reinforce(logp, adv).add(value.sub(target).square().mean().mul(0.5));
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
    }

    /** The deterministic (argmax) policy on {@code episodes} fresh episodes. */
    public Evaluation.Result evaluate(int episodes, long seed) {
        return Evaluation.run(factory, batch -> policy.distribution(RlPrecision.tensor(batch)).mode(), episodes, seed);
    }

    /** The loss of the last update (NaN before the first). */
    public double lastLoss() {
        return lastLoss;
    }

    public void save(Path path) throws IOException {
        Safetensors.save(policy.stateDict(), Map.of("algorithm", "reinforce"), path);
    }
}
