package jgrad.examples;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.models.GPT;
import jgrad.optim.AdamW;
import jgrad.text.Sampler;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A synthetic task for a tiny GPT: read a list of digits, then write it sorted.
 * A sequence is {@code d_1 … d_n | s_1 … s_n} with the separator token 10; the model is trained on
 * next-token prediction of the sorted half only (the unsorted half is random, so its targets are
 * ignored with -100). Accuracy is exact match of the greedily generated sorted list on lists it has
 * not seen (a fresh generator).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes jgrad.examples.SortTask [steps]
 * </pre>
 */
public final class SortTask {
    public static final int DIGITS = 10;
    public static final int SEPARATOR = 10;
    public static final int VOCAB = 11;

    private final int length;
    private final GPT model;

    public SortTask(int length, GPT.Config config) {
        this.length = length;
        this.model = new GPT(config, new SplittableRandom(1));
    }

    /** The model size used by the demo and the training test: 2 layers, 4 heads, width 64. */
    public static GPT.Config defaultConfig(int length) {
        return new GPT.Config(2 * length, VOCAB, 2, 4, 64, 0.0, true);
    }

    public GPT model() {
        return model;
    }

    /** A batch of inputs {@code (B, 2n)} and targets {@code (B, 2n)} (-100 on the unsorted half). */
    public Tensor[] batch(int batchSize, RandomGenerator random) {
        int width = 2 * length;
        long[] inputs = new long[batchSize * width];
        long[] targets = new long[batchSize * width];
        for (int b = 0; b < batchSize; b++) {
            long[] sequence = sequence(random);
            for (int t = 0; t < width; t++) {
                inputs[b * width + t] = sequence[t];
                // position t predicts token t+1; only the sorted half (tokens n+1 .. 2n) is learned
                targets[b * width + t] = t >= length && t + 1 <= 2 * length ? sequence[t + 1] : -100;
            }
        }
        return new Tensor[] {Tensor.of(inputs, batchSize, width), Tensor.of(targets, batchSize, width)};
    }

    /** {@code d_1..d_n, SEP, s_1..s_n} (length 2n + 1). */
    private long[] sequence(RandomGenerator random) {
        long[] digits = new long[length];
        for (int i = 0; i < length; i++) {
            digits[i] = random.nextInt(DIGITS);
        }
        long[] sorted = digits.clone();
        Arrays.sort(sorted);
        long[] out = new long[2 * length + 1];
        System.arraycopy(digits, 0, out, 0, length);
        out[length] = SEPARATOR;
        System.arraycopy(sorted, 0, out, length + 1, length);
        return out;
    }

    /** Trains with AdamW; returns the last loss. */
    public double train(int steps, int batchSize, double lr, RandomGenerator random) {
        var optimizer = new AdamW(model.parameters(), lr);
        double loss = Double.NaN;
        model.train();
        for (int step = 0; step < steps; step++) {
            Tensor[] batch = batch(batchSize, random);
            optimizer.zeroGrad();
            Tensor value = model.loss(batch[0], batch[1]);
            value.backward();
            optimizer.step();
            loss = value.item();
        }
        return loss;
    }

    /** Fraction of {@code count} fresh lists the model sorts exactly (greedy decoding, whole batch at once). */
    public double exactMatch(int count, RandomGenerator random) {
        long[] prompts = new long[count * (length + 1)];
        long[][] expected = new long[count][];
        for (int b = 0; b < count; b++) {
            long[] sequence = sequence(random);
            System.arraycopy(sequence, 0, prompts, b * (length + 1), length + 1);
            expected[b] = Arrays.copyOfRange(sequence, length + 1, 2 * length + 1);
        }
        Tensor generated;
        try (var ignored = Grad.noGrad()) {
            generated = model.generate(Tensor.of(prompts, count, length + 1), length, Sampler.greedy(), random);
        }
        int correct = 0;
        for (int b = 0; b < count; b++) {
            long[] row = generated.select(0, b).narrow(0, length + 1, length).toLongArray();
            correct += Arrays.equals(row, expected[b]) ? 1 : 0;
        }
        return (double) correct / count;
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        var task = new SortTask(6, defaultConfig(6));
        var random = new SplittableRandom(42);
        long start = System.nanoTime();
        for (int done = 0; done < steps; done += 100) {
            double loss = task.train(Math.min(100, steps - done), 64, 3e-3, random);
            System.out.printf(Locale.ROOT, "step %4d  loss %.4f  held-out exact match %.1f%%  (%.1f s)%n", done + 100, loss,
                    100 * task.exactMatch(200, new SplittableRandom(7)), (System.nanoTime() - start) / 1e9);
        }
    }
}
