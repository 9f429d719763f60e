package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * One Transformer decoder block, PyTorch's {@code nn.TransformerDecoderLayer} (children
 * {@code self_attn}, {@code multihead_attn}, {@code linear1}, {@code dropout}, {@code linear2},
 * {@code norm1..3}, {@code dropout1..3}): self-attention over the target, cross-attention to the
 * encoder's {@code memory}, then the feed-forward block, each with a residual connection:
 * <pre>
 *   post-LN:  x = norm1(x + SA(x));   x = norm2(x + CA(x, mem));   x = norm3(x + FF(x))
 *   pre-LN:   x = x + SA(norm1(x));   x = x + CA(norm2(x), mem);   x = x + FF(norm3(x))
 * </pre>
 * Shapes: tgt {@code (T, N, E)}, memory {@code (S, N, E)} (batch first: {@code (N, T, E)}, {@code (N, S, E)}).
 */
public final class TransformerDecoderLayer extends Module {
    private final boolean normFirst;
    private final String activation;
    private final MultiheadAttention selfAttn;
    private final MultiheadAttention multiheadAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final LayerNorm norm3;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Dropout dropout3;

    public TransformerDecoderLayer(int dModel, int nhead) {
        this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false, Jgrad.generator());
    }

    /** @param activation "relu" or "gelu" */
    public TransformerDecoderLayer(int dModel, int nhead, int dimFeedforward, double dropout, String activation,
                                   double layerNormEps, boolean batchFirst, boolean normFirst, RandomGenerator generator) {
        this.normFirst = normFirst;
        this.activation = checkActivation(activation);
        selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, true, batchFirst, generator));
        multiheadAttn = registerModule("multihead_attn", new MultiheadAttention(dModel, nhead, dropout, true, batchFirst, generator));
        linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, true, generator));
        this.dropout = registerModule("dropout", new Dropout(dropout, generator));
        linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, true, generator));
        norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, layerNormEps, true, true));
        norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, layerNormEps, true, true));
        norm3 = registerModule("norm3", new LayerNorm(new int[] {dModel}, layerNormEps, true, true));
        dropout1 = registerModule("dropout1", new Dropout(dropout, generator));
        dropout2 = registerModule("dropout2", new Dropout(dropout, generator));
        dropout3 = registerModule("dropout3", new Dropout(dropout, generator));
    }

    /** A decoder block needs the encoder's memory: use {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor tgt) {
        throw new UnsupportedOperationException("TransformerDecoderLayer: call forward(tgt, memory, ...) with the encoder's memory");
    }

    /**
     * Runs the layer; a bool mask's {@code true} means <em>blocked</em>, as in {@link MultiheadAttention}
     * (the opposite of {@code F.scaledDotProductAttention}; {@code AttentionMask} converts). Any mask may be
     * null; tgtMask is {@code (T, T)}, memoryMask {@code (T, S)}, the key padding masks {@code (N, T)} and
     * {@code (N, S)}.
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
                          Tensor memoryKeyPaddingMask) {
        Tensor x = tgt;
        if (normFirst) {
            Tensor normed = norm1.forward(x);
            x = x.add(dropout1.forward(selfAttn.forward(normed, normed, normed, tgtKeyPaddingMask, false, tgtMask, true).output()));
            x = x.add(dropout2.forward(multiheadAttn.forward(norm2.forward(x), memory, memory, memoryKeyPaddingMask, false,
                    memoryMask, true).output()));
            return x.add(feedForward(norm3.forward(x)));
        }
        x = norm1.forward(x.add(dropout1.forward(selfAttn.forward(x, x, x, tgtKeyPaddingMask, false, tgtMask, true).output())));
        x = norm2.forward(x.add(dropout2.forward(multiheadAttn.forward(x, memory, memory, memoryKeyPaddingMask, false,
                memoryMask, true).output())));
        return norm3.forward(x.add(feedForward(x)));
    }

    private Tensor feedForward(Tensor x) {
        return dropout3.forward(linear2.forward(dropout.forward(activate(activation, linear1.forward(x)))));
    }

    static String checkActivation(String activation) {
        if (!activation.equals("relu") && !activation.equals("gelu")) {
            throw new IllegalArgumentException("Transformer layer: activation must be relu or gelu, got '" + activation + "'");
        }
        return activation;
    }

    static Tensor activate(String activation, Tensor x) {
        return activation.equals("relu") ? x.relu() : x.gelu();
    }
}
