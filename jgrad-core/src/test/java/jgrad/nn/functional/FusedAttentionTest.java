package jgrad.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fused float32 attention kernel against the composed reference run in float64: outputs and
 * the gradients of q, k, v. Tolerance 2e-5 absolute on values of order 1: float32 rounding
 * (~6e-8 relative per op) over sums of at most a few dozen terms.
 *
 * <p>Every property also draws the kernel mode: under FAST the float32 side must run the fused op,
 * under REFERENCE the composed one (on float32); both must meet the same tolerance.
 */
class FusedAttentionTest {

    private static final double TOLERANCE = 2e-5;

    @Property(tries = 20)
    void fusedFloat32MatchesComposedFloat64(@ForAll boolean causal, @ForAll @IntRange(min = 1, max = 9) int targetLength,
                                            @ForAll @IntRange(min = 1, max = 9) int sourceLength,
                                            @ForAll @IntRange(min = 1, max = 17) int embed, @ForAll KernelMode mode,
                                            @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int heads = 1 + random.nextInt(3);
        int keys = causal ? targetLength : sourceLength;
        Tensor q = Tensor.randn(random, DType.FLOAT64, 2, heads, targetLength, embed);
        Tensor k = Tensor.randn(random, DType.FLOAT64, 2, heads, keys, embed);
        Tensor v = Tensor.randn(random, DType.FLOAT64, 2, heads, keys, embed + 1);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, 2, heads, targetLength, embed + 1);

        List<Tensor> reference = run(q, k, v, null, upstream, causal, false);
        List<Tensor> fused;
        try (var kernels = Kernels.use(mode)) {   // FAST: FusedAttention; REFERENCE: the composed Attention on float32
            fused = run(q.float32(), k.float32(), v.float32(), null, upstream.float32(), causal, mode == KernelMode.FAST);
        }
        assertClose(reference, fused, causal ? "causal" : "no mask");
    }

    /**
     * Lengths past {@link FusedAttention#CAUSAL_BLOCK}, so a causal product runs in several row and
     * key blocks, including target and source lengths that differ (row i sees keys {@code [0, i]},
     * all of them from row S on; keys past L are seen by no row and get zero gradients).
     */
    @Property(tries = 12)
    void causalBlocksMatchComposedFloat64(@ForAll boolean causal, @ForAll @IntRange(min = 1, max = 80) int targetLength,
                                          @ForAll @IntRange(min = 1, max = 80) int sourceLength,
                                          @ForAll @IntRange(min = 1, max = 9) int embed, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        Tensor q = Tensor.randn(random, DType.FLOAT64, 1, 2, targetLength, embed);
        Tensor k = Tensor.randn(random, DType.FLOAT64, 1, 2, sourceLength, embed);
        Tensor v = Tensor.randn(random, DType.FLOAT64, 1, 2, sourceLength, embed + 1);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, 1, 2, targetLength, embed + 1);

        List<Tensor> reference = run(q, k, v, null, upstream, causal, false);
        List<Tensor> fused;
        try (var kernels = Kernels.use(KernelMode.FAST)) {
            fused = run(q.float32(), k.float32(), v.float32(), null, upstream.float32(), causal, true);
        }
        assertClose(reference, fused, (causal ? "causal " : "") + targetLength + "x" + sourceLength);
    }

    /** Output, dq, dk, dv of the float32 run within {@link #TOLERANCE} of the float64 reference. */
    private static void assertClose(List<Tensor> reference, List<Tensor> fused, String label) {
        String[] names = {"output", "dq", "dk", "dv"};
        for (int i = 0; i < names.length; i++) {
            double[] expected = reference.get(i).toDoubleArray();
            double[] actual = fused.get(i).toDoubleArray();
            for (int j = 0; j < expected.length; j++) {
                assertThat(Math.abs(actual[j] - expected[j]))
                        .as("%s[%d] (%s): fused float32 %.8f vs composed float64 %.8f", names[i], j, label, actual[j], expected[j])
                        .isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    /**
     * Masks: a key padding mask {@code (B, 1, 1, S)} in bool (true = the pair takes part) and an
     * arbitrary float mask {@code (L, S)} broadcast over batch and heads. Every row keeps at least
     * one key, so no row is all -inf. The fused op must run under FAST and match the composed float64.
     */
    @Property(tries = 20)
    void maskedFusedFloat32MatchesComposedFloat64(@ForAll boolean padding, @ForAll @IntRange(min = 1, max = 9) int targetLength,
                                                  @ForAll @IntRange(min = 1, max = 9) int sourceLength,
                                                  @ForAll @IntRange(min = 1, max = 17) int embed, @ForAll KernelMode mode,
                                                  @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int heads = 1 + random.nextInt(3);
        Tensor q = Tensor.randn(random, DType.FLOAT64, 2, heads, targetLength, embed);
        Tensor k = Tensor.randn(random, DType.FLOAT64, 2, heads, sourceLength, embed);
        Tensor v = Tensor.randn(random, DType.FLOAT64, 2, heads, sourceLength, embed + 1);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, 2, heads, targetLength, embed + 1);
        Tensor mask;
        if (padding) {
            boolean[] keep = new boolean[2 * sourceLength];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = i % sourceLength == 0 || random.nextBoolean();   // key 0 always kept
            }
            mask = Tensor.of(keep, 2, 1, 1, sourceLength);
        } else {
            mask = Tensor.randn(random, DType.FLOAT64, targetLength, sourceLength);
        }

        List<Tensor> reference = run(q, k, v, mask, upstream, false, false);
        List<Tensor> fused;
        try (var kernels = Kernels.use(mode)) {
            Tensor floatMask = mask.dtype() == DType.BOOL ? mask : mask.float32();
            fused = run(q.float32(), k.float32(), v.float32(), floatMask, upstream.float32(), false, mode == KernelMode.FAST);
        }
        assertClose(reference, fused, padding ? "padding mask" : "float mask");
    }

    /**
     * GPT's layout: q, k, v are strided head views of one packed projection {@code (B, T, 3C)},
     * read in place; the output comes back stored as {@code (B, T, h, d)}, so merging the heads is a view.
     */
    @Property(tries = 10)
    void fusedReadsPackedHeadViewsInPlace(@ForAll boolean causal, @ForAll @IntRange(min = 1, max = 9) int length,
                                          @ForAll @IntRange(min = 1, max = 3) int heads, @ForAll @IntRange(min = 1, max = 9) int headDim,
                                          @ForAll KernelMode mode, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int width = heads * headDim;
        Tensor packed = Tensor.randn(random, DType.FLOAT64, 2, length, 3 * width);
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, 2, heads, length, headDim);
        List<Tensor> reference = runPacked(packed, upstream, heads, causal);
        List<Tensor> fused;
        try (var kernels = Kernels.use(mode)) {
            fused = runPacked(packed.float32(), upstream.float32(), heads, causal);
        }
        for (int i = 0; i < 2; i++) {
            double[] expected = reference.get(i).toDoubleArray(), actual = fused.get(i).toDoubleArray();
            for (int j = 0; j < expected.length; j++) {
                assertThat(Math.abs(actual[j] - expected[j]))
                        .as("%s[%d]: fused float32 %.8f vs composed float64 %.8f", i == 0 ? "output" : "d packed", j, actual[j], expected[j])
                        .isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }

    private static List<Tensor> runPacked(Tensor packed, Tensor upstream, int heads, boolean causal) {
        Tensor leaf = packed.detach().requiresGrad(true);
        int batch = packed.size(0), length = packed.size(1), width = packed.size(2) / 3;
        List<Tensor> qkv = leaf.split(width, 2);
        Tensor[] perHead = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            perHead[i] = qkv.get(i).reshape(batch, length, heads, width / heads).transpose(1, 2);
        }
        Tensor out = F.scaledDotProductAttention(perHead[0], perHead[1], perHead[2], null, 0.0, causal);
        if (packed.dtype() == DType.FLOAT32 && Kernels.fast()) {
            assertThat(out.transpose(1, 2).isContiguous()).as("heads merge back without a copy").isTrue();
        }
        out.backward(upstream);
        return List.of(out.detach(), leaf.grad());
    }

    private static List<Tensor> run(Tensor q, Tensor k, Tensor v, Tensor mask, Tensor upstream, boolean causal, boolean fused) {
        Tensor query = q.detach().requiresGrad(true), key = k.detach().requiresGrad(true), value = v.detach().requiresGrad(true);
        Tensor out = F.scaledDotProductAttention(query, key, value, mask, 0.0, causal);
        assertThat(out.gradFn().name().equals("FusedAttentionBackward")).as("the fused kernel ran").isEqualTo(fused);
        out.backward(upstream);
        return List.of(out.detach(), query.grad(), key.grad(), value.grad());
    }
}
