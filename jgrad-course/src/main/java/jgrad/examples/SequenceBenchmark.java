package jgrad.examples;

import jgrad.Tensor;
import jgrad.kernels.Parallel;
import jgrad.models.GPT;
import jgrad.nn.Embedding;
import jgrad.nn.GRU;
import jgrad.nn.LSTM;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.functional.F;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Workloads W4 (GPT) and W5 (char LSTM) of {@code shared/bench/WORKLOADS.md}, timed the way
 * {@code torch_ref.py} times them: float32, random tokens, one step = zero grads + forward +
 * cross-entropy + backward + AdamW(lr 1e-3); 3 warm-up steps, then steps for about 3 seconds.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.threads=1 -cp target/classes jgrad.examples.SequenceBenchmark [gpt|lstm|all|gru] [seconds]
 * </pre>
 */
public final class SequenceBenchmark {
    private SequenceBenchmark() {
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "all";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
        if (which.equals("gpt") || which.equals("all")) {
            var gpt = new GPT(new GPT.Config(128, 65, 4, 4, 128, 0.0, true), new SplittableRandom(0));
            report("gpt ", gpt, 16, 128, seconds, () -> gpt.loss(tokens(16, 128, 1), tokens(16, 128, 2)));
        }
        if (which.equals("lstm") || which.equals("all")) {
            var model = new CharRnn(new LSTM(64, 256, 1, true, true, 0.0, false, new SplittableRandom(5)));
            report("lstm", model, 32, 64, seconds, () -> model.loss(tokens(32, 64, 3), tokens(32, 64, 4)));
        }
        if (which.equals("gru")) {   // W5 with a GRU layer in place of the LSTM (not one of the shared workloads)
            var model = new CharRnn(new GRU(64, 256, 1, true, true, 0.0, false, new SplittableRandom(5)));
            report("gru ", model, 32, 64, seconds, () -> model.loss(tokens(32, 64, 3), tokens(32, 64, 4)));
        }
    }

    /** W5's model: embedding 65→64, one recurrent layer of 256 (batch first; LSTM in W5), linear 256→65. */
    static final class CharRnn extends Module {
        private final Embedding emb = registerModule("emb", new Embedding(65, 64));
        private final Module recurrent;
        private final Linear out = registerModule("out", new Linear(256, 65));

        CharRnn(Module recurrent) {
            this.recurrent = registerModule("rnn", recurrent);
        }

        @Override
        public Tensor forward(Tensor idx) {
            return out.forward(recurrent.forward(emb.forward(idx)));
        }

        Tensor loss(Tensor idx, Tensor targets) {
            return F.crossEntropy(forward(idx).reshape(-1, 65), targets.reshape(-1));
        }
    }

    private static Tensor tokens(int batch, int length, long seed) {
        return Tensor.randint(new SplittableRandom(seed), 0, 65, batch, length);
    }

    private static void report(String name, Module model, int batch, int length, double seconds, Supplier<Tensor> loss) {
        Optimizer optimizer = new AdamW(model.parameters(), 1e-3);
        Runnable step = () -> {
            optimizer.zeroGrad();
            loss.get().backward();
            optimizer.step();
        };
        for (int i = 0; i < 3; i++) {
            step.run();
        }
        int steps = 0;
        var cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime(), cpuStart = cpu.getCurrentThreadCpuTime();
        while (System.nanoTime() - start < seconds * 1e9) {
            step.run();
            steps++;
        }
        double perStep = (System.nanoTime() - start) / 1e9 / steps;
        double cpuPerStep = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9 / steps;   // this thread's share: all of it at 1 thread
        System.out.printf(Locale.ROOT, "%s threads=%d tokens/s=%.0f ms/step=%.2f cpu-ms/step=%.2f params=%d%n", name,
                Parallel.threads(), batch * length / perStep, perStep * 1e3, cpuPerStep * 1e3, model.parameterCount());
    }

}
