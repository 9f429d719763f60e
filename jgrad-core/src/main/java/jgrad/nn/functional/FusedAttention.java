package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Storage;
import jgrad.Tensor;
import jgrad.kernels.Parallel;
import jgrad.kernels.SoftmaxKernels;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;

import java.util.Arrays;

/**
 * Scaled dot-product attention for float32 with its backward written by hand, llm.c style: one
 * graph node instead of seven, and the attention matrix P kept as the only cache. Same math as
 * {@link Attention} (the readable reference, which a test compares this against); used when there is
 * no dropout. An additive mask M (a key padding mask, a boolean mask made additive by
 * {@link Attention#additive}, any float mask that needs no gradient) is added to the scaled scores
 * row by row, read through its broadcast strides, so a {@code (B, 1, 1, S)} padding mask is never
 * expanded to {@code (B, h, L, S)} in memory.
 *
 * <p>For each of the N = (batch · heads) slices, with s = 1/sqrt(E):
 * <pre>
 * forward                                   backward (given dY)
 *   S = s · Q Kᵀ (+ M)      (L, S)            dV = Pᵀ dY                       (S, Ev)
 *   S[i, j] = -inf for j > i (causal)         dP = dY Vᵀ                       (L, S)
 *   P = softmax_rows(S)     (L, S)            dS = s · P ∘ (dP − rowsum(dP ∘ P))
 *   Y = P V                 (L, Ev)           dQ = dS K,   dK = dSᵀ Q
 * </pre>
 * The slices run in parallel; every product goes to {@link Backends#gemm()}, reading strided head views in place.
 */
final class FusedAttention {
    private FusedAttention() {
    }

    /** The shapes this op computes: q, k and v of one rank with equal leading dims (no broadcasting). */
    static boolean covers(Tensor q, Tensor k, Tensor v) {
        if (q.dim() < 2 || q.dim() != k.dim() || q.dim() != v.dim()) {
            return false;
        }
        int lead = q.dim() - 2;
        return Arrays.equals(Arrays.copyOf(q.shape(), lead), Arrays.copyOf(k.shape(), lead))
                && Arrays.equals(Arrays.copyOf(q.shape(), lead), Arrays.copyOf(v.shape(), lead))
                && q.size(-1) == k.size(-1) && k.size(-2) == v.size(-2);
    }

    /**
     * Whether {@code mask} can be added by this op: null, or a float32 tensor that needs no gradient and
     * broadcasts to {@code (*, L, S)} of q's leading dims (it may not add dims of its own).
     */
    static boolean coversMask(Tensor mask, Tensor q, Tensor k) {
        if (mask == null) {
            return true;
        }
        if (mask.dtype() != DType.FLOAT32 || mask.requiresGrad() || mask.dim() > q.dim()) {
            return false;
        }
        int[] target = q.shape();
        target[target.length - 1] = k.size(-2);
        for (int d = 1; d <= mask.dim(); d++) {
            int size = mask.size(-d);
            if (size != 1 && size != target[target.length - d]) {
                return false;
            }
        }
        return true;
    }

    /** {@link #attention(Tensor, Tensor, Tensor, Tensor, boolean)} without a mask. */
    static Tensor attention(Tensor q, Tensor k, Tensor v, boolean isCausal) {
        return attention(q, k, v, null, isCausal);
    }

    /**
     * q {@code (*, L, E)}, k {@code (*, S, E)}, v {@code (*, S, Ev)} in float32, and an additive
     * {@code mask} broadcastable to {@code (*, L, S)} or null ({@link #coversMask}); returns {@code (*, L, Ev)}.
     * q, k and v are read in place when each of their matrices has contiguous rows (the head views
     * {@code x.reshape(B, T, h, d).transpose(1, 2)} do). For 4-D inputs {@code (B, h, L, E)} the
     * output and the gradients are laid out in memory as {@code (B, L, h, E)} and returned as its
     * {@code transpose(1, 2)}, so merging the heads back, {@code y.transpose(1, 2).reshape(B, L, h·Ev)},
     * is a view and not a copy.
     */
    static Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean isCausal) {
        Matrices query = Matrices.of(q.detach());
        Matrices key = Matrices.of(k.detach());
        Matrices value = Matrices.of(v.detach());
        int targetLength = q.size(-2), sourceLength = k.size(-2), embed = q.size(-1), valueEmbed = v.size(-1);
        int slices = query.offsets().length;
        float scale = (float) (1 / Math.sqrt(embed));
        var dims = new Dims(slices, targetLength, sourceLength, embed, valueEmbed, scale, isCausal);

        int[] outShape = q.shape();
        outShape[outShape.length - 1] = valueEmbed;
        Tensor out = headsInterleaved(outShape);
        float[] probabilities = new float[slices * targetLength * sourceLength];   // the cache: P per slice
        int[] scoresShape = q.shape();
        scoresShape[scoresShape.length - 1] = sourceLength;
        Matrices additive = mask == null ? null : Matrices.broadcast(mask.detach().expand(scoresShape));
        forward(dims, query, key, value, additive, probabilities, Matrices.of(out));

        return Grad.record(out, "FusedAttentionBackward", gradOutput -> {
            Tensor dq = headsInterleaved(q.shape());
            Tensor dk = headsInterleaved(k.shape());
            Tensor dv = headsInterleaved(v.shape());
            backward(dims, query, key, value, probabilities, Matrices.of(gradOutput.float32()),
                    Matrices.of(dq), Matrices.of(dk), Matrices.of(dv));
            return new Tensor[] {dq, dk, dv};
        }, q, k, v);
    }

    /** A fresh zero tensor of {@code shape}; a 4-D {@code (B, h, L, E)} one is stored as {@code (B, L, h, E)}. */
    private static Tensor headsInterleaved(int[] shape) {
        return shape.length == 4 ? Tensor.zeros(DType.FLOAT32, shape[0], shape[2], shape[1], shape[3]).transpose(1, 2)
                : Tensor.zeros(DType.FLOAT32, shape);
    }

    private record Dims(int slices, int targetLength, int sourceLength, int embed, int valueEmbed, float scale, boolean causal) {
        /** How many keys row i may see. */
        int visible(int i) {
            return causal ? Math.min(i + 1, sourceLength) : sourceLength;
        }
    }

    /**
     * The matrices of a float32 tensor {@code (*, rows, cols)} as a GEMM reads them: matrix n (in
     * row-major order of the leading dims) starts at {@code offsets[n]} of {@code data}, and its rows
     * lie {@code ld} apart. A tensor whose rows are not contiguous is copied first.
     */
    private record Matrices(float[] data, int[] offsets, int ld) {
        static Matrices of(Tensor t) {
            int rows = t.size(-2), cols = t.size(-1);
            int[] stride = t.stride();
            int rowStride = rows == 1 ? Math.max(cols, 1) : stride[stride.length - 2];
            boolean rowsContiguous = cols == 1 || stride[stride.length - 1] == 1;
            if (!rowsContiguous || rowStride < Math.max(cols, 1)) {
                t = t.contiguous().copy();
                stride = t.stride();
                rowStride = Math.max(cols, 1);
            }
            return new Matrices(((Storage.F32) t.storage()).array(), matrixOffsets(t), rowStride);
        }

        /**
         * The matrices of a broadcast view such as a mask expanded to {@code (*, L, S)}: like
         * {@link #of}, but a row stride of 0 (every row the same) is kept instead of copied.
         */
        static Matrices broadcast(Tensor t) {
            int[] stride = t.stride();
            if (t.size(-1) > 1 && stride[stride.length - 1] != 1) {
                return of(t);
            }
            return new Matrices(((Storage.F32) t.storage()).array(), matrixOffsets(t),
                    t.size(-2) == 1 ? 0 : stride[stride.length - 2]);
        }

        /** Where each matrix of {@code t (*, rows, cols)} starts in its storage, the leading dims in row-major order. */
        private static int[] matrixOffsets(Tensor t) {
            int[] stride = t.stride();
            int lead = t.dim() - 2;
            int[] shape = t.shape();
            int count = 1;
            for (int d = 0; d < lead; d++) {
                count *= shape[d];
            }
            int[] offsets = new int[count];
            int[] index = new int[lead];
            for (int n = 0; n < count; n++) {
                int offset = t.storageOffset();
                for (int d = 0; d < lead; d++) {
                    offset += index[d] * stride[d];
                }
                offsets[n] = offset;
                for (int d = lead - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                    index[d] = 0;
                }
            }
            return offsets;
        }

        int at(int n) {
            return offsets[n];
        }
    }

    /**
     * Rows per block of a causal product. Row i sees keys {@code [0, i]} only, so the rows of a block
     * {@code [i0, i1)} need scores against keys {@code [0, i1)} only: with T = 128 and blocks of 32 the
     * products cover 4 + 3 + 2 + 1 of the 16 key blocks a full product would compute per row block …
     * that is (1 + 2 + 3 + 4) / 16 = 62.5% of the multiply-adds. The skipped scores are the ones the
     * mask would set to −inf, whose probabilities are 0, so nothing that reaches the result is left out.
     * A multiple of every micro-kernel's NR (16 or 32 floats) and small enough to skip most of the
     * upper triangle; larger blocks waste more of it, smaller ones make GEMM calls too short.
     */
    static final int CAUSAL_BLOCK = 32;

    /** Query rows per block: {@link #CAUSAL_BLOCK} for a causal product, all rows in one block otherwise. */
    private static int rowBlock(Dims d) {
        return d.causal() ? CAUSAL_BLOCK : Math.max(1, d.targetLength());
    }

    /** Keys per block of the backward's dV and dK: as the rows when causal, all keys in one block otherwise. */
    private static int keyBlock(Dims d) {
        return d.causal() ? CAUSAL_BLOCK : Math.max(1, d.sourceLength());
    }

    private static void forward(Dims d, Matrices q, Matrices k, Matrices v, Matrices mask, float[] p, Matrices y) {
        int l = d.targetLength(), s = d.sourceLength(), e = d.embed(), ev = d.valueEmbed();
        int block = rowBlock(d);
        GemmBackend gemm = Backends.gemm();
        Parallel.forRange(0, d.slices(), 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                int pAt = n * l * s;
                for (int i0 = 0; i0 < l; i0 += block) {
                    int i1 = Math.min(l, i0 + block);
                    int keys = d.visible(i1 - 1);   // the keys the block's last row sees; later keys have p = 0
                    gemm.sgemm(false, true, i1 - i0, keys, e, q.data(), q.at(n) + i0 * q.ld(), q.ld(), k.data(), k.at(n), k.ld(),
                            0f, p, pAt + i0 * s, s);
                    for (int i = i0; i < i1; i++) {
                        int row = pAt + i * s;
                        int visible = d.visible(i);
                        for (int j = 0; j < visible; j++) {
                            p[row + j] *= d.scale();
                        }
                        if (mask != null) {
                            int maskRow = mask.at(n) + i * mask.ld();
                            for (int j = 0; j < visible; j++) {
                                p[row + j] += mask.data()[maskRow + j];
                            }
                        }
                        SoftmaxKernels.softmaxRows(p, row, p, row, 1, visible);
                        Arrays.fill(p, row + visible, row + s, 0f);
                    }
                    gemm.sgemm(false, false, i1 - i0, ev, keys, p, pAt + i0 * s, s, v.data(), v.at(n), v.ld(),
                            0f, y.data(), y.at(n) + i0 * y.ld(), y.ld());
                }
            }
        });
    }

    /**
     * The backward in the same blocks: dP, dS and dQ for a block of query rows need keys up to the
     * block's last visible one; dV and dK for a block of keys {@code [j0, j1)} need only the query
     * rows that see key j0, rows {@code [j0, L)} when causal (P and dS are 0 above the diagonal).
     */
    private static void backward(Dims d, Matrices q, Matrices k, Matrices v, float[] p, Matrices dy,
                                 Matrices dq, Matrices dk, Matrices dv) {
        int l = d.targetLength(), s = d.sourceLength(), e = d.embed(), ev = d.valueEmbed();
        int block = rowBlock(d), keyBlock = keyBlock(d);
        GemmBackend gemm = Backends.gemm();
        Parallel.forRange(0, d.slices(), 1, (from, to) -> {
            float[] dScores = new float[l * s];
            for (int n = from; n < to; n++) {
                int pAt = n * l * s;
                for (int i0 = 0; i0 < l; i0 += block) {
                    int i1 = Math.min(l, i0 + block);
                    int keys = d.visible(i1 - 1);
                    gemm.sgemm(false, true, i1 - i0, keys, ev, dy.data(), dy.at(n) + i0 * dy.ld(), dy.ld(), v.data(), v.at(n), v.ld(),
                            0f, dScores, i0 * s, s);
                    for (int i = i0; i < i1; i++) {   // dScores ← scale · p ∘ (dP − rowsum(dP ∘ p)); 0 where p = 0
                        SoftmaxKernels.softmaxBackwardRow(p, pAt + i * s, dScores, i * s, d.scale(), keys);
                    }
                    gemm.sgemm(false, false, i1 - i0, e, keys, dScores, i0 * s, s, k.data(), k.at(n), k.ld(),
                            0f, dq.data(), dq.at(n) + i0 * dq.ld(), dq.ld());
                }
                for (int j0 = 0; j0 < s; j0 += keyBlock) {
                    int j1 = Math.min(s, j0 + keyBlock);
                    int firstRow = d.causal() ? j0 : 0;   // rows before j0 do not see keys [j0, j1)
                    if (firstRow >= l) {
                        break;                            // keys no row sees: their gradients stay 0
                    }
                    gemm.sgemm(true, false, j1 - j0, ev, l - firstRow, p, pAt + firstRow * s + j0, s,
                            dy.data(), dy.at(n) + firstRow * dy.ld(), dy.ld(), 0f, dv.data(), dv.at(n) + j0 * dv.ld(), dv.ld());
                    gemm.sgemm(true, false, j1 - j0, e, l - firstRow, dScores, firstRow * s + j0, s,
                            q.data(), q.at(n) + firstRow * q.ld(), q.ld(), 0f, dk.data(), dk.at(n) + j0 * dk.ld(), dk.ld());
                }
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
