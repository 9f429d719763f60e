package jgrad.rl.apps;

import jgrad.rl.algo.Ppo;
import jgrad.rl.env.Env;
import jgrad.rl.env.TimeLimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The five application environments of the reinforcement-learning unit, each with its episode limit, its
 * hand-written baselines and the PPO settings that train it.
 */
public final class Applications {
    /** One application: a name, how to build the environment, the baselines by name, and the PPO settings. */
    public record App(String name, String area, Supplier<Env> factory, Map<String, Function<double[], double[]>> baselines,
                      Ppo.Config ppo, String returnMeaning) {
    }

    private Applications() {
    }

    // PPO settings (not tuned per app): 8 copies x 128 steps (discrete) or x 256 steps (continuous), gamma 0.99, lambda 0.95.
    private static final Ppo.Config DISCRETE = new Ppo.Config(8, 128, 150_000, 1e-3, true, 0.99, 0.95, 10, 256, 0.2, 0.01,
            0.5, 0.5, 64, 0, false, 1.0, 1);
    private static final Ppo.Config CONTINUOUS = new Ppo.Config(8, 256, 200_000, 1e-3, true, 0.99, 0.95, 10, 256, 0.2, 0.0,
            0.5, 0.5, 64, -1.0, false, 1.0, 1);
    // the arm learns slowly (reaching from any pose to any target): normalised observations and 600k steps
    private static final Ppo.Config ARM = new Ppo.Config(8, 256, 600_000, 1e-3, true, 0.99, 0.95, 10, 256, 0.2, 0.0,
            0.5, 0.5, 64, -1.0, true, 1.0, 1);

    public static List<App> all() {
        Map<String, Function<double[], double[]>> cycles = new LinkedHashMap<>();
        for (int green : new int[] {3, 4, 5, 6, 8, 12}) cycles.put("fixed cycle " + green + " steps", Intersection.fixedCycle(green));
        return List.of(
                new App("snake", "game AI", () -> new TimeLimit(new Snake(), 1000), Map.of("greedy", Snake.greedy()),
                        DISCRETE, "food eaten minus 1 for dying"),
                new App("arm", "robot control", () -> new TimeLimit(new TwoLinkArm(), 100),
                        Map.of("Jacobian-transpose PD", TwoLinkArm.jacobianTransposeController()), ARM,
                        "minus the summed fingertip distance (m) and torque cost over 100 steps"),
                new App("traffic", "traffic", () -> new TimeLimit(new Intersection(), Intersection.EPISODE_STEPS), cycles,
                        DISCRETE, "minus total waiting (car-steps / 10)"),
                new App("scheduling", "scheduling", JobScheduling::new,
                        Map.of("SPT", JobScheduling.shortestProcessingTime(), "EDF", JobScheduling.earliestDeadlineFirst(),
                                "minimum slack", JobScheduling.minimumSlack()),
                        DISCRETE, "minus total tardiness / 10 over 60 jobs"),
                new App("driving", "autonomous driving", () -> new TimeLimit(new LaneKeeping(), 300),
                        Map.of("offset/heading feedback", LaneKeeping.feedbackController()), CONTINUOUS,
                        "sum of 1 - e^2 - psi^2/2 - 10 (steering change)^2 per step (300 at best), -10 for leaving the lane"));
    }

    public static App byName(String name) {
        return all().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "Applications: unknown app '" + name + "'; known: " + all().stream().map(App::name).toList()));
    }
}
