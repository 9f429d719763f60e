package jgrad.quant;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.RenderedDigits;
import jgrad.data.TensorDataset;
import jgrad.kernels.Parallel;
import jgrad.models.MLP;
import jgrad.nn.Module;
import jgrad.nn.Sequential;
import jgrad.optim.AdamW;
import jgrad.train.Progress;
import jgrad.train.Trainer;

import java.util.Arrays;
import java.util.Locale;

/**
 * Float32 against int8, side by side, on the W2 model ({@code MLP 784 -> 512 -> 512 -> 10}) trained
 * briefly on rendered digits: held-out accuracy, how often the two agree, the largest logit
 * difference, the size of the weights, and the time of one forward pass at batch 1, 64 and 256
 * (median of repeated runs after a warm-up).
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.quant.QuantBenchmark
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.quant.QuantBenchmark -Djgrad.args="--epochs 3 --train 10000"
 * </pre>
 */
public final class QuantBenchmark {
    private QuantBenchmark() {
    }

    public static void main(String[] args) {
        int epochs = 2, trainSize = 6_000, testSize = 2_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                case "--train" -> trainSize = Integer.parseInt(args[i + 1]);
                case "--test" -> testSize = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--epochs, --train, --test)");
            }
        }
        Jgrad.manualSeed(0);
        var mlp = new MLP(784, 10, 512, 512);
        var trainer = new Trainer(mlp, new AdamW(mlp.parameters(), 1e-3)).withOutput(System.out, Progress.isTerminal());
        trainer.fit(new DataLoader(RenderedDigits.generate(trainSize, 1), 64, true, 0), null, epochs);
        mlp.eval();
        TensorDataset test = RenderedDigits.generate(testSize, 2);
        var float32 = (Sequential) mlp.namedChildren().get("layers");
        Sequential int8 = Quantize.linearLayers(float32);

        try (var ignored = Grad.noGrad()) {
            Tensor floatLogits = float32.forward(test.inputs());
            Tensor int8Logits = int8.forward(test.inputs());
            Tensor floatPred = floatLogits.argmax(-1, false), int8Pred = int8Logits.argmax(-1, false);
            System.out.printf(Locale.ROOT, "%nheld-out accuracy on %d rendered digits: float32 %.4f, int8 %.4f; predictions agree on %.4f;"
                            + " largest |logit difference| %.4f%n", testSize, mean(floatPred.eq(test.targets())),
                    mean(int8Pred.eq(test.targets())), mean(floatPred.eq(int8Pred)), floatLogits.sub(int8Logits).abs().max().item());
        }
        long floatBytes = Quantize.sizeBytes(float32), int8Bytes = Quantize.sizeBytes(int8);
        System.out.printf(Locale.ROOT, "weights: float32 %,d bytes, int8 %,d bytes (%.2fx smaller)%n%n", floatBytes, int8Bytes,
                (double) floatBytes / int8Bytes);
        System.out.printf("forward pass, median of repeated runs, %d thread(s) (-Djgrad.threads=N):%n", Parallel.threads());
        System.out.println("batch   float32 ms   int8 ms   int8 speed-up");
        for (int batch : new int[] {1, 64, 256}) {
            Tensor x = test.inputs().narrow(0, 0, batch).contiguous();
            double f = medianMillis(float32, x), q = medianMillis(int8, x);
            System.out.printf(Locale.ROOT, "%5d   %10.3f   %7.3f   %6.2fx%n", batch, f, q, f / q);
        }
    }

    private static double mean(Tensor bools) {
        return bools.float32().mean().item();
    }

    /** Warm-up (2 s and at least 200 calls, so the JIT has compiled the kernels), then the median of as many runs. */
    static double medianMillis(Module model, Tensor x) {
        try (var ignored = Grad.noGrad()) {
            long warmUntil = System.nanoTime() + 2_000_000_000L;
            int calls = 0;
            while (System.nanoTime() < warmUntil || calls < 200) {
                model.forward(x);
                calls++;
            }
            int runs = Math.max(11, Math.min(2_000, calls));
            long[] times = new long[runs];
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                model.forward(x);
                times[r] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            return times[runs / 2] / 1e6;
        }
    }
}
