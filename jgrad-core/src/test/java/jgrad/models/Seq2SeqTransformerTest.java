package jgrad.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.testing.ModuleGradchecks;
import org.junit.jupiter.api.Test;

class Seq2SeqTransformerTest {

    /** Vocabularies of 7 source and 6 target tokens, pad 0, start 5, no dropout, float64. */
    private static Seq2SeqTransformer tiny(long seed) {
        var model = new Seq2SeqTransformer(new Seq2SeqTransformer.Config(7, 6, 0, 5, -1, 8, 2, 1, 16, 0.0, 16),
                new SplittableRandom(seed));
        model.to(DType.FLOAT64);
        return model;
    }

    @Test
    void causalMaskForbidsOnlyLaterPositions() {
        assertThat(Seq2SeqTransformer.causalMask(3).toDoubleArray()).containsExactly(0, 1, 1, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void sourcePaddingAndLaterTargetTokensDoNotChangeTheLogits() {
        var model = tiny(1);
        model.eval();
        Tensor source = Tensor.of(new long[] {3, 4, 2}, 1, 3);
        Tensor padded = Tensor.of(new long[] {3, 4, 2, 0, 0}, 1, 5);
        Tensor target = Tensor.of(new long[] {5, 1, 2, 3}, 1, 4);
        Tensor logits = model.decode(target, model.encode(source));
        assertThat(model.decode(target, model.encode(padded)).toDoubleArray())
                .as("padding is masked out of the encoder and of cross-attention").containsExactly(logits.toDoubleArray(), within(1e-12));
        Tensor changedLast = Tensor.of(new long[] {5, 1, 2, 0}, 1, 4);
        Tensor first3 = model.decode(changedLast, model.encode(source)).narrow(1, 0, 3);
        assertThat(first3.toDoubleArray()).as("position t sees only tokens up to t")
                .containsExactly(logits.narrow(1, 0, 3).contiguous().toDoubleArray(), within(1e-12));
    }

    @Test
    void gradientsOfTheWholeModelMatchFiniteDifferences() {
        var model = tiny(2);
        Tensor source = Tensor.of(new long[] {3, 4, 2, 1, 6, 0}, 2, 3);
        Tensor target = Tensor.of(new long[] {1, 2, 3, 4}, 2, 2);
        ModuleGradchecks.assertGradientsMatch("models.Seq2SeqTransformer", 3, model, () -> model.loss(source, target, 0.1));
    }

    @Test
    void beamSearchOfWidthOneIsGreedyAndWiderBeamsScoreAtLeastAsHigh() {
        var model = tiny(4);
        Tensor source = Tensor.of(new long[] {3, 4, 2, 6}, 1, 4);
        long[] greedy = model.greedy(source, 5).toLongArray();
        int[] beamOne = model.beamSearch(source, 5, 1, 0.0);
        assertThat(java.util.Arrays.stream(beamOne).asLongStream().toArray()).containsExactly(greedy);
        assertThat(logProbability(model, source, model.beamSearch(source, 5, 4, 0.0)))
                .isGreaterThanOrEqualTo(logProbability(model, source, beamOne) - 1e-12);
    }

    /** log p(tokens | source) under teacher forcing. */
    private static double logProbability(Seq2SeqTransformer model, Tensor source, int[] tokens) {
        long[] input = new long[tokens.length];
        input[0] = 5;
        for (int t = 1; t < tokens.length; t++) input[t] = tokens[t - 1];
        Tensor logProbabilities = model.decode(Tensor.of(input, 1, tokens.length), model.encode(source)).logSoftmax(-1);
        double total = 0;
        for (int t = 0; t < tokens.length; t++) total += logProbabilities.get(0, t, tokens[t]);
        return total;
    }
}
