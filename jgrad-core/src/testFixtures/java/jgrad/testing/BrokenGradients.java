package jgrad.testing;

import java.util.function.UnaryOperator;
import jgrad.Grad;
import jgrad.Tensor;

/**
 * Deliberately wrong backwards, for tests that prove a checker can fail: {@code y = x * factor}
 * computed outside autograd, recorded with a backward that the test chooses. With
 * {@code g -> g.mul(factor)} the op is correct; anything else is a planted bug.
 */
public final class BrokenGradients {
    private BrokenGradients() {
    }

    /** {@code x * factor} whose backward is {@code backward(g)} instead of {@code g * factor}. */
    public static Tensor scaled(Tensor x, double factor, UnaryOperator<Tensor> backward) {
        Tensor y;
        try (var ignored = Grad.noGrad()) {
            y = x.mul(factor);
        }
        return Grad.record(y, "ScaledBackward", g -> new Tensor[] {backward.apply(g)}, x);
    }

    /** {@code gradient} (a fresh copy) with flat element {@code flat} replaced by {@code value}. */
    public static Tensor withElement(Tensor gradient, int flat, double value) {
        Tensor copy = gradient.detach().copy();
        try (var ignored = Grad.noGrad()) {
            copy.set(value, jgrad.Shape.unravel(flat, copy.shape()));
        }
        return copy;
    }
}
