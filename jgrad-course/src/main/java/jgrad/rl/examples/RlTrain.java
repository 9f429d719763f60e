package jgrad.rl.examples;

import jgrad.rl.algo.Dqn;
import jgrad.rl.algo.Evaluation;
import jgrad.rl.algo.Ppo;
import jgrad.rl.algo.Reinforce;
import jgrad.rl.algo.TrainingLog;
import jgrad.rl.env.Env;
import jgrad.rl.env.Envs;
import jgrad.train.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trains one algorithm on one environment, evaluates the result on 100 episodes, and writes the learning
 * curve ({@code curve.png}) and the policy ({@code policy.safetensors}) into {@code --out}.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.rl.examples.RlTrain -Djgrad.args="--algo ppo --env CartPole-v1"
 * </pre>
 * Options: {@code --algo ppo|dqn|reinforce}, {@code --env ID} (see {@link Envs#ids()}), {@code --steps N}
 * (environment steps; default: the algorithm's setting), {@code --seed S}, {@code --episodes E} (evaluation),
 * {@code --out DIR} (default {@code runs/rl/ALGO-ENV}).
 */
public final class RlTrain {
    private RlTrain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String algo = options.getOrDefault("algo", "ppo");
        String envId = options.getOrDefault("env", "CartPole-v1");
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        int episodes = Integer.parseInt(options.getOrDefault("episodes", "100"));
        Path out = Path.of(options.getOrDefault("out", "runs/rl/" + algo + "-" + envId));
        Files.createDirectories(out);
        Supplier<Env> factory = () -> Envs.make(envId);
        Long steps = options.containsKey("steps") ? Long.parseLong(options.get("steps")) : null;

        TrainingLog log;
        Supplier<Evaluation.Result> evaluate;
        long start = System.nanoTime();
        switch (algo) {
            case "ppo" -> {
                Ppo.Config config = (envId.startsWith("Pendulum") ? Ppo.Config.pendulum() : Ppo.Config.cartPole()).withSeed(seed);
                if (steps != null) config = config.withTotalSteps(steps);
                var ppo = new Ppo(factory, config);
                int updates = (int) (config.totalSteps() / ((long) config.numEnvs() * config.numSteps()));
                var progress = new Progress(System.out, Progress.isTerminal(), "ppo " + envId, updates);
                log = ppo.train(u -> progress.step(ppo.lastLoss()));
                evaluate = () -> ppo.evaluate(episodes, 1_000_000 + seed);
                ppo.save(out.resolve("policy.safetensors"));
            }
            case "dqn" -> {
                Dqn.Config config = Dqn.Config.cartPole().withSeed(seed);
                if (steps != null) config = config.withTotalSteps(steps);
                var dqn = new Dqn(factory, config);
                var progress = new Progress(System.out, Progress.isTerminal(), "dqn " + envId, (int) (config.totalSteps() / 1000));
                log = dqn.train(step -> progress.step(dqn.lastLoss()));
                evaluate = () -> dqn.evaluate(episodes, 1_000_000 + seed);
                dqn.save(out.resolve("policy.safetensors"));
            }
            case "reinforce" -> {
                Reinforce.Config config = Reinforce.Config.cartPole().withSeed(seed);
                if (steps != null) config = config.withTotalSteps(steps);
                var reinforce = new Reinforce(factory, config);
                var progress = new Progress(System.out, Progress.isTerminal(), "reinforce " + envId, 100);
                log = reinforce.train(percent -> progress.step(reinforce.lastLoss()));
                evaluate = () -> reinforce.evaluate(episodes, 1_000_000 + seed);
                reinforce.save(out.resolve("policy.safetensors"));
            }
            default -> throw new IllegalArgumentException("RlTrain: unknown --algo '" + algo + "' (expected ppo, dqn or reinforce)");
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        log.save(out.resolve("curve.png"));
        Evaluation.Result result = evaluate.get();
        System.out.printf(Locale.ROOT, "%s on %s: %d env steps in %.1f s (%.0f env steps/s including learning), %d training episodes%n",
                algo, envId, log.envSteps(), trainSeconds, log.envSteps() / trainSeconds, log.episodeReturns().size());
        System.out.printf(Locale.ROOT, "last 20 training episodes: mean return %.1f%n", log.recentMeanReturn(20));
        System.out.printf(Locale.ROOT, "evaluation, %d episodes (deterministic policy): mean return %.1f +- %.1f, min %.1f (%.1f s)%n",
                result.returns().length, result.mean(), result.std(), result.min(), result.seconds());
        System.out.println("wrote " + out.resolve("curve.png") + " and " + out.resolve("policy.safetensors"));
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("RlTrain: expected --name value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
