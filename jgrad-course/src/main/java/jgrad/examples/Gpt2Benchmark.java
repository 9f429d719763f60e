package jgrad.examples;

import jgrad.Tensor;
import jgrad.kernels.Parallel;
import jgrad.models.GPT;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Workload W6 of {@code shared/bench/WORKLOADS.md}: one training step of a model with GPT-2
 * small's shape (124M parameters: vocabulary 50257, 12 layers, 12 heads, width 768, context 1024,
 * head tied to the token embedding) on a batch of 4 × 64 random tokens, with AdamW (lr 1e-4, no
 * weight decay), through the public API, timed as {@code shared/bench/torch_gpt2.py} times it:
 * one warm-up step, then the median of the timed steps. A step is zero grads + forward +
 * cross-entropy + backward + optimizer step; the forward+loss, backward and optimizer parts are
 * timed too, to show where a step goes.
 *
 * <p>It also prints the peak resident memory of the process ({@code VmHWM} of
 * {@code /proc/self/status}, what {@code getrusage}'s {@code ru_maxrss} reports for PyTorch): the
 * JVM's share depends on {@code -Xmx}, so give the smallest heap that runs (2450 MiB did), and the
 * largest heap occupancy seen right after a garbage collection ({@link HeapHighWater}): the live
 * data the step needed at the moments the collector looked, which {@code -Xmx} does not inflate.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx2450m -Djgrad.threads=1 -cp target/classes \
 *      jgrad.examples.Gpt2Benchmark [timed steps = 3]
 * </pre>
 * The one difference to {@code torch_gpt2.py}: jgrad's GPT uses the exact (erf) GELU where GPT-2
 * and the script use the tanh approximation; both are one elementwise pass over (B, T, 4C).
 */
public final class Gpt2Benchmark {
    private static final int VOCAB = 50257;
    private static final int BATCH = 4;
    private static final int LENGTH = 64;

    private Gpt2Benchmark() {
    }

    public static void main(String[] args) {
        int timedSteps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        HeapHighWater.start();
        long built = System.nanoTime();
        var gpt = new GPT(new GPT.Config(1024, VOCAB, 12, 12, 768, 0.0, true), new SplittableRandom(0));
        Optimizer optimizer = new AdamW(gpt.parameters(), 1e-4, 0.9, 0.999, 1e-8, 0.0, false);
        Tensor idx = Tensor.randint(new SplittableRandom(1), 0, VOCAB, BATCH, LENGTH);
        Tensor targets = Tensor.randint(new SplittableRandom(2), 0, VOCAB, BATCH, LENGTH);
        System.out.printf(Locale.ROOT, "gpt2-124M params=%d threads=%d built in %.1f s%n", gpt.parameterCount(),
                Parallel.threads(), (System.nanoTime() - built) / 1e9);
        double[][] parts = new double[timedSteps + 1][];
        for (int step = 0; step <= timedSteps; step++) {
            long start = System.nanoTime();
            optimizer.zeroGrad();
            long[] marks = new long[2];
            double loss = forwardBackward(gpt, idx, targets, marks);
            optimizer.step();
            long end = System.nanoTime();
            parts[step] = new double[] {(end - start) / 1e9, (marks[0] - start) / 1e9, (marks[1] - marks[0]) / 1e9,
                    (end - marks[1]) / 1e9};
            System.out.printf(Locale.ROOT, "%s step %d: %.2f s (forward+loss %.2f, backward %.2f, AdamW %.2f) loss=%.4f%n",
                    step == 0 ? "warm-up" : "timed", step, parts[step][0], parts[step][1], parts[step][2], parts[step][3],
                    loss);
        }
        double[] total = new double[timedSteps];
        for (int step = 1; step <= timedSteps; step++) {
            total[step - 1] = parts[step][0];
        }
        Arrays.sort(total);
        double median = total[timedSteps / 2];
        System.out.printf(Locale.ROOT, "gpt2-124M threads=%d s/step=%.2f tokens/s=%.1f peak RSS=%s heap after GC max=%.0f MiB"
                + " (after full GC max=%.0f MiB)%n", Parallel.threads(), median, BATCH * LENGTH / median, peakResident(),
                HeapHighWater.maxAfterGc() / 1048576.0, HeapHighWater.maxAfterFullGc() / 1048576.0);
    }

    /**
     * Forward, loss and backward in a method of their own, so that the graph (and every activation
     * it holds) is unreachable once it returns: the optimizer step that follows then has the memory
     * the activations took. {@code marks} receives the times forward+loss and backward ended.
     */
    private static double forwardBackward(GPT gpt, Tensor idx, Tensor targets, long[] marks) {
        Tensor loss = gpt.loss(idx, targets);
        marks[0] = System.nanoTime();
        loss.backward();
        marks[1] = System.nanoTime();
        return loss.item();
    }

    /** {@code VmHWM} (peak resident set) of this process in MiB, or "n/a" where there is no /proc. */
    static String peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "n/a";
    }
}
