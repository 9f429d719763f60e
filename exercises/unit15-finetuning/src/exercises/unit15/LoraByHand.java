package exercises.unit15;

import jgrad.Tensor;

/**
 * Unit 15 exercise, tasks 4 and 5: LoRA's low-rank update, forward and backward, with tensor ops.
 * <pre>
 *   y = x Wᵀ + b + s · (x Aᵀ) Bᵀ,   s = α / r        x (N, in), W (out, in), A (r, in), B (out, r)
 * </pre>
 */
public final class LoraByHand {
    private LoraByHand() {
    }

    /** Task 4: y {@code (N, out)} (no dropout). Use {@code matmul}, {@code t()}, {@code add}, {@code mul}. */
    public static Tensor forward(Tensor x, Tensor weight, Tensor bias, Tensor a, Tensor b, double alpha) {
        // TODO(task 4): the frozen path plus the scaled low-rank path; r is a.size(0).
        throw new UnsupportedOperationException("TODO task 4");
    }

    /**
     * Task 5: the gradients of {@code L = sum(y * g)} with respect to A and B, by the chain rule
     * (no autograd): with {@code h = x Aᵀ (N, r)}, {@code dL/dB = s gᵀ h} and {@code dL/dA = s (g B)ᵀ x}.
     *
     * @param upstream g = dL/dy, {@code (N, out)}
     * @return {@code {dA (r, in), dB (out, r)}}
     */
    public static Tensor[] gradients(Tensor x, Tensor a, Tensor b, double alpha, Tensor upstream) {
        // TODO(task 5): three matmuls and the scale; check the shapes against the ones above.
        throw new UnsupportedOperationException("TODO task 5");
    }
}
