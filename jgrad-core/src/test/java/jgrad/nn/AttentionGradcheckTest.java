package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.functional.Attention;
import jgrad.nn.functional.F;
import jgrad.testing.Gradchecks;
import jgrad.testing.ModuleGradchecks;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks (float64, tiny sizes) of scaled dot-product attention with every mask form,
 * multi-head attention (self and cross, padding and attention masks, batch first and unbatched),
 * and the Transformer encoder and decoder blocks (pre- and post-LN, ReLU and GELU).
 * Tolerances: {@link jgrad.Gradcheck}'s (relative 1e-5 or absolute 1e-7).
 */
class AttentionGradcheckTest {

    enum MaskKind { NONE, CAUSAL, BOOL, FLOAT }

    private static Tensor leaf(SplittableRandom random, int... shape) {
        return Tensor.randn(random, DType.FLOAT64, shape).requiresGrad(true);
    }

    /** A random bool mask (L, S) with at least one true per row, so no row is fully blocked. */
    private static Tensor allowedMask(SplittableRandom random, int targetLength, int sourceLength) {
        boolean[] allowed = new boolean[targetLength * sourceLength];
        for (int i = 0; i < targetLength; i++) {
            for (int j = 0; j < sourceLength; j++) {
                allowed[i * sourceLength + j] = random.nextBoolean();
            }
            allowed[i * sourceLength + random.nextInt(sourceLength)] = true;
        }
        return Tensor.of(allowed, targetLength, sourceLength);
    }

    @Property(tries = 20)
    void scaledDotProductAttentionGradientsMatch(@ForAll MaskKind maskKind, @ForAll @IntRange(min = 1, max = 2) int heads,
                                                 @ForAll @IntRange(min = 1, max = 4) int targetLength,
                                                 @ForAll @IntRange(min = 1, max = 4) int sourceLength, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int length = maskKind == MaskKind.CAUSAL ? targetLength : sourceLength;
        Tensor q = leaf(random, 2, heads, targetLength, 3);
        Tensor k = leaf(random, 2, heads, length, 3);
        Tensor v = leaf(random, 2, heads, length, 2);
        Tensor mask = switch (maskKind) {
            case BOOL -> allowedMask(random, targetLength, length);
            case FLOAT -> Tensor.randn(random, DType.FLOAT64, targetLength, length);
            default -> null;
        };
        Gradchecks.assertGradientsMatch("attention.sdpa " + maskKind.name().toLowerCase(), seed,
                in -> F.scaledDotProductAttention(in.get(0), in.get(1), in.get(2), mask, 0.0, maskKind == MaskKind.CAUSAL),
                q, k, v);
    }

    @Property(tries = 15)
    void multiheadSelfAttentionGradientsMatch(@ForAll @IntRange(min = 1, max = 2) int headsExponent, @ForAll boolean batchFirst,
                                              @ForAll boolean withPaddingMask, @ForAll boolean withAttnMask,
                                              @ForAll boolean needWeights, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int heads = headsExponent == 1 ? 1 : 2, embed = 4, batch = 2, length = 3;
        var mha = new MultiheadAttention(embed, heads, 0.0, true, batchFirst, random);
        mha.to(DType.FLOAT64);
        try (var ignored = jgrad.Grad.noGrad()) {   // PyTorch starts the biases at zero; make them matter here
            mha.parameters().forEach(p -> p.add_(Tensor.randn(random, DType.FLOAT64, p.shape()), 0.1));
        }
        Tensor x = batchFirst ? leaf(random, batch, length, embed) : leaf(random, length, batch, embed);
        // Sample 0 ignores key 1, sample 1 key 2: with the causal mask, every query keeps key 0, so no row
        // is fully masked (a fully masked row is NaN, in PyTorch too, and no gradient can be checked there).
        boolean[] padding = {false, true, false, false, false, true};
        Tensor paddingMask = withPaddingMask ? Tensor.of(padding, batch, length) : null;
        Tensor attnMask = withAttnMask ? Attention.causalMask(length, length) : null;
        ModuleGradchecks.assertGradientsMatch("nn.MultiheadAttention self", seed, mha, () -> {
            var out = mha.forward(x, x, x, paddingMask, needWeights, attnMask, true);
            return needWeights ? Tensor.cat(java.util.List.of(out.output().reshape(-1), out.weights().reshape(-1)), 0) : out.output();
        }, x);
    }

    @Property(tries = 10)
    void multiheadCrossAttentionGradientsMatch(@ForAll @IntRange(min = 1, max = 4) int sourceLength, @ForAll boolean unbatched,
                                               @ForAll long seed) {
        var random = new SplittableRandom(seed);
        var mha = new MultiheadAttention(4, 2, 0.0, true, false, random);
        mha.to(DType.FLOAT64);
        Tensor query = unbatched ? leaf(random, 2, 4) : leaf(random, 2, 3, 4);
        Tensor key = unbatched ? leaf(random, sourceLength, 4) : leaf(random, sourceLength, 3, 4);
        Tensor value = unbatched ? leaf(random, sourceLength, 4) : leaf(random, sourceLength, 3, 4);
        ModuleGradchecks.assertGradientsMatch("nn.MultiheadAttention cross", seed, mha,
                () -> mha.forward(query, key, value, null, false, null, true).output(), query, key, value);
    }

    @Property(tries = 8)
    void encoderLayerGradientsMatch(@ForAll boolean normFirst, @ForAll boolean gelu, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        var layer = new TransformerEncoderLayer(4, 2, 6, 0.0, gelu ? "gelu" : "relu", 1e-5, true, normFirst, random);
        layer.to(DType.FLOAT64);
        Tensor x = leaf(random, 2, 3, 4);
        Tensor padding = Tensor.of(new boolean[] {false, false, true, false, false, false}, 2, 3);
        ModuleGradchecks.assertGradientsMatch("nn.TransformerEncoderLayer", seed, layer,
                () -> layer.forward(x, Attention.causalMask(3, 3), padding), x);
    }

    @Property(tries = 6)
    void decoderLayerGradientsMatch(@ForAll boolean normFirst, @ForAll boolean gelu, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        var layer = new TransformerDecoderLayer(4, 2, 6, 0.0, gelu ? "gelu" : "relu", 1e-5, false, normFirst, random);
        layer.to(DType.FLOAT64);
        Tensor target = leaf(random, 3, 2, 4);
        Tensor memory = leaf(random, 2, 2, 4);
        ModuleGradchecks.assertGradientsMatch("nn.TransformerDecoderLayer", seed, layer,
                () -> layer.forward(target, memory, Attention.causalMask(3, 3), null, null, null), target, memory);
    }

    @Test
    void attentionWeightsAreAveragedOverHeadsAndRowsSumToOne() {
        var mha = new MultiheadAttention(8, 4, 0.0, true, true, new SplittableRandom(5));
        Tensor x = Tensor.randn(2, 5, 8);
        var out = mha.forward(x, x, x, null, true, null, true);
        assertThat(out.weights().shape()).containsExactly(2, 5, 5);
        float[] rowSums = out.weights().sum(-1).toFloatArray();
        for (float sum : rowSums) {
            assertThat(sum).isCloseTo(1f, within(1e-5f));
        }
        var perHead = mha.forward(x, x, x, null, true, null, false);
        assertThat(perHead.weights().shape()).containsExactly(2, 4, 5, 5);
    }

    @Test
    void paddedKeysGetZeroWeight() {
        var mha = new MultiheadAttention(4, 2, 0.0, true, true, new SplittableRandom(6));
        Tensor x = Tensor.randn(1, 3, 4);
        var out = mha.forward(x, x, x, Tensor.of(new boolean[] {false, false, true}, 1, 3), true, null, true);
        for (int i = 0; i < 3; i++) {
            assertThat(out.weights().get(0, i, 2)).as("weight on the padded key from query %d", i).isEqualTo(0.0);
        }
    }

    @Test
    void sinusoidalEncodingHasSinOnEvenAndCosOnOddColumns() {
        var pe = new SinusoidalPositionalEncoding(4, 10);
        Tensor zeros = Tensor.zeros(DType.FLOAT64, 1, 3, 4);
        Tensor table = pe.forward(zeros);
        // position 2, pair i = 1: angle 2 / 10000^(2/4) = 0.02
        assertThat(table.get(0, 2, 2)).isCloseTo(Math.sin(0.02), within(1e-7));
        assertThat(table.get(0, 2, 3)).isCloseTo(Math.cos(0.02), within(1e-7));
        assertThat(table.get(0, 1, 0)).isCloseTo(Math.sin(1), within(1e-7));
        assertThat(pe.stateDict().keySet()).containsExactly("pe");
        assertThat(pe.parameters()).isEmpty();
    }

    @Test
    void learnedPositionalEmbeddingAddsTheFirstRows() {
        var pos = new LearnedPositionalEmbedding(5, 2, 1.0, new SplittableRandom(7));
        Tensor out = pos.forward(Tensor.zeros(3, 2));
        assertThat(out.toFloatArray()).containsExactly(pos.parameters().getFirst().narrow(0, 0, 3).toFloatArray());
    }

    @Test
    void parameterNamesFollowPyTorch() {
        var layer = new TransformerDecoderLayer(8, 2);
        assertThat(layer.stateDict().keySet()).contains("self_attn.in_proj_weight", "self_attn.in_proj_bias",
                "self_attn.out_proj.weight", "multihead_attn.out_proj.bias", "linear1.weight", "norm3.bias");
    }
}
