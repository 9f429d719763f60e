package jgrad.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.testing.ModuleGradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The attention decoder is a new composite of autograd ops, so its gradients are checked against
 * central differences (float64, tiny sizes; Gradcheck's tolerances, relative 1e-5 or absolute 1e-7):
 * one decoder step with padding in the source, and the whole teacher-forced forward pass.
 */
class Seq2SeqAttentionTest {

    /** Source vocabulary 5 (pad 0), target vocabulary 4 (start 3); widths E = 2, H = 2, A = 3. */
    private static final Seq2SeqAttention.Config TINY = new Seq2SeqAttention.Config(5, 4, 0, 3, 2, 2, 3);

    /** Source rows {@code [1 2 4]} and {@code [3 1 pad]}: the second has one padding position. */
    private static final Tensor SOURCE = Tensor.of(new long[] {1, 2, 4, 3, 1, 0}, 2, 3);

    private static Seq2SeqAttention tinyModel(SplittableRandom random) {
        var model = new Seq2SeqAttention(TINY, random);
        model.to(DType.FLOAT64);
        return model;
    }

    private static Tensor leaf(SplittableRandom random, int... shape) {
        return Tensor.randn(random, DType.FLOAT64, shape).requiresGrad(true);
    }

    @Property(tries = 5)
    void decoderStepGradientsMatch(@ForAll long seed) {
        var random = new SplittableRandom(seed);
        var model = tinyModel(random);
        Tensor states = leaf(random, 2, 3, 4), keys = leaf(random, 2, 3, 3), hidden = leaf(random, 2, 2);
        var encoded = new Seq2SeqAttention.Encoded(states, keys, SOURCE.eq(0), hidden);
        Tensor previous = Tensor.of(new long[] {3, 1}, 2);
        // A step reads the encoder's results, not its parameters (nor the key projection's: keys are given).
        Predicate<String> decoderParameters = name -> Stream.of("source_embedding.", "encoder.", "bridge.", "key.")
                .noneMatch(name::startsWith);
        ModuleGradchecks.assertGradientsMatch("models.Seq2SeqAttention step", seed, model, decoderParameters, () -> {
            var step = model.step(previous, hidden, encoded);
            return Tensor.cat(List.of(step.logits().reshape(-1), step.hidden().reshape(-1), step.weights().reshape(-1)), 0);
        }, states, keys, hidden);
    }

    /**
     * Encoder, bridge and two teacher-forced steps. The source has no padding here: the padding row of
     * the source embedding is frozen at zero (PyTorch's {@code padding_idx}: its gradient is zero by
     * design), yet the GRU reads it, so central differences would see an effect autograd must not report.
     */
    @Property(tries = 2)
    void teacherForcedLogitsGradientsMatch(@ForAll long seed) {
        var random = new SplittableRandom(seed);
        var model = tinyModel(random);
        Tensor source = Tensor.of(new long[] {1, 2, 4, 3, 1, 1}, 2, 3);
        Tensor target = Tensor.of(new long[] {2, 0, 1, 1}, 2, 2);
        ModuleGradchecks.assertGradientsMatch("models.Seq2SeqAttention logits", seed, model, () -> model.logits(source, target));
    }

    @Test
    void attentionWeightsAreADistributionThatIgnoresPadding() {
        var model = new Seq2SeqAttention(TINY, new SplittableRandom(1));
        var translation = model.translate(SOURCE, 4);
        assertThat(translation.tokens().shape()).containsExactly(2, 4);
        assertThat(translation.weights().shape()).containsExactly(2, 4, 3);
        for (int t = 0; t < 4; t++) {
            double[] first = translation.weights().select(0, 0).select(0, t).toDoubleArray();
            double[] second = translation.weights().select(0, 1).select(0, t).toDoubleArray();
            // float32 sums of three terms: within a few ulps of 1
            assertThat(first[0] + first[1] + first[2]).as("row 0, step %d sums to 1", t).isCloseTo(1.0, within(1e-6));
            assertThat(second[0] + second[1]).as("row 1, step %d sums to 1 over its two characters", t).isCloseTo(1.0, within(1e-6));
            assertThat(second[2]).as("row 1, step %d weight on padding", t).isEqualTo(0.0);
        }
    }

    @Test
    void translatingRecordsNoGraph() {
        var model = new Seq2SeqAttention(TINY, new SplittableRandom(1));
        var translation = model.translate(SOURCE, 2);
        assertThat(translation.weights().requiresGrad()).isFalse();
        assertThat(Grad.isEnabled()).as("grad mode restored").isTrue();
    }
}
