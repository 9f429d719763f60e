package jgrad.rl.algo;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.nn.Linear;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import jgrad.nn.functional.F;
import jgrad.optim.Adam;
import jgrad.optim.ClipGrad;
import jgrad.rl.env.Discrete;
import jgrad.rl.env.Env;
import jgrad.rl.env.EpisodeStatistics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Deep Q-learning (Mnih et al., 2015) with Double DQN targets (van Hasselt et al., 2016).
 *
 * <p>Act epsilon-greedily on {@code Q(s, .)}, store every transition in a {@link ReplayBuffer}; every
 * {@code trainFrequency} steps take {@code gradientSteps} Adam steps on minibatches, minimising the Huber loss
 * between {@code Q(s, a)} and the target
 * <pre>
 *   y = r + gamma (1 - terminated) Q_target(s', argmax_a' Q(s', a'))     (Double DQN: the online net picks, the target net rates)
 *   y = r + gamma (1 - terminated) max_a' Q_target(s', a')               (plain DQN)
 * </pre>
 * The target network is a copy of the online one, refreshed every {@code targetUpdateInterval} steps.
 */
public final class Dqn {
    public record Config(long totalSteps, int bufferSize, int learningStarts, int batchSize, double learningRate,
                         double gamma, int trainFrequency, int gradientSteps, int targetUpdateInterval,
                         double explorationFraction, double epsilonStart, double epsilonEnd, boolean doubleDqn,
                         int hidden, double maxGradNorm, long seed) {
        /** After RL Baselines3 Zoo's CartPole-v1 settings (lr 2.3e-3, train every 256 steps x 128 gradient steps). */
        public static Config cartPole() {
            return new Config(50_000, 100_000, 1000, 64, 2.3e-3, 0.99, 256, 128, 10, 0.16, 1.0, 0.04, true, 256, 10, 1);
        }

        public Config withTotalSteps(long steps) {
            return new Config(steps, bufferSize, learningStarts, batchSize, learningRate, gamma, trainFrequency, gradientSteps,
                    targetUpdateInterval, explorationFraction, epsilonStart, epsilonEnd, doubleDqn, hidden, maxGradNorm, seed);
        }

        public Config withSeed(long newSeed) {
            return new Config(totalSteps, bufferSize, learningStarts, batchSize, learningRate, gamma, trainFrequency, gradientSteps,
                    targetUpdateInterval, explorationFraction, epsilonStart, epsilonEnd, doubleDqn, hidden, maxGradNorm, newSeed);
        }
    }

    private final Config config;
    private final Supplier<? extends Env> factory;
    private final Sequential q, target;
    private final Adam optimizer;
    private final SplittableRandom random;
    private double lastLoss = Double.NaN;
    private final int actions;

    public Dqn(Supplier<? extends Env> factory, Config config) {
        this.config = config;
        this.factory = factory;
        Jgrad.manualSeed(config.seed());
        random = new SplittableRandom(config.seed());
        Env probe = factory.get();
        if (!(probe.actionSpace() instanceof Discrete d)) {
            throw new IllegalArgumentException("Dqn: needs a Discrete action space, got " + probe.actionSpace());
        }
        actions = d.n();
        int obsDim = probe.observationSpace().flatDim();
        q = qNetwork(obsDim, config.hidden(), actions);
        target = qNetwork(obsDim, config.hidden(), actions);
        q.to(RlPrecision.dtype());
        target.to(RlPrecision.dtype());
        target.loadStateDict(q.stateDict());
        optimizer = new Adam(q.parameters(), config.learningRate());
    }

    /** {@code Linear -> ReLU -> Linear -> ReLU -> Linear}: observations {@code (B, obsDim)} to Q-values {@code (B, actions)}. */
    public static Sequential qNetwork(int obsDim, int hidden, int actions) {
        return new Sequential(new Linear(obsDim, hidden), new ReLU(), new Linear(hidden, hidden), new ReLU(), new Linear(hidden, actions));
    }

    public Sequential qNetwork() {
        return q;
    }

    /** The target network (a lagging copy of {@link #qNetwork()}). */
    Sequential targetNetwork() {
        return target;
    }

    /** Trains for {@code totalSteps} environment steps; {@code everyThousand} is called each 1000 steps. */
    public TrainingLog train(LongConsumer everyThousand) {
        var log = new TrainingLog();
        var buffer = new ReplayBuffer(config.bufferSize(), factory.get().observationSpace().flatDim());
        var epsilon = new LinearSchedule(config.epsilonStart(), config.epsilonEnd(), config.explorationFraction(), config.totalSteps());
        Env env = new EpisodeStatistics(factory.get());
        double[] obs = env.reset(config.seed()).observation();
        for (long step = 1; step <= config.totalSteps(); step++) {
            int action = random.nextDouble() < epsilon.at(step) ? random.nextInt(actions) : greedy(obs);
            Env.Step s = env.step(action);
            buffer.add(obs, action, s.reward(), s.observation(), s.terminated());
            if (s.done()) {
                if (s.info().get("episode") instanceof EpisodeStatistics.Episode e) log.addEpisode(e.episodeReturn(), step);
                obs = env.reset().observation();
            } else {
                obs = s.observation();
            }
            if (step > config.learningStarts() && step % config.trainFrequency() == 0) {
                double lossSum = 0;
                for (int g = 0; g < config.gradientSteps(); g++) lossSum += update(buffer.sample(config.batchSize(), random));
                lastLoss = lossSum / config.gradientSteps();
                log.addLoss(lastLoss);
            }
            if (step % config.targetUpdateInterval() == 0) target.loadStateDict(q.stateDict());
            log.setEnvSteps(step);
            if (step % 1000 == 0) everyThousand.accept(step);
        }
        return log;
    }

    /** One gradient step on a minibatch; returns the loss. */
    double update(ReplayBuffer.Batch batch) {
        Tensor y = tdTarget(batch);
        Tensor chosen = q.forward(batch.observations().to(RlPrecision.dtype())).gather(-1, batch.actions().unsqueeze(-1)).squeeze(-1);   // Q(s, a): (B)
        Tensor loss = F.huberLoss(chosen, y);
        optimizer.zeroGrad();
        loss.backward();
        ClipGrad.clipGradNorm(q.parameters(), config.maxGradNorm());
        optimizer.step();
        return loss.item();
    }

    /** The regression target {@code y} of a minibatch, shape {@code (B)}, computed without gradient. */
    Tensor tdTarget(ReplayBuffer.Batch batch) {
        try (var ignored = Grad.noGrad()) {
            Tensor next = batch.nextObservations().to(RlPrecision.dtype());
            Tensor nextTarget = target.forward(next);                                     // (B, A)
            Tensor nextValue = config.doubleDqn()
                    ? nextTarget.gather(-1, q.forward(next).argmax(-1, true)).squeeze(-1)
                    : nextTarget.max(-1, false).values();
            Tensor notDone = batch.terminated().to(RlPrecision.dtype()).neg().add(1);
            return batch.rewards().to(RlPrecision.dtype()).add(nextValue.mul(notDone).mul(config.gamma()));
        }
    }

    private int greedy(double[] observation) {
        try (var ignored = Grad.noGrad()) {
            return (int) q.forward(RlPrecision.tensor(new double[][] {observation})).argmax().item();
        }
    }

    /** The greedy policy on {@code episodes} fresh episodes. */
    public Evaluation.Result evaluate(int episodes, long seed) {
        return Evaluation.run(factory, batch -> {
            long[] best = q.forward(RlPrecision.tensor(batch)).argmax(-1, false).toLongArray();
            double[][] out = new double[best.length][1];
            for (int i = 0; i < best.length; i++) out[i][0] = best[i];
            return out;
        }, episodes, seed);
    }

    /** The loss of the last update (NaN before the first). */
    public double lastLoss() {
        return lastLoss;
    }

    public void save(Path path) throws IOException {
        Safetensors.save(q.stateDict(), Map.of("algorithm", "dqn"), path);
    }
}
