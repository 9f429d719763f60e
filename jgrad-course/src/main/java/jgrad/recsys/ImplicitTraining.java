package jgrad.recsys;

import jgrad.Tensor;
import jgrad.nn.Module;
import jgrad.nn.functional.F;
import jgrad.optim.Adam;
import jgrad.train.Progress;

import java.io.PrintStream;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Training on implicit feedback with negative sampling: each epoch pairs every observed
 * (user, item) — label 1 — with {@code negatives} items drawn uniformly from those the user has
 * not touched — label 0 — and minimises binary cross-entropy on the logits with Adam.
 * Unobserved is not the same as disliked, so negatives are re-drawn every epoch rather than fixed.
 */
public final class ImplicitTraining {
    private ImplicitTraining() {
    }

    /** Trains {@code model} in place; prints a progress bar per epoch when {@code out} is not null. Returns the last epoch's mean loss. */
    public static double fit(Module model, Interactions train, int epochs, int negatives, int batchSize, double lr, double weightDecay,
                             long seed, PrintStream out) {
        var optimizer = new Adam(model.parameters(), lr, 0.9, 0.999, 1e-8, weightDecay, false);
        var random = new SplittableRandom(seed);
        BitSet[] seen = train.itemsByUser();
        int per = 1 + negatives;
        int total = train.size() * per;
        double lastLoss = Double.NaN;
        model.train();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long[] pairs = new long[total * 2];
            float[] labels = new float[total];
            for (int j = 0; j < train.size(); j++) {
                int u = train.user()[j];
                int base = j * per;
                pairs[2 * base] = u;
                pairs[2 * base + 1] = train.item()[j];
                labels[base] = 1;
                for (int n = 1; n <= negatives; n++) {
                    int i;
                    do {
                        i = random.nextInt(train.items());
                    } while (seen[u].get(i));
                    pairs[2 * (base + n)] = u;
                    pairs[2 * (base + n) + 1] = i;
                }
            }
            int[] order = shuffled(total, random);
            int steps = (total + batchSize - 1) / batchSize;
            var progress = out == null ? null : new Progress(out, Progress.isTerminal(), "epoch " + epoch + "/" + epochs, steps);
            double sum = 0;
            for (int step = 0; step < steps; step++) {
                int from = step * batchSize, size = Math.min(batchSize, total - from);
                long[] batch = new long[size * 2];
                float[] target = new float[size];
                for (int b = 0; b < size; b++) {
                    int row = order[from + b];
                    batch[2 * b] = pairs[2 * row];
                    batch[2 * b + 1] = pairs[2 * row + 1];
                    target[b] = labels[row];
                }
                optimizer.zeroGrad();
                Tensor loss = F.binaryCrossEntropyWithLogits(model.forward(Tensor.of(batch, size, 2)), Tensor.of(target));
                loss.backward();
                optimizer.step();
                sum += loss.item() * size;
                if (progress != null) progress.step(loss.item());
            }
            lastLoss = sum / total;
        }
        model.eval();
        return lastLoss;
    }

    /** 0..n-1 in random order (Fisher-Yates). */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        return order;
    }
}
