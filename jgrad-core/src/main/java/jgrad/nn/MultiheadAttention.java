package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.nn.functional.Attention;
import jgrad.nn.functional.F;

import java.util.random.RandomGenerator;

/**
 * Multi-head attention with PyTorch's {@code nn.MultiheadAttention} semantics and parameter names
 * ({@code in_proj_weight (3E, E)}, {@code in_proj_bias (3E)}, {@code out_proj.weight}, {@code out_proj.bias}):
 * <pre>
 *   MultiHead(Q, K, V) = Concat(head_1, …, head_h) W_O + b_O
 *   head_i = softmax((Q W_Q,i)(K W_K,i)ᵀ / sqrt(E/h) + M) (V W_V,i)
 * </pre>
 * Shapes (L target length, S source length, N batch, E embedding):
 * query {@code (L, N, E)}, key and value {@code (S, N, E)}, output {@code (L, N, E)}; with
 * {@code batchFirst} {@code (N, L, E)} etc.; unbatched {@code (L, E)}.
 * Masks as PyTorch's {@code nn.MultiheadAttention}: a bool {@code true} means <em>blocked</em>, the opposite
 * of {@link F#scaledDotProductAttention}'s convention ({@link jgrad.nn.functional.AttentionMask} converts);
 * {@code keyPaddingMask (N, S)} and {@code blockedAttnMask (L, S)} or {@code (N·h, L, S)}; a float mask is
 * added to the scores.
 * Initialisation as PyTorch: Xavier-uniform {@code in_proj_weight}, zero biases, {@code out_proj}
 * weight like a Linear's.
 *
 * <pre>{@code
 * var mha = new MultiheadAttention(16, 4, 0.0, true, true, generator);   // batch first
 * var out = mha.forward(x, x, x, null, true, null, true);                 // self-attention with weights
 * out.output();    // (N, L, 16)      out.weights();   // (N, L, L), averaged over heads
 * }</pre>
 */
public final class MultiheadAttention extends Module {
    private final int embedDim;
    private final int numHeads;
    private final double dropout;
    private final boolean batchFirst;
    private final RandomGenerator generator;
    private final Linear outProj;

    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, 0.0, true, false, Jgrad.generator());
    }

    public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst,
                              RandomGenerator generator) {
        if (embedDim <= 0 || numHeads <= 0 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embed_dim " + embedDim + " must be a positive multiple of num_heads " + numHeads);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.batchFirst = batchFirst;
        this.generator = generator;
        registerParameter("in_proj_weight", Init.xavierUniform_(Tensor.zeros(3 * embedDim, embedDim), 1.0, generator));
        if (bias) {
            registerParameter("in_proj_bias", Tensor.zeros(3 * embedDim));
        }
        outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, generator));
        if (bias) {
            try (var ignored = jgrad.Grad.noGrad()) {
                outProj.bias().zero_();
            }
        }
    }

    /** The attention output, and the attention weights (null unless asked for). */
    public record Output(Tensor output, Tensor weights) {
    }

    /** Self-attention of {@code x} without masks; returns the output only. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null, false, null, true).output();
    }

    /**
     * Attention where a bool mask's {@code true} means <em>blocked</em> (PyTorch's {@code nn.MultiheadAttention}
     * convention, the opposite of {@link F#scaledDotProductAttention}'s "true may attend").
     *
     * @param keyPaddingMask  PyTorch's {@code key_padding_mask}, {@code (N, S)} (or {@code (S)} unbatched):
     *                        bool true = that key is padding, blocked; or float, added; may be null
     * @param needWeights     return the attention weights: {@code (N, L, S)} averaged over heads when
     *                        {@code averageAttnWeights}, else {@code (N, h, L, S)}
     * @param blockedAttnMask PyTorch's {@code attn_mask}, {@code (L, S)} or {@code (N·h, L, S)}: bool true = blocked;
     *                        or float, added; may be null
     */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
                          Tensor blockedAttnMask, boolean averageAttnWeights) {
        Tensor attnMask = blockedAttnMask;
        boolean unbatched = query.dim() == 2;
        if ((query.dim() != 2 && query.dim() != 3) || key.dim() != query.dim() || value.dim() != query.dim()
                || query.size(-1) != embedDim || key.size(-1) != embedDim || value.size(-1) != embedDim) {
            throw new IllegalArgumentException("MultiheadAttention: expected query, key, value of shape (L, N, " + embedDim
                    + ") (or (N, L, " + embedDim + ") batch first, or (L, " + embedDim + ")), got "
                    + Shape.format(query.shape()) + ", " + Shape.format(key.shape()) + ", " + Shape.format(value.shape()));
        }
        // Work batch first: (N, L, E).
        Tensor q = unbatched ? query.unsqueeze(0) : batchFirst ? query : query.transpose(0, 1);
        Tensor k = unbatched ? key.unsqueeze(0) : batchFirst ? key : key.transpose(0, 1);
        Tensor v = unbatched ? value.unsqueeze(0) : batchFirst ? value : value.transpose(0, 1);
        int batch = q.size(0), targetLength = q.size(1), sourceLength = k.size(1), headDim = embedDim / numHeads;
        if (k.size(0) != batch || v.size(0) != batch || v.size(1) != sourceLength) {
            throw new IllegalArgumentException("MultiheadAttention: query, key and value disagree on batch or source length: "
                    + Shape.format(query.shape()) + ", " + Shape.format(key.shape()) + ", " + Shape.format(value.shape()));
        }
        Tensor weight = parameter("in_proj_weight");
        Tensor bias = parameter("in_proj_bias");
        Tensor[] projected = new Tensor[3];
        Tensor[] inputs = {q, k, v};
        for (int i = 0; i < 3; i++) {
            Tensor w = weight.narrow(0, i * embedDim, embedDim);
            Tensor b = bias == null ? null : bias.narrow(0, i * embedDim, embedDim);
            int length = inputs[i].size(1);
            // (N, len, E) -> (N, len, h, E/h) -> (N, h, len, E/h)
            projected[i] = F.linear(inputs[i], w, b).reshape(batch, length, numHeads, headDim).transpose(1, 2);
        }
        Tensor mask = combinedMask(attnMask, keyPaddingMask, unbatched, batch, targetLength, sourceLength, q);
        double p = isTraining() ? dropout : 0.0;
        Tensor heads;
        Tensor weights = null;
        if (!needWeights) {   // the one door: float32 takes the fused attention, masked or not
            heads = F.scaledDotProductAttention(projected[0], projected[1], projected[2], mask, p, false, generator);
        } else {
            var result = Attention.scaledDotProduct(projected[0], projected[1], projected[2], mask, p, false, Double.NaN, generator);
            heads = result.output();
            weights = needWeights ? (averageAttnWeights ? result.weights().mean(1) : result.weights()) : null;
        }
        Tensor out = outProj.forward(heads.transpose(1, 2).reshape(batch, targetLength, embedDim));   // (N, L, E)
        if (unbatched) {
            return new Output(out.squeeze(0), weights == null ? null : weights.squeeze(0));
        }
        return new Output(batchFirst ? out : out.transpose(0, 1), weights);
    }

    /** attnMask and keyPaddingMask as one additive float mask broadcastable to (N, h, L, S), or null. */
    private Tensor combinedMask(Tensor attnMask, Tensor keyPaddingMask, boolean unbatched, int batch, int targetLength,
                                int sourceLength, Tensor like) {
        Tensor mask = null;
        if (attnMask != null) {
            Tensor additive = Attention.additive(attnMask, "MultiheadAttention: attnMask", true, like.dtype());
            if (additive.dim() == 2 && additive.size(0) == targetLength && additive.size(1) == sourceLength) {
                mask = additive;
            } else if (additive.dim() == 3 && additive.size(0) == batch * numHeads && additive.size(1) == targetLength
                    && additive.size(2) == sourceLength) {
                mask = additive.reshape(batch, numHeads, targetLength, sourceLength);
            } else {
                throw new IllegalArgumentException("MultiheadAttention: attnMask (" + Attention.BLOCKED + ") has shape "
                        + Shape.format(attnMask.shape())
                        + ", expected (" + targetLength + ", " + sourceLength + ") or (" + batch * numHeads + ", "
                        + targetLength + ", " + sourceLength + ")");
            }
        }
        if (keyPaddingMask != null) {
            int[] expected = unbatched ? new int[] {sourceLength} : new int[] {batch, sourceLength};
            if (!java.util.Arrays.equals(keyPaddingMask.shape(), expected)) {
                throw new IllegalArgumentException("MultiheadAttention: keyPaddingMask (" + Attention.BLOCKED + ") has shape "
                        + Shape.format(keyPaddingMask.shape()) + ", expected " + Shape.format(expected));
            }
            Tensor padding = Attention.additive(keyPaddingMask, "MultiheadAttention: keyPaddingMask", true, like.dtype()).reshape(batch, 1, 1, sourceLength);
            mask = mask == null ? padding : mask.add(padding);
        }
        return mask;
    }

    public int embedDim() { return embedDim; }
    public int numHeads() { return numHeads; }

    @Override
    protected String extraRepr() {
        return "embed_dim=" + embedDim + ", num_heads=" + numHeads + (dropout != 0 ? ", dropout=" + dropout : "")
                + (batchFirst ? ", batch_first=true" : "");
    }
}
