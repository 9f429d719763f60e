package jgrad.nn;

import jgrad.Tensor;

/**
 * Elementwise {@code y = x Phi(x)} (Phi the standard normal CDF), or with {@code approximate = "tanh"}
 * {@code y = x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}; any shape.
 */
public final class GELU extends Module {
    private final String approximate;

    public GELU() {
        this("none");
    }

    public GELU(String approximate) {
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new IllegalArgumentException("GELU: approximate must be \"none\" or \"tanh\", got \"" + approximate + "\"");
        }
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.gelu(approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
