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
        double scale = alpha / a.size(0);
        return x.matmul(weight.t()).add(bias).add(x.matmul(a.t()).matmul(b.t()).mul(scale));
    }

    /**
     * Task 5: the gradients of {@code L = sum(y * g)} with respect to A and B, by the chain rule
     * (no autograd): with {@code h = x Aᵀ (N, r)}, {@code dL/dB = s gᵀ h} and {@code dL/dA = s (g B)ᵀ x}.
     *
     * @param upstream g = dL/dy, {@code (N, out)}
     * @return {@code {dA (r, in), dB (out, r)}}
     */
    public static Tensor[] gradients(Tensor x, Tensor a, Tensor b, double alpha, Tensor upstream) {
        double scale = alpha / a.size(0);
        Tensor h = x.matmul(a.t());
        Tensor gradB = upstream.t().matmul(h).mul(scale);
        Tensor gradA = upstream.matmul(b).t().matmul(x).mul(scale);
        return new Tensor[] {gradA, gradB};
    }
}
