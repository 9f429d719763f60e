package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Scaled dot-product attention, composed from differentiable ops (Vaswani et al. 2017, eq. 1):
 * <pre>
 *   A = softmax(Q K^T / sqrt(E) + M)        M: 0 where attention is allowed, -inf where not
 *   Y = dropout(A) V
 * </pre>
 * Shapes: q {@code (*, L, E)}, k {@code (*, S, E)}, v {@code (*, S, Ev)}, output {@code (*, L, Ev)},
 * weights A {@code (*, L, S)}; the leading dims {@code *} (batch, heads) broadcast.
 *
 * <p>The readable reference: {@link FusedAttention} computes the same thing for float32 with a
 * hand-written backward, and a test ties the two together.
 */
public final class Attention {
    private Attention() {
    }

    /** The attention output and the weights A (after dropout, as PyTorch returns them). */
    public record Result(Tensor output, Tensor weights) {
    }

    /**
     * @param additiveMask float mask added to the scores, broadcastable to {@code (*, L, S)}, or null
     * @param isCausal     also forbid position i from attending to j > i (top-left aligned, as PyTorch)
     * @param scale        the factor on the scores; NaN means 1/sqrt(E)
     */
    public static Result scaledDotProduct(Tensor q, Tensor k, Tensor v, Tensor additiveMask, double dropoutP,
                                          boolean isCausal, double scale, RandomGenerator generator) {
        if (q.dim() < 2 || k.dim() < 2 || v.dim() < 2 || q.size(-1) != k.size(-1) || k.size(-2) != v.size(-2)) {
            throw new IllegalArgumentException("scaledDotProductAttention: expected q (*, L, E), k (*, S, E), v (*, S, Ev), got "
                    + Shape.format(q.shape()) + ", " + Shape.format(k.shape()) + ", " + Shape.format(v.shape()));
        }
        int targetLength = q.size(-2);
        int sourceLength = k.size(-2);
        double factor = Double.isNaN(scale) ? 1 / Math.sqrt(q.size(-1)) : scale;
        Tensor scores = q.matmul(k.transpose(-2, -1)).mul(factor);                 // (*, L, S)
        if (isCausal) {
            scores = scores.maskedFill(causalMask(targetLength, sourceLength), Double.NEGATIVE_INFINITY);
        }
        if (additiveMask != null) {
            scores = scores.add(additiveMask.to(scores.dtype()));
        }
        Tensor weights = scores.softmax(-1);
        weights = F.dropout(weights, dropoutP, dropoutP > 0, generator);
        return new Result(weights.matmul(v), weights);
    }

    /** {@code (L, S)} bool, true above the diagonal: the future positions a causal query may not see. */
    public static Tensor causalMask(int targetLength, int sourceLength) {
        boolean[] future = new boolean[targetLength * sourceLength];
        for (int i = 0; i < targetLength; i++) {
            for (int j = i + 1; j < sourceLength; j++) {
                future[i * sourceLength + j] = true;
            }
        }
        return Tensor.of(future, targetLength, sourceLength);
    }

    /** SDPA's convention for a bool mask, said the same way in every message that concerns it. */
    public static final String MAY_ATTEND = "bool true = may attend (scaledDotProductAttention's convention, the opposite of "
            + "MultiheadAttention's)";

    /** MultiheadAttention's convention for a bool mask. */
    public static final String BLOCKED = "bool true = blocked (MultiheadAttention's convention, the opposite of "
            + "scaledDotProductAttention's)";

    /**
     * A mask in PyTorch's two forms made additive: a bool mask where {@code true} means
     * {@code blockedWhen} (so -inf there, 0 elsewhere), or a float mask used as it is.
     *
     * @param what the op and parameter, for the message when the mask is neither, e.g.
     *             {@code "MultiheadAttention: keyPaddingMask"}
     */
    public static Tensor additive(Tensor mask, String what, boolean blockedWhen, DType dtype) {
        if (mask == null) {
            return null;
        }
        if (mask.dtype() == DType.BOOL) {
            Tensor blocked = blockedWhen ? mask : mask.eq(Tensor.of(new boolean[] {false}));
            return Tensor.zeros(dtype, mask.shape()).maskedFill(blocked, Double.NEGATIVE_INFINITY);
        }
        if (!mask.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(what + " must be " + (blockedWhen ? BLOCKED : MAY_ATTEND)
                    + ", or floating point (added to the scores); got " + mask.dtype() + " of shape " + Shape.format(mask.shape()));
        }
        return mask.to(dtype);
    }
}
