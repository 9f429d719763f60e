package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * A bool attention mask that knows which way round it is, so the two PyTorch conventions cannot be
 * mixed up: {@link F#scaledDotProductAttention} reads {@code true} as "may attend", while
 * {@link jgrad.nn.MultiheadAttention} (its {@code keyPaddingMask} and {@code attnMask}) reads
 * {@code true} as "blocked". Build it from either convention, hand each API the form it expects.
 *
 * <pre>{@code
 * var mask = AttentionMask.blocked(isPadding.unsqueeze(1));            // (N, 1, S): true = padding
 * F.scaledDotProductAttention(q, k, v, mask, 0.0, generator);           // reads it as "may attend" correctly
 * mha.forward(x, x, x, null, false, AttentionMask.causal(L, L).blockedMask(), true);
 * }</pre>
 */
public final class AttentionMask {
    /** The mask in SDPA's convention: bool, {@code true} = may attend. */
    private final Tensor mayAttend;

    private AttentionMask(Tensor mayAttend) {
        this.mayAttend = mayAttend;
    }

    /** From a bool mask where {@code true} means <em>may attend</em> (scaledDotProductAttention's convention). */
    public static AttentionMask mayAttend(Tensor trueMayAttend) {
        return new AttentionMask(requireBool("AttentionMask.mayAttend", trueMayAttend));
    }

    /** From a bool mask where {@code true} means <em>blocked</em> (MultiheadAttention's convention). */
    public static AttentionMask blocked(Tensor trueIsBlocked) {
        return new AttentionMask(not(requireBool("AttentionMask.blocked", trueIsBlocked)));
    }

    /** Query i may attend to key j only when {@code j <= i}: {@code (L, S)}, top-left aligned as PyTorch's {@code is_causal}. */
    public static AttentionMask causal(int targetLength, int sourceLength) {
        return blocked(Attention.causalMask(targetLength, sourceLength));
    }

    /** For {@link F#scaledDotProductAttention}: bool, {@code true} = may attend. */
    public Tensor mayAttendMask() {
        return mayAttend;
    }

    /** For {@link jgrad.nn.MultiheadAttention}: bool, {@code true} = blocked. */
    public Tensor blockedMask() {
        return not(mayAttend);
    }

    private static Tensor not(Tensor mask) {
        return mask.eq(Tensor.of(new boolean[] {false}));
    }

    private static Tensor requireBool(String op, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(op + ": expected a bool mask, got " + mask.dtype() + " of shape "
                    + Shape.format(mask.shape()) + " (a float mask is added to the scores and has no convention to convert)");
        }
        return mask;
    }

    @Override
    public String toString() {
        return "AttentionMask(true = may attend, shape " + Shape.format(mayAttend.shape()) + ")";
    }
}
