package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Storage;
import jgrad.Tensor;
import jgrad.kernels.Gemm;
import jgrad.kernels.Parallel;
import jgrad.kernels.Softmax;

import java.util.Arrays;

/**
 * Scaled dot-product attention for float32 with its backward written by hand, llm.c style: one
 * graph node instead of seven, and the attention matrix P kept as the only cache. Same math as
 * {@link Attention} (the readable reference, which a test compares this against); used when there is
 * no extra mask and no dropout.
 *
 * <p>For each of the N = (batch · heads) slices, with s = 1/sqrt(E):
 * <pre>
 * forward                                   backward (given dY)
 *   S = s · Q Kᵀ            (L, S)            dV = Pᵀ dY                       (S, Ev)
 *   S[i, j] = -inf for j > i (causal)         dP = dY Vᵀ                       (L, S)
 *   P = softmax_rows(S)     (L, S)            dS = s · P ∘ (dP − rowsum(dP ∘ P))
 *   Y = P V                 (L, Ev)           dQ = dS K,   dK = dSᵀ Q
 * </pre>
 * The slices run in parallel; every product goes to the SIMD GEMM.
 */
final class FusedAttention {
    private FusedAttention() {
    }

    /** Whether the fused kernel computes this call: float32, equal leading dims, no mask tensor, no dropout. */
    static boolean applies(Tensor q, Tensor k, Tensor v, Tensor additiveMask, double dropoutP) {
        if (additiveMask != null || dropoutP > 0 || q.dim() < 2 || q.dim() != k.dim() || q.dim() != v.dim()) {
            return false;
        }
        if (q.dtype() != DType.FLOAT32 || k.dtype() != DType.FLOAT32 || v.dtype() != DType.FLOAT32) {
            return false;
        }
        int lead = q.dim() - 2;
        return Arrays.equals(Arrays.copyOf(q.shape(), lead), Arrays.copyOf(k.shape(), lead))
                && Arrays.equals(Arrays.copyOf(q.shape(), lead), Arrays.copyOf(v.shape(), lead))
                && q.size(-1) == k.size(-1) && k.size(-2) == v.size(-2);
    }

    /** q {@code (*, L, E)}, k {@code (*, S, E)}, v {@code (*, S, Ev)} in float32; returns {@code (*, L, Ev)}. */
    static Tensor attention(Tensor q, Tensor k, Tensor v, boolean isCausal) {
        Tensor query = q.detach().contiguous();
        Tensor key = k.detach().contiguous();
        Tensor value = v.detach().contiguous();
        int targetLength = q.size(-2), sourceLength = k.size(-2), embed = q.size(-1), valueEmbed = v.size(-1);
        int slices = q.numel() / Math.max(1, targetLength * embed);
        float scale = (float) (1 / Math.sqrt(embed));
        var dims = new Dims(slices, targetLength, sourceLength, embed, valueEmbed, scale, isCausal);

        int[] outShape = q.shape();
        outShape[outShape.length - 1] = valueEmbed;
        Tensor out = Tensor.zeros(DType.FLOAT32, outShape);
        float[] probabilities = new float[slices * targetLength * sourceLength];   // the cache: P per slice
        forward(dims, array(query), array(key), array(value), probabilities, array(out));

        return Grad.record(out, "FusedAttentionBackward", gradOutput -> {
            Tensor dq = Tensor.zeros(DType.FLOAT32, q.shape());
            Tensor dk = Tensor.zeros(DType.FLOAT32, k.shape());
            Tensor dv = Tensor.zeros(DType.FLOAT32, v.shape());
            backward(dims, array(query), array(key), array(value), probabilities, array(gradOutput.contiguous().float32()),
                    array(dq), array(dk), array(dv));
            return new Tensor[] {dq, dk, dv};
        }, q, k, v);
    }

    private record Dims(int slices, int targetLength, int sourceLength, int embed, int valueEmbed, float scale, boolean causal) {
        /** How many keys row i may see. */
        int visible(int i) {
            return causal ? Math.min(i + 1, sourceLength) : sourceLength;
        }
    }

    private static void forward(Dims d, float[] q, float[] k, float[] v, float[] p, float[] y) {
        int l = d.targetLength(), s = d.sourceLength(), e = d.embed(), ev = d.valueEmbed();
        Parallel.forRange(0, d.slices(), 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                int pAt = n * l * s;
                Gemm.sgemm(false, true, l, s, e, q, n * l * e, e, k, n * s * e, e, 0f, p, pAt, s);
                for (int i = 0; i < l; i++) {
                    int row = pAt + i * s;
                    int visible = d.visible(i);
                    for (int j = 0; j < visible; j++) {
                        p[row + j] *= d.scale();
                    }
                    Softmax.softmaxRows(p, row, p, row, 1, visible);
                    Arrays.fill(p, row + visible, row + s, 0f);
                }
                Gemm.sgemm(false, false, l, ev, s, p, pAt, s, v, n * s * ev, ev, 0f, y, n * l * ev, ev);
            }
        });
    }

    private static void backward(Dims d, float[] q, float[] k, float[] v, float[] p, float[] dy,
                                 float[] dq, float[] dk, float[] dv) {
        int l = d.targetLength(), s = d.sourceLength(), e = d.embed(), ev = d.valueEmbed();
        Parallel.forRange(0, d.slices(), 1, (from, to) -> {
            float[] dScores = new float[l * s];
            for (int n = from; n < to; n++) {
                int pAt = n * l * s;
                Gemm.sgemm(true, false, s, ev, l, p, pAt, s, dy, n * l * ev, ev, 0f, dv, n * s * ev, ev);
                Gemm.sgemm(false, true, l, s, ev, dy, n * l * ev, ev, v, n * s * ev, ev, 0f, dScores, 0, s);
                for (int i = 0; i < l; i++) {
                    int row = i * s;
                    float dot = 0;
                    for (int j = 0; j < s; j++) {
                        dot += dScores[row + j] * p[pAt + row + j];
                    }
                    for (int j = 0; j < s; j++) {
                        dScores[row + j] = d.scale() * p[pAt + row + j] * (dScores[row + j] - dot);
                    }
                }
                Gemm.sgemm(false, false, l, e, s, dScores, 0, s, k, n * s * e, e, 0f, dq, n * l * e, e);
                Gemm.sgemm(true, false, s, e, l, dScores, 0, s, q, n * l * e, e, 0f, dk, n * s * e, e);
            }
        });
    }

    /** The float array of a contiguous float32 tensor that starts at offset 0 (fresh or made contiguous). */
    static float[] array(Tensor t) {
        if (t.storageOffset() != 0 || !t.isContiguous()) {
            t = t.contiguous().copy();
        }
        return ((Storage.F32) t.storage()).array();
    }
}
