package jgrad.nn;

import jgrad.Tensor;

/** Elementwise {@code y = 1 / (1 + exp(-x))}; any shape. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
