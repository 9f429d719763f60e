package jgrad.rl.algo;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.optim.Adam;
import jgrad.optim.ClipGrad;
import jgrad.rl.env.Env;
import jgrad.rl.env.EpisodeStatistics;
import jgrad.rl.env.NormalizeObservation;
import jgrad.rl.env.RunningMeanStd;
import jgrad.rl.env.VectorEnv;
import jgrad.rl.policy.ActorCritic;
import jgrad.rl.policy.Distribution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Proximal Policy Optimization (Schulman et al., 2017) for discrete and Gaussian continuous actions.
 *
 * <p>One update: run {@code numEnvs} copies for {@code numSteps} steps with the current policy, keeping
 * {@code log pi_old(a|s)} and {@code V_old(s)}; compute GAE-lambda advantages and value targets; then
 * {@code epochs} passes over the {@code numEnvs * numSteps} samples in shuffled minibatches, each minimising
 * <pre>
 *   L = clipped surrogate(A normalised per minibatch) + vfCoef * 0.5 (V(s) - R)^2 - entCoef * H[pi(.|s)]
 * </pre>
 * with the gradient norm clipped to {@code maxGradNorm}. A time-limit ending bootstraps: its last reward gets
 * {@code + gamma V(final observation)}.
 */
public final class Ppo {
    /** Hyperparameters; {@link #cartPole()} and {@link #pendulum()} are the tuned ones. */
    public record Config(int numEnvs, int numSteps, long totalSteps, double learningRate, boolean annealLearningRate,
                         double gamma, double gaeLambda, int epochs, int minibatchSize, double clip, double entCoef,
                         double vfCoef, double maxGradNorm, int hidden, double logStdInit, boolean normalizeObservations,
                         double rewardScale, long seed) {
        /** After RL Baselines3 Zoo's CartPole-v1 settings: 8 copies x 32 steps, 20 epochs, lambda 0.8, gamma 0.98. */
        public static Config cartPole() {
            return new Config(8, 32, 100_000, 1e-3, true, 0.98, 0.8, 20, 256, 0.2, 0.0, 0.5, 0.5, 64, 0, false, 1.0, 1);
        }

        /** Pendulum-v1: 4 copies x 512 steps, gamma 0.9, 10 epochs, normalised observations, rewards / 10. */
        public static Config pendulum() {
            return new Config(4, 512, 200_000, 1e-3, true, 0.9, 0.95, 10, 64, 0.2, 0.0, 0.5, 0.5, 64, -0.5, true, 0.1, 1);
        }

        public Config withTotalSteps(long steps) {
            return new Config(numEnvs, numSteps, steps, learningRate, annealLearningRate, gamma, gaeLambda, epochs,
                    minibatchSize, clip, entCoef, vfCoef, maxGradNorm, hidden, logStdInit, normalizeObservations, rewardScale, seed);
        }

        public Config withSeed(long newSeed) {
            return new Config(numEnvs, numSteps, totalSteps, learningRate, annealLearningRate, gamma, gaeLambda, epochs,
                    minibatchSize, clip, entCoef, vfCoef, maxGradNorm, hidden, logStdInit, normalizeObservations, rewardScale, newSeed);
        }
    }

    private final Config config;
    private final Supplier<? extends Env> factory;
    private final ActorCritic policy;
    private final Adam optimizer;
    private final RunningMeanStd observationStats;
    private final SplittableRandom random;
    private double lastLoss = Double.NaN;

    public Ppo(Supplier<? extends Env> factory, Config config) {
        this.config = config;
        this.factory = factory;
        Jgrad.manualSeed(config.seed());
        this.random = new SplittableRandom(config.seed());
        Env probe = factory.get();
        int obsDim = probe.observationSpace().flatDim();
        this.policy = new ActorCritic(obsDim, probe.actionSpace(), config.hidden(), config.logStdInit());
        policy.to(RlPrecision.dtype());
        this.optimizer = new Adam(policy.parameters(), config.learningRate(), 0.9, 0.999, 1e-5, 0, false);
        this.observationStats = config.normalizeObservations() ? new RunningMeanStd(obsDim) : null;
    }

    public ActorCritic policy() {
        return policy;
    }

    /** The mean loss of the last update (NaN before the first). */
    public double lastLoss() {
        return lastLoss;
    }

    /** Trains for {@code totalSteps} environment steps; {@code afterUpdate} gets the update number. */
    public TrainingLog train(IntConsumer afterUpdate) {
        var log = new TrainingLog();
        int n = config.numEnvs(), steps = config.numSteps();
        var envs = VectorEnv.of(() -> wrap(new EpisodeStatistics(factory.get()), true), n);
        int obsDim = envs.observationSpace().flatDim(), actDim = envs.actionSpace().flatDim();
        int updates = (int) (config.totalSteps() / ((long) n * steps));
        double[][] obs = envs.reset(config.seed());
        long envSteps = 0;
        double[][][] obsBuf = new double[steps][][], actBuf = new double[steps][][];
        double[][] logpBuf = new double[steps][], valueBuf = new double[steps][], rewardBuf = new double[steps][n];
        boolean[][] doneBuf = new boolean[steps][n];
        for (int update = 1; update <= updates; update++) {
            if (config.annealLearningRate()) {
                double lr = config.learningRate() * (1.0 - (update - 1.0) / updates);
                optimizer.paramGroups().forEach(g -> g.set("lr", lr));
            }
            for (int t = 0; t < steps; t++) {
                obsBuf[t] = obs;
                try (var ignored = Grad.noGrad()) {
                    Tensor o = RlPrecision.tensor(obs);
                    Distribution dist = policy.distribution(o);
                    actBuf[t] = dist.sample(random);
                    logpBuf[t] = dist.logProb(dist.actionTensor(actBuf[t])).toDoubleArray();
                    valueBuf[t] = policy.value(o).toDoubleArray();
                }
                VectorEnv.Step s = envs.step(actBuf[t]);
                envSteps += n;
                for (int i = 0; i < n; i++) {
                    double reward = s.rewards()[i] * config.rewardScale();
                    if (s.truncated()[i] && !s.terminated()[i]) reward += config.gamma() * valueOf(s.finalObservations()[i]);
                    rewardBuf[t][i] = reward;
                    doneBuf[t][i] = s.terminated()[i] || s.truncated()[i];
                    if (s.infos().get(i).get("episode") instanceof EpisodeStatistics.Episode e) log.addEpisode(e.episodeReturn(), envSteps);
                }
                obs = s.observations();
            }
            double[] lastValues;
            try (var ignored = Grad.noGrad()) {
                lastValues = policy.value(RlPrecision.tensor(obs)).toDoubleArray();
            }
            double[][] advantages = Returns.gae(rewardBuf, valueBuf, doneBuf, lastValues, config.gamma(), config.gaeLambda());
            lastLoss = optimise(obsBuf, actBuf, logpBuf, valueBuf, advantages, obsDim, actDim);
            log.addLoss(lastLoss);
            log.setEnvSteps(envSteps);
            afterUpdate.accept(update);
        }
        return log;
    }

    /** The minibatch epochs of one update over {@code T * N} samples; returns the mean loss. */
    private double optimise(double[][][] obsBuf, double[][][] actBuf, double[][] logpBuf, double[][] valueBuf,
                            double[][] advantages, int obsDim, int actDim) {
        int steps = obsBuf.length, n = obsBuf[0].length, total = steps * n;
        double[][] flatObs = new double[total][], flatAct = new double[total][];
        double[] flatLogp = new double[total], flatAdv = new double[total], flatReturn = new double[total];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                int k = t * n + i;
                flatObs[k] = obsBuf[t][i];
                flatAct[k] = actBuf[t][i];
                flatLogp[k] = logpBuf[t][i];
                flatAdv[k] = advantages[t][i];
                flatReturn[k] = advantages[t][i] + valueBuf[t][i];
            }
        }
        int[] order = new int[total];
        for (int k = 0; k < total; k++) order[k] = k;
        double lossSum = 0;
        int count = 0;
        int size = Math.min(config.minibatchSize(), total);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            shuffle(order);
            for (int start = 0; start + size <= total; start += size) {
                double[][] mbObs = new double[size][], mbAct = new double[size][];
                double[] mbLogp = new double[size], mbAdv = new double[size], mbReturn = new double[size];
                for (int j = 0; j < size; j++) {
                    int k = order[start + j];
                    mbObs[j] = flatObs[k];
                    mbAct[j] = flatAct[k];
                    mbLogp[j] = flatLogp[k];
                    mbAdv[j] = flatAdv[k];
                    mbReturn[j] = flatReturn[k];
                }
                Tensor o = RlPrecision.tensor(mbObs);
                Distribution dist = policy.distribution(o);
                Tensor logp = dist.logProb(dist.actionTensor(mbAct));
                Tensor adv = RlPrecision.tensor(PolicyLosses.normalize(mbAdv));
                Tensor policyLoss = PolicyLosses.clippedSurrogate(logp, RlPrecision.tensor(mbLogp), adv, config.clip());
                Tensor valueLoss = policy.value(o).sub(RlPrecision.tensor(mbReturn)).square().mean().mul(0.5);
                Tensor loss = policyLoss.add(valueLoss.mul(config.vfCoef()));
                if (config.entCoef() != 0) loss = loss.sub(dist.entropy().mean().mul(config.entCoef()));
                optimizer.zeroGrad();
                loss.backward();
                ClipGrad.clipGradNorm(policy.parameters(), config.maxGradNorm());
                optimizer.step();
                lossSum += loss.item();
                count++;
            }
        }
        return lossSum / Math.max(1, count);
    }

    /** Evaluates the deterministic policy (argmax or mean) on {@code episodes} fresh episodes. */
    public Evaluation.Result evaluate(int episodes, long seed) {
        return Evaluation.run(() -> wrap(factory.get(), false), batch -> policy.distribution(RlPrecision.tensor(batch)).mode(), episodes, seed);
    }

    /** Saves the policy, and the observation statistics when used, as safetensors. */
    public void save(Path path) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(policy.stateDict());
        if (observationStats != null) {
            tensors.put("obs_rms.mean", Tensor.of(observationStats.mean()));
            tensors.put("obs_rms.var", Tensor.of(observationStats.var()));
        }
        Map<String, String> metadata = new HashMap<>();
        metadata.put("algorithm", "ppo");
        Safetensors.save(tensors, metadata, path);
    }

    private Env wrap(Env env, boolean training) {
        if (observationStats == null) return env;
        return new NormalizeObservation(env, observationStats).freeze(!training);
    }

    private double valueOf(double[] observation) {
        try (var ignored = Grad.noGrad()) {
            return policy.value(RlPrecision.tensor(new double[][] {observation})).item();
        }
    }

    private void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
