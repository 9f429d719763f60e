package jgrad.nn;

import jgrad.Tensor;

/** Elementwise {@code y = tanh(x)}; any shape. */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
