package jgrad.rl.algo;

import jgrad.rl.env.Envs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short PPO run on CartPole-v1 must clearly learn: a uniformly random policy keeps the pole up for about 22
 * steps on average; after 12,288 steps PPO's deterministic policy must average at least 100 on 20 held-out
 * episodes (the full 100,000-step run of RlTrain reaches 500). Seeded, so the result is the same on every run.
 */
class PpoCartPoleTrainingTest {
    @Test
    void shortPpoRunLearnsToBalance() {
        var config = Ppo.Config.cartPole().withTotalSteps(12_288).withSeed(3);
        var ppo = new Ppo(() -> Envs.make("CartPole-v1"), config);
        TrainingLog log = ppo.train(update -> { });
        assertThat(log.envSteps()).isEqualTo(12_288);
        Evaluation.Result result = ppo.evaluate(20, 123);
        assertThat(result.mean()).as("mean evaluation return after %d steps", log.envSteps()).isGreaterThanOrEqualTo(100);
    }
}
