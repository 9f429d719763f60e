package jgrad.rl.policy;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.Sequential;
import jgrad.nn.Tanh;
import jgrad.rl.env.Box;
import jgrad.rl.env.Discrete;
import jgrad.rl.env.Space;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy network (the actor) and a value network (the critic), separate tanh MLPs on the observation
 * {@code (B, obsDim)}. For a {@link Discrete} action space the actor gives logits {@code (B, n)}; for a
 * {@link Box} it gives means {@code (B, D)} and a learned state-independent {@code log_std (D)}.
 * The actor's last layer starts 100 times smaller than PyTorch's default, so the first policy is close to
 * uniform (or to mean 0): a common PPO choice that keeps early updates from committing too soon.
 * Parameter names: {@code actor.0.weight}, ..., {@code critic.4.bias}, {@code log_std}.
 */
public final class ActorCritic extends Module {
    private final Sequential actor;
    private final Sequential critic;
    private final boolean continuous;

    /** @param logStdInit starting {@code log sigma} of a continuous policy (ignored for discrete ones) */
    public ActorCritic(int obsDim, Space actionSpace, int hidden, double logStdInit) {
        this.continuous = actionSpace instanceof Box;
        int outputs = switch (actionSpace) {
            case Discrete d -> d.n();
            case Box b -> b.flatDim();
        };
        actor = registerModule("actor", mlp(obsDim, hidden, outputs));
        critic = registerModule("critic", mlp(obsDim, hidden, 1));
        try (var ignored = Grad.noGrad()) {
            for (Tensor p : actor.get(actor.size() - 1).parameters()) p.mul_(0.01);
        }
        if (continuous) registerParameter("log_std", Tensor.full(logStdInit, outputs));
    }

    /** {@code Linear -> Tanh -> Linear -> Tanh -> Linear}: two hidden layers of {@code hidden} units. */
    public static Sequential mlp(int inputs, int hidden, int outputs) {
        List<Module> layers = new ArrayList<>(List.of(new Linear(inputs, hidden), new Tanh(), new Linear(hidden, hidden), new Tanh()));
        layers.add(new Linear(hidden, outputs));
        return new Sequential(layers);
    }

    /** The actor's raw output: logits {@code (B, n)} or means {@code (B, D)}. */
    @Override
    public Tensor forward(Tensor observations) {
        return actor.forward(observations);
    }

    /** {@code V(s)} for each row: {@code (B)}. */
    public Tensor value(Tensor observations) {
        return critic.forward(observations).squeeze(-1);
    }

    /** {@code pi(. | s)} for each row. */
    public Distribution distribution(Tensor observations) {
        Tensor out = forward(observations);
        return continuous ? new DiagGaussian(out, parameter("log_std")) : new Categorical(out);
    }

    public boolean isContinuous() {
        return continuous;
    }
}
