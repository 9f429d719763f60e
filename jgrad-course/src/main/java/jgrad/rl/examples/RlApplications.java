package jgrad.rl.examples;

import jgrad.rl.algo.Evaluation;
import jgrad.rl.algo.Ppo;
import jgrad.rl.algo.TrainingLog;
import jgrad.rl.apps.Applications;
import jgrad.train.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Trains PPO on one application environment and compares it with the environment's hand-written baselines on
 * the same 100 evaluation episodes (same seeds).
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.rl.examples.RlApplications -Djgrad.args="--app traffic"
 * </pre>
 * Apps: {@code snake}, {@code arm}, {@code traffic}, {@code scheduling}, {@code driving}. Options: {@code --steps N},
 * {@code --seed S}, {@code --episodes E}, {@code --baselines-only true}, {@code --out DIR} (default {@code runs/rl/APP}).
 */
public final class RlApplications {
    private RlApplications() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = RlTrain.parse(args);
        Applications.App app = Applications.byName(options.getOrDefault("app", "traffic"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        int episodes = Integer.parseInt(options.getOrDefault("episodes", "100"));
        long evalSeed = 1_000_000 + seed;
        System.out.printf(Locale.ROOT, "%s (%s); return = %s%n", app.name(), app.area(), app.returnMeaning());
        double bestBaseline = Double.NEGATIVE_INFINITY;
        String bestName = "";
        for (Map.Entry<String, Function<double[], double[]>> baseline : app.baselines().entrySet()) {
            Evaluation.Result r = Evaluation.run(app.factory(), Evaluation.perObservation(baseline.getValue()), episodes, evalSeed);
            System.out.printf(Locale.ROOT, "baseline %-28s mean return %9.2f +- %.2f over %d episodes%n", baseline.getKey(), r.mean(), r.std(), episodes);
            if (r.mean() > bestBaseline) {
                bestBaseline = r.mean();
                bestName = baseline.getKey();
            }
        }
        if (Boolean.parseBoolean(options.getOrDefault("baselines-only", "false"))) return;

        Ppo.Config config = app.ppo().withSeed(seed);
        if (options.containsKey("steps")) config = config.withTotalSteps(Long.parseLong(options.get("steps")));
        Path out = Path.of(options.getOrDefault("out", "runs/rl/" + app.name()));
        Files.createDirectories(out);
        var ppo = new Ppo(app.factory(), config);
        int updates = (int) (config.totalSteps() / ((long) config.numEnvs() * config.numSteps()));
        var progress = new Progress(System.out, Progress.isTerminal(), "ppo " + app.name(), updates);
        long start = System.nanoTime();
        TrainingLog log = ppo.train(update -> progress.step(ppo.lastLoss()));
        double seconds = (System.nanoTime() - start) / 1e9;
        log.save(out.resolve("curve.png"));
        ppo.save(out.resolve("policy.safetensors"));
        Evaluation.Result learned = ppo.evaluate(episodes, evalSeed);
        System.out.printf(Locale.ROOT, "PPO: %d env steps in %.1f s (%.0f env steps/s including learning)%n",
                log.envSteps(), seconds, log.envSteps() / seconds);
        System.out.printf(Locale.ROOT, "learned PPO policy             mean return %9.2f +- %.2f over %d episodes%n", learned.mean(), learned.std(), episodes);
        System.out.printf(Locale.ROOT, "margin over the best baseline (%s): %+.2f (%s)%n", bestName, learned.mean() - bestBaseline,
                learned.mean() > bestBaseline ? "learned policy better" : "baseline better");
        System.out.println("wrote " + out.resolve("curve.png") + " and " + out.resolve("policy.safetensors"));
    }
}
