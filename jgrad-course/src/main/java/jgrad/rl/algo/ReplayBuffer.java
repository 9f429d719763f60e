package jgrad.rl.algo;

import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * DQN's experience replay: a ring of the last {@code capacity} transitions {@code (s, a, r, s', terminated)};
 * once full, each new transition overwrites the oldest. Sampling uniformly breaks the correlation between
 * consecutive steps. {@code terminated} (not truncated) is stored: only a true terminal state has value 0.
 */
public final class ReplayBuffer {
    /** A sampled minibatch (float64): observations {@code (B, obsDim)}, int64 actions {@code (B)}, rewards and terminals {@code (B)}. */
    public record Batch(Tensor observations, Tensor actions, Tensor rewards, Tensor nextObservations, Tensor terminated) {
    }

    private final int capacity, obsDim;
    private final double[] observations, nextObservations, rewards, terminated;
    private final long[] actions;
    private int next, size;

    public ReplayBuffer(int capacity, int obsDim) {
        if (capacity <= 0 || obsDim <= 0) {
            throw new IllegalArgumentException("ReplayBuffer: capacity and obsDim must be positive, got " + capacity + ", " + obsDim);
        }
        this.capacity = capacity;
        this.obsDim = obsDim;
        observations = new double[capacity * obsDim];
        nextObservations = new double[capacity * obsDim];
        rewards = new double[capacity];
        terminated = new double[capacity];
        actions = new long[capacity];
    }

    public void add(double[] observation, int action, double reward, double[] nextObservation, boolean isTerminal) {
        if (observation.length != obsDim || nextObservation.length != obsDim) {
            throw new IllegalArgumentException("ReplayBuffer.add: observations must have " + obsDim + " entries, got "
                    + observation.length + " and " + nextObservation.length);
        }
        for (int d = 0; d < obsDim; d++) {
            observations[next * obsDim + d] = observation[d];
            nextObservations[next * obsDim + d] = nextObservation[d];
        }
        actions[next] = action;
        rewards[next] = reward;
        terminated[next] = isTerminal ? 1 : 0;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    public int size() {
        return size;
    }

    /** {@code batchSize} transitions drawn uniformly with replacement. */
    public Batch sample(int batchSize, RandomGenerator random) {
        if (size == 0) throw new IllegalStateException("ReplayBuffer.sample: the buffer is empty");
        double[] obs = new double[batchSize * obsDim], nextObs = new double[batchSize * obsDim];
        double[] r = new double[batchSize], done = new double[batchSize];
        long[] a = new long[batchSize];
        for (int b = 0; b < batchSize; b++) {
            int i = random.nextInt(size);
            System.arraycopy(observations, i * obsDim, obs, b * obsDim, obsDim);
            System.arraycopy(nextObservations, i * obsDim, nextObs, b * obsDim, obsDim);
            a[b] = actions[i];
            r[b] = rewards[i];
            done[b] = terminated[i];
        }
        return new Batch(Tensor.of(obs, batchSize, obsDim), Tensor.of(a, batchSize), Tensor.of(r, batchSize),
                Tensor.of(nextObs, batchSize, obsDim), Tensor.of(done, batchSize));
    }
}
