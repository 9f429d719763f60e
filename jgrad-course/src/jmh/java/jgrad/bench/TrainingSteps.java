package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.kernels.Parallel;
import jgrad.models.MLP;
import jgrad.models.SmallCnn;
import jgrad.models.SmallVgg;
import jgrad.nn.Module;
import jgrad.nn.functional.F;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;

/**
 * W2 (MLP) and W3 (CNN) of {@code shared/bench/WORKLOADS.md}, timed the way {@code torch_ref.py}
 * times them: float32, random data, AdamW(lr 1e-3), cross-entropy; one step = zero grads + forward
 * + backward + optimizer step; a few warm-up steps, then as many steps as fit in a time budget.
 * Each round times both workloads and prints one line per workload in torch_ref's format; the
 * last lines are the medians over rounds.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.threads=1 \
 *      -cp target/benchmarks.jar jgrad.bench.TrainingSteps [seconds per measurement = 3] [rounds = 5] [mlp|cnn|all|vgg]
 * </pre>
 * The JIT needs more warm-up than PyTorch's 3 steps: the first round runs 10 s of untimed steps.
 */
public final class TrainingSteps {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private TrainingSteps() {
    }

    /** One workload: a model, its fixed random batch, and the optimizer. */
    private record Workload(String name, Module model, Tensor input, Tensor target, Optimizer optimizer) {

        void step() {
            optimizer.zeroGrad();
            Tensor logits = model.forward(input);
            F.crossEntropy(logits, target).backward();
            optimizer.step();
        }

        /**
         * Wall-clock and CPU seconds per step (the CPU time of this thread, which does all the work
         * with one thread and is less disturbed by other processes); steps run until {@code seconds}
         * of wall-clock time have passed.
         */
        double[] secondsPerStep(double seconds) {
            for (int i = 0; i < 3; i++) {
                step();
            }
            int steps = 0;
            long start = System.nanoTime();
            long cpuStart = CPU.getCurrentThreadCpuTime();
            long budget = (long) (seconds * 1e9);
            while (System.nanoTime() - start < budget) {
                step();
                steps++;
            }
            return new double[] {(System.nanoTime() - start) / 1e9 / steps, (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9 / steps};
        }
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String only = args.length > 2 ? args[2] : "all";
        Jgrad.manualSeed(0);
        MLP mlp = new MLP(784, 10, 512, 512);
        SmallCnn cnn = new SmallCnn();
        SmallVgg vgg = new SmallVgg(16, 64, 0.0);   // not a shared workload: `vgg` runs it alone (Fashion-MNIST's model, batch norms)
        Workload[] workloads = Arrays.stream(new Workload[] {
                new Workload("mlp", mlp, Tensor.randn(128, 784), Tensor.randint(0, 10, 128), new AdamW(mlp.parameters(), 1e-3)),
                new Workload("cnn", cnn, Tensor.randn(64, 1, 28, 28), Tensor.randint(0, 10, 64), new AdamW(cnn.parameters(), 1e-3)),
                new Workload("vgg", vgg, Tensor.randn(64, 1, 28, 28), Tensor.randint(0, 10, 64), new AdamW(vgg.parameters(), 1e-3)),
        }).filter(w -> only.equals(w.name()) || (only.equals("all") && !w.name().equals("vgg"))).toArray(Workload[]::new);
        int threads = Parallel.threads();
        long warmUpEnd = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            for (Workload w : workloads) {
                w.step();
            }
        }
        double[][] wall = new double[workloads.length][rounds];
        double[][] cpu = new double[workloads.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int q = 0; q < workloads.length; q++) {
                double[] dt = workloads[q].secondsPerStep(seconds);
                wall[q][round] = dt[0];
                cpu[q][round] = dt[1];
                System.out.printf(Locale.ROOT, "%-4s threads=%d steps/s=%.1f ms/step=%.2f cpu-ms/step=%.2f%n",
                        workloads[q].name(), threads, 1 / dt[0], dt[0] * 1e3, dt[1] * 1e3);
            }
        }
        for (int q = 0; q < workloads.length; q++) {
            double median = Rounds.median(wall[q]);
            System.out.printf(Locale.ROOT, "%-4s threads=%d median steps/s=%.1f ms/step=%.2f cpu-ms/step=%.2f over %d rounds%n",
                    workloads[q].name(), threads, 1 / median, median * 1e3, Rounds.median(cpu[q]) * 1e3, rounds);
        }
    }
}
