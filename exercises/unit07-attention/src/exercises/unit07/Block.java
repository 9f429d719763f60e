package exercises.unit07;

import jgrad.Tensor;

/**
 * Unit 7 exercise, task 4: the forward pass of one pre-LN transformer block with causal
 * self-attention, written with jgrad's tensor ops (this task is about how the parts fit together).
 * For x of shape (B, T, C), H heads of width D = C / H:
 * <pre>
 *   x = x + MHA(LN_1(x))
 *   x = x + W_2 gelu(W_1 LN_2(x) + b_1) + b_2
 *   MHA(u): [Q | K | V] = u W_in^T + b_in             each (B, T, C), split into heads (B, H, T, D)
 *           heads = softmax(Q K^T / sqrt(D) + causal mask) V     (B, H, T, D)
 *           merge the heads to (B, T, C), then  W_out (.) + b_out
 * </pre>
 * Use any tensor op ({@code matmul}, {@code softmax}, {@code reshape}, {@code transpose},
 * {@code split}, {@code maskedFill}, …) and {@code F.linear}, {@code F.layerNorm} (eps 1e-5),
 * {@code F.gelu}; {@code jgrad.nn.functional.Attention.causalMask(T, T)} gives the (T, T) bool mask,
 * true where a query may not look. Not allowed: jgrad's attention itself
 * ({@code F.scaledDotProductAttention}, {@code Attention.scaledDotProduct}, {@code MultiheadAttention}
 * and the transformer layers) — that is what the test compares you with.
 */
public final class Block {
    private Block() {
    }

    /**
     * Task 4.
     *
     * @param x       (B, T, C), float64
     * @param weights the block's parameters
     * @param heads   H, a divisor of C
     * @return (B, T, C)
     */
    public static Tensor forward(Tensor x, Results.BlockWeights weights, int heads) {
        // TODO(task 4): the attention half with its residual, then the feed-forward half with its residual.
        throw new UnsupportedOperationException("TODO task 4");
    }
}
