package jgrad.examples;

import jgrad.models.GPT;

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
public final class SortTask extends PromptAnswerTask {
    public static final int DIGITS = 10;
    public static final int SEPARATOR = 10;
    public static final int VOCAB = 11;

    private final int length;

    public SortTask(int length, GPT.Config config) {
        super(length + 1, length, config);
        this.length = length;
    }

    /** The model size used by the demo and the training test: 2 layers, 4 heads, width 64. */
    public static GPT.Config defaultConfig(int length) {
        return new GPT.Config(2 * length, VOCAB, 2, 4, 64, 0.0, true);
    }

    /** {@code d_1..d_n, SEP, s_1..s_n} (length 2n + 1): the prompt is the digits and the separator. */
    @Override
    protected long[] example(RandomGenerator random) {
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
