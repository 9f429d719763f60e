package jgrad.rl.algo;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.rl.env.Envs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DqnTargetTest {
    private static ReplayBuffer.Batch batch() {
        var buffer = new ReplayBuffer(16, 4);
        var random = new SplittableRandom(2);
        for (int i = 0; i < 16; i++) {
            double[] s = random.doubles(4, -1, 1).toArray(), next = random.doubles(4, -1, 1).toArray();
            buffer.add(s, i % 2, random.nextDouble(), next, i % 5 == 0);
        }
        return buffer.sample(16, random);
    }

    @Test
    void doubleDqnTargetLetsTheOnlineNetworkChooseAndTheTargetNetworkRate() {
        for (boolean doubleDqn : new boolean[] {true, false}) {
            var base = Dqn.Config.cartPole();
            var config = new Dqn.Config(1000, 100, 10, 16, 1e-3, 0.9, 1, 1, 10, 0.5, 1, 0.05, doubleDqn, 8, 10, 0);
            var dqn = new Dqn(() -> Envs.make("CartPole-v1"), config);
            try (var ignored = Grad.noGrad()) {
                dqn.qNetwork().parameters().getFirst().mul_(-3);   // make online and target networks differ
            }
            var batch = batch();
            double[] y = dqn.tdTarget(batch).toDoubleArray();
            double[] online = dqn.qNetwork().forward(batch.nextObservations().to(RlPrecision.dtype())).toDoubleArray();
            double[] target = dqn.targetNetwork().forward(batch.nextObservations().to(RlPrecision.dtype())).toDoubleArray();
            float[] r = batch.rewards().toFloatArray(), d = batch.terminated().toFloatArray();
            for (int b = 0; b < 16; b++) {
                int chosen = online[2 * b + 1] > online[2 * b] ? 1 : 0;
                double next = doubleDqn ? target[2 * b + chosen] : Math.max(target[2 * b], target[2 * b + 1]);
                double expected = r[b] + 0.9 * (1 - d[b]) * next;
                assertThat(y[b]).as("row %d, doubleDqn=%s", b, doubleDqn).isCloseTo(expected, within(1e-5));
            }
            assertThat(base.doubleDqn()).as("the CartPole settings use Double DQN").isTrue();
        }
    }

    @Test
    void aGradientStepLowersTheLossOnItsBatchAndTheCheckpointRoundTrips(@TempDir Path dir) throws Exception {
        var config = new Dqn.Config(1000, 100, 10, 16, 1e-2, 0.9, 1, 1, 10, 0.5, 1, 0.05, true, 16, 10, 0);
        var dqn = new Dqn(() -> Envs.make("CartPole-v1"), config);
        var batch = batch();
        double first = dqn.update(batch);
        double later = first;
        for (int i = 0; i < 20; i++) later = dqn.update(batch);
        assertThat(later).as("Huber loss on a fixed batch after 20 Adam steps (first %s)", first).isLessThan(first);
        Path file = dir.resolve("q.safetensors");
        dqn.save(file);
        var copy = new Dqn(() -> Envs.make("CartPole-v1"), config.withSeed(99));
        copy.qNetwork().loadStateDict(Safetensors.load(file));
        Tensor obs = batch.observations().to(RlPrecision.dtype());
        assertThat(copy.qNetwork().forward(obs).toFloatArray()).containsExactly(dqn.qNetwork().forward(obs).toFloatArray());
    }
}
