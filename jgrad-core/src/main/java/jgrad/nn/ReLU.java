package jgrad.nn;

import jgrad.Tensor;

/** Elementwise {@code y = max(x, 0)}; any shape. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
