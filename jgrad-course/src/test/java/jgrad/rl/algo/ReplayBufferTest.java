package jgrad.rl.algo;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayBufferTest {
    @Test
    void keepsTheLastCapacityTransitionsAndSamplesWholeTransitions() {
        var buffer = new ReplayBuffer(3, 2);
        for (int i = 0; i < 5; i++) buffer.add(new double[] {i, -i}, i % 2, 10 * i, new double[] {i + 1, -i - 1}, i == 4);
        assertThat(buffer.size()).isEqualTo(3);
        Set<Double> seen = new HashSet<>();
        var batch = buffer.sample(200, new SplittableRandom(0));
        float[] obs = batch.observations().toFloatArray(), next = batch.nextObservations().toFloatArray();
        float[] rewards = batch.rewards().toFloatArray(), done = batch.terminated().toFloatArray();
        long[] actions = batch.actions().toLongArray();
        for (int b = 0; b < 200; b++) {
            int i = (int) obs[2 * b];
            seen.add((double) i);
            // every field of a sampled row comes from the same transition i
            assertThat(obs[2 * b + 1]).isEqualTo(-i);
            assertThat(next[2 * b]).isEqualTo(i + 1);
            assertThat(rewards[b]).isEqualTo(10f * i);
            assertThat(actions[b]).isEqualTo(i % 2);
            assertThat(done[b]).isEqualTo(i == 4 ? 1f : 0f);
        }
        assertThat(seen).as("transitions 0 and 1 were overwritten").containsExactlyInAnyOrder(2.0, 3.0, 4.0);
        assertThat(batch.observations().shape()).containsExactly(200, 2);
    }

    @Test
    void rejectsWrongSizesAndEmptySampling() {
        var buffer = new ReplayBuffer(4, 3);
        assertThatThrownBy(() -> buffer.sample(1, new SplittableRandom(0))).hasMessageContaining("empty");
        assertThatThrownBy(() -> buffer.add(new double[2], 0, 0, new double[3], false)).hasMessageContaining("3 entries");
    }
}
