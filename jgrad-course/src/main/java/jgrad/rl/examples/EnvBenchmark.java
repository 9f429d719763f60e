package jgrad.rl.examples;

import jgrad.rl.apps.Applications;
import jgrad.rl.env.Box;
import jgrad.rl.env.Discrete;
import jgrad.rl.env.Env;
import jgrad.rl.env.Envs;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Raw environment speed: steps per second of every environment under uniformly random actions (resetting
 * when an episode ends), so one can check that the environments are not what limits training.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.rl.examples.EnvBenchmark -Djgrad.args="1000000"
 * </pre>
 */
public final class EnvBenchmark {
    private EnvBenchmark() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Map<String, Supplier<Env>> envs = new LinkedHashMap<>();
        for (String id : new String[] {"CartPole-v1", "Pendulum-v1", "MountainCar-v0"}) envs.put(id, () -> Envs.make(id));
        for (Applications.App app : Applications.all()) envs.put(app.name(), app.factory());
        for (var entry : envs.entrySet()) {
            Env env = entry.getValue().get();
            var random = new SplittableRandom(0);
            env.reset(0);
            run(env, random, steps / 10);   // warm-up: let the JIT compile the step
            long start = System.nanoTime();
            run(env, random, steps);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%-16s %,12.0f steps/s%n", entry.getKey(), steps / seconds);
        }
    }

    private static void run(Env env, SplittableRandom random, int steps) {
        for (int t = 0; t < steps; t++) {
            Env.Step s = env.step(randomAction(env, random));
            if (s.done()) env.reset();
        }
    }

    private static double[] randomAction(Env env, SplittableRandom random) {
        return switch (env.actionSpace()) {
            case Discrete d -> new double[] {random.nextInt(d.n())};
            case Box b -> {
                double[] a = new double[b.flatDim()];
                for (int i = 0; i < a.length; i++) a[i] = b.low()[i] + (b.high()[i] - b.low()[i]) * random.nextDouble();
                yield a;
            }
        };
    }
}
