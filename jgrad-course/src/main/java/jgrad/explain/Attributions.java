package jgrad.explain;

import jgrad.Grad;
import jgrad.Tensor;

import java.util.function.UnaryOperator;

/**
 * Gradient-based attributions: how much each input number matters for the score of one class.
 * {@code model} maps inputs {@code (N, ...)} to logits {@code (N, K)}; {@code targets} names one
 * class per example; each result has the input's shape. Examples do not interact (use eval mode),
 * so one backward pass over the batch gives every example its own gradient.
 * <pre>
 *   saliency             S = ∂f_c(x) / ∂x                                        (Simonyan et al., 2014)
 *   gradient × input     S ⊙ x
 *   integrated gradients IG = (x − x') ⊙ (1/m) Σ_{s=1..m} ∂f_c(x' + (s−½)/m · (x − x')) / ∂x
 *                                                                                  (Sundararajan et al., 2017)
 * </pre>
 * Integrated gradients averages the gradient along the straight path from a baseline x' (black
 * image, zero embedding) to x, by the midpoint rule with m steps. Its attributions add up to the
 * change of the score, {@code Σ IG ≈ f_c(x) − f_c(x')} ("completeness"), which plain gradients lack.
 */
public final class Attributions {
    private Attributions() {
    }

    /** {@code ∂f_c(x)/∂x}: the saliency map. */
    public static Tensor gradient(UnaryOperator<Tensor> model, Tensor input, long[] targets) {
        Tensor x = input.detach().contiguous().requiresGrad(true);
        try (var ignored = Grad.enableGrad()) {
            Tensor logits = model.apply(x);                                          // (N, K)
            if (logits.dim() != 2 || logits.size(0) != targets.length) {
                throw new IllegalArgumentException("Attributions: expected logits (N, K) with N = " + targets.length
                        + " targets, got " + jgrad.Shape.format(logits.shape()));
            }
            logits.gather(1, Tensor.of(targets, targets.length, 1)).sum().backward();
        }
        return x.grad();
    }

    /** {@code ∂f_c(x)/∂x ⊙ x}. */
    public static Tensor gradientTimesInput(UnaryOperator<Tensor> model, Tensor input, long[] targets) {
        return gradient(model, input, targets).mul(input.detach());
    }

    /** Integrated gradients from {@code baseline} (same shape as input) with {@code steps} midpoint steps. */
    public static Tensor integratedGradients(UnaryOperator<Tensor> model, Tensor input, Tensor baseline, long[] targets, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("integratedGradients: steps must be >= 1, got " + steps);
        }
        Tensor x = input.detach(), base = baseline.detach();
        Tensor path = x.sub(base);
        Tensor sum = null;
        for (int s = 1; s <= steps; s++) {
            double alpha = (s - 0.5) / steps;
            Tensor g = gradient(model, base.add(path.mul(alpha)), targets);
            sum = sum == null ? g : sum.add(g);
        }
        return path.mul(sum.div(steps));
    }
}
