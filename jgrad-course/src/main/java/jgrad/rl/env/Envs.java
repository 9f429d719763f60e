package jgrad.rl.env;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Gymnasium's {@code make}: builds an environment by its id with the registered time limit, e.g.
 * {@code Envs.make("CartPole-v1")} is a {@link CartPole} inside a 500-step {@link TimeLimit}.
 */
public final class Envs {
    private record Spec(Supplier<Env> factory, int maxSteps) {
    }

    private static final Map<String, Spec> REGISTRY = new LinkedHashMap<>();

    static {
        register("CartPole-v1", CartPole::new, 500);
        register("Pendulum-v1", Pendulum::new, 200);
        register("MountainCar-v0", MountainCar::new, 200);
    }

    private Envs() {
    }

    /** Adds an id; {@code maxSteps <= 0} means no time limit. */
    public static synchronized void register(String id, Supplier<Env> factory, int maxSteps) {
        REGISTRY.put(id, new Spec(factory, maxSteps));
    }

    /** The registered ids. */
    public static synchronized Set<String> ids() {
        return Set.copyOf(REGISTRY.keySet());
    }

    /** A new environment for {@code id}, inside its time limit. */
    public static synchronized Env make(String id) {
        Spec spec = REGISTRY.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("Envs.make: unknown environment id '" + id + "'; known ids: " + REGISTRY.keySet());
        }
        Env env = spec.factory.get();
        return spec.maxSteps > 0 ? new TimeLimit(env, spec.maxSteps) : env;
    }

    /** The time limit registered for {@code id} (0 for none). */
    public static synchronized int maxSteps(String id) {
        Spec spec = REGISTRY.get(id);
        if (spec == null) throw new IllegalArgumentException("Envs.maxSteps: unknown environment id '" + id + "'");
        return spec.maxSteps;
    }
}
