package jgrad.nn;

import jgrad.Tensor;
import jgrad.nn.functional.F;

/** Elementwise {@code y = x} for {@code x > 0}, else {@code negativeSlope x} (default 0.01); any shape. */
public final class LeakyReLU extends Module {
    private final double negativeSlope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.leakyRelu(input, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + negativeSlope;
    }
}
