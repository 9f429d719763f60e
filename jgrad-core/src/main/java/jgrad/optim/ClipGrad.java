package jgrad.optim;

import jgrad.Grad;
import jgrad.Tensor;

import java.util.List;

/** Gradient clipping, in place on the parameters' {@code grad()}, as PyTorch's {@code clip_grad_norm_}/{@code clip_grad_value_}. */
public final class ClipGrad {
    private ClipGrad() {
    }

    /**
     * Scales all gradients by {@code maxNorm / (total + 1e-6)} when the total norm exceeds maxNorm,
     * where {@code total = (sum over params of ||grad||_p^p)^(1/p)} (p = infinity: the largest |g|).
     * Returns the total norm before clipping.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        double total = 0;
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            for (double g : p.grad().toDoubleArray()) {
                total = Double.isInfinite(normType) ? Math.max(total, Math.abs(g)) : total + Math.pow(Math.abs(g), normType);
            }
        }
        if (!Double.isInfinite(normType)) {
            total = Math.pow(total, 1 / normType);
        }
        double factor = maxNorm / (total + 1e-6);
        if (factor < 1) {
            try (var ignored = Grad.noGrad()) {
                for (Tensor p : params) {
                    if (p.grad() != null) p.grad().mul_(factor);
                }
            }
        }
        return total;
    }

    /** {@link #clipGradNorm(List, double, double)} with the 2-norm. */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0);
    }

    /** Clamps every gradient element to {@code [-clipValue, clipValue]}. */
    public static void clipGradValue(List<Tensor> params, double clipValue) {
        try (var ignored = Grad.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) p.grad().copy_(p.grad().clamp(-clipValue, clipValue));
            }
        }
    }
}
