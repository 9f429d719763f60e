package jgrad.examples;

import jgrad.models.GPT;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A synthetic task for a tiny GPT: add two n-digit numbers. An example is
 * {@code a_1 … a_n + b_1 … b_n = c_0 … c_n}: both operands zero-padded to n digits, most significant
 * first, and the sum's n + 1 digits written <em>least significant first</em> (minGPT's trick), so
 * each output digit needs only the digits of a and b at its place and the carry from the digit just
 * written. Tokens: digits 0–9, {@code +} = 10, {@code =} = 11. The model learns the answer only;
 * accuracy is exact match of the whole sum on pairs from a fresh generator.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes jgrad.examples.AdditionTask [digits] [steps]
 * </pre>
 */
public final class AdditionTask extends PromptAnswerTask {
    public static final int PLUS = 10;
    public static final int EQUALS = 11;
    public static final int VOCAB = 12;

    private final int digits;

    public AdditionTask(int digits, GPT.Config config) {
        super(2 * digits + 2, digits + 1, config);
        if (digits < 1 || digits > 9) {
            throw new IllegalArgumentException("AdditionTask: digits must be in 1..9, got " + digits);
        }
        this.digits = digits;
    }

    /** The model size used by the demo and the training test: 2 layers, 4 heads, width 64. */
    public static GPT.Config defaultConfig(int digits) {
        return new GPT.Config(3 * digits + 2, VOCAB, 2, 4, 64, 0.0, true);
    }

    /** {@code a + b = reversed(a + b)}, 3n + 3 tokens; the prompt is everything up to {@code =}. */
    @Override
    protected long[] example(RandomGenerator random) {
        long limit = (long) Math.pow(10, digits);
        long a = random.nextLong(limit), b = random.nextLong(limit), sum = a + b;
        long[] out = new long[3 * digits + 3];
        writeDigits(a, out, 0, digits);
        out[digits] = PLUS;
        writeDigits(b, out, digits + 1, digits);
        out[2 * digits + 1] = EQUALS;
        for (int i = 0; i <= digits; i++) {               // least significant digit first
            out[2 * digits + 2 + i] = sum % 10;
            sum /= 10;
        }
        return out;
    }

    /** {@code value} as {@code count} decimal digits, most significant first, zero-padded. */
    private static void writeDigits(long value, long[] out, int at, int count) {
        for (int i = count - 1; i >= 0; i--) {
            out[at + i] = value % 10;
            value /= 10;
        }
    }

    public static void main(String[] args) {
        int digits = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        var task = new AdditionTask(digits, defaultConfig(digits));
        var random = new SplittableRandom(42);
        long start = System.nanoTime();
        for (int done = 0; done < steps; done += 100) {
            double loss = task.train(Math.min(100, steps - done), 64, 3e-3, random);
            System.out.printf(Locale.ROOT, "step %4d  loss %.4f  held-out exact match %.1f%%  (%.1f s)%n", done + 100, loss,
                    100 * task.exactMatch(500, new SplittableRandom(7)), (System.nanoTime() - start) / 1e9);
        }
    }
}
