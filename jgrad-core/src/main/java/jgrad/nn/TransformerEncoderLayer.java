package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * One Transformer encoder block, PyTorch's {@code nn.TransformerEncoderLayer} (same child names:
 * {@code self_attn}, {@code linear1}, {@code dropout}, {@code linear2}, {@code norm1}, {@code norm2},
 * {@code dropout1}, {@code dropout2}):
 * <pre>
 *   post-LN (normFirst = false, the 2017 paper):  x = norm1(x + SA(x));        x = norm2(x + FF(x))
 *   pre-LN  (normFirst = true):                   x = x + SA(norm1(x));        x = x + FF(norm2(x))
 *   SA(x) = dropout1(self_attn(x, x, x))          FF(x) = dropout2(linear2(dropout(act(linear1(x)))))
 * </pre>
 * Shapes: src {@code (S, N, E)}, or {@code (N, S, E)} with {@code batchFirst}.
 */
public final class TransformerEncoderLayer extends Module {
    private final boolean normFirst;
    private final String activation;
    final MultiheadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;

    public TransformerEncoderLayer(int dModel, int nhead) {
        this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false, Jgrad.generator());
    }

    /** @param activation "relu" or "gelu" */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, double dropout, String activation,
                                   double layerNormEps, boolean batchFirst, boolean normFirst, RandomGenerator generator) {
        this.normFirst = normFirst;
        this.activation = TransformerDecoderLayer.checkActivation(activation);
        selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, batchFirst, generator));
        linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, true, generator));
        this.dropout = registerModule("dropout", new Dropout(dropout, generator));
        linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, true, generator));
        norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, layerNormEps, true, true));
        norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, layerNormEps, true, true));
        dropout1 = registerModule("dropout1", new Dropout(dropout, generator));
        dropout2 = registerModule("dropout2", new Dropout(dropout, generator));
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * Runs the layer; a bool mask's {@code true} means <em>blocked</em>, as in {@link MultiheadAttention}
     * (the opposite of {@code F.scaledDotProductAttention}; {@code AttentionMask} converts).
     *
     * @param srcMask           {@code (S, S)}, bool true = blocked, or float added; may be null
     * @param srcKeyPaddingMask {@code (N, S)}, bool true = padding, blocked; may be null
     */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        Tensor x = src;
        if (normFirst) {
            x = x.add(selfAttention(norm1.forward(x), srcMask, srcKeyPaddingMask));
            return x.add(feedForward(norm2.forward(x)));
        }
        x = norm1.forward(x.add(selfAttention(x, srcMask, srcKeyPaddingMask)));
        return norm2.forward(x.add(feedForward(x)));
    }

    private Tensor selfAttention(Tensor x, Tensor mask, Tensor keyPaddingMask) {
        return dropout1.forward(selfAttn.forward(x, x, x, keyPaddingMask, false, mask, true).output());
    }

    private Tensor feedForward(Tensor x) {
        return dropout2.forward(linear2.forward(dropout.forward(TransformerDecoderLayer.activate(activation, linear1.forward(x)))));
    }
}
