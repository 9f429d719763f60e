package jgrad.examples;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.models.GPT;
import jgrad.optim.AdamW;
import jgrad.text.Sampler;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What the synthetic GPT tasks ({@link SortTask}, {@link AdditionTask}) share: each example is a
 * prompt of fixed length followed by its answer, the model learns next-token prediction of the
 * answer only (targets on the prompt are -100, since the prompt is random), and accuracy is exact
 * match of the greedily generated answer on examples drawn from a fresh generator.
 */
public abstract class PromptAnswerTask {
    private final int promptLength;
    private final int answerLength;
    private final GPT model;
    private AdamW optimizer;      // made on the first train call and kept, so training in parts equals one long run

    protected PromptAnswerTask(int promptLength, int answerLength, GPT.Config config) {
        if (config.blockSize() < promptLength + answerLength - 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": block size " + config.blockSize()
                    + " is shorter than prompt + answer - 1 = " + (promptLength + answerLength - 1));
        }
        this.promptLength = promptLength;
        this.answerLength = answerLength;
        this.model = new GPT(config, new SplittableRandom(1));
    }

    /** One example: the prompt's tokens followed by the answer's ({@code promptLength + answerLength} tokens). */
    protected abstract long[] example(RandomGenerator random);

    public GPT model() {
        return model;
    }

    /** A batch of inputs {@code (B, p + a − 1)} and targets (the next token on the answer, -100 on the prompt). */
    public Tensor[] batch(int batchSize, RandomGenerator random) {
        int width = promptLength + answerLength - 1;
        long[] inputs = new long[batchSize * width];
        long[] targets = new long[batchSize * width];
        for (int b = 0; b < batchSize; b++) {
            long[] sequence = example(random);
            for (int t = 0; t < width; t++) {
                inputs[b * width + t] = sequence[t];
                // position t predicts token t+1; only the answer's tokens are learned
                targets[b * width + t] = t + 1 >= promptLength ? sequence[t + 1] : -100;
            }
        }
        return new Tensor[] {Tensor.of(inputs, batchSize, width), Tensor.of(targets, batchSize, width)};
    }

    /** Trains with AdamW at learning rate {@code lr}, continuing from earlier calls; returns the last loss. */
    public double train(int steps, int batchSize, double lr, RandomGenerator random) {
        if (optimizer == null) {
            optimizer = new AdamW(model.parameters(), lr);
        }
        optimizer.paramGroups().forEach(group -> group.set("lr", lr));
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

    /** Fraction of {@code count} fresh examples whose answer the model generates exactly (greedy, whole batch at once). */
    public double exactMatch(int count, RandomGenerator random) {
        long[] prompts = new long[count * promptLength];
        long[][] expected = new long[count][];
        for (int b = 0; b < count; b++) {
            long[] sequence = example(random);
            System.arraycopy(sequence, 0, prompts, b * promptLength, promptLength);
            expected[b] = Arrays.copyOfRange(sequence, promptLength, promptLength + answerLength);
        }
        Tensor generated;
        try (var ignored = Grad.noGrad()) {
            generated = model.generate(Tensor.of(prompts, count, promptLength), answerLength, Sampler.greedy(), random);
        }
        int correct = 0;
        for (int b = 0; b < count; b++) {
            long[] row = generated.select(0, b).narrow(0, promptLength, answerLength).toLongArray();
            correct += Arrays.equals(row, expected[b]) ? 1 : 0;
        }
        return (double) correct / count;
    }
}
