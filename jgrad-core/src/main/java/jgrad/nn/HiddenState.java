package jgrad.nn;

import jgrad.Tensor;

/**
 * The state a recurrent cell or layer carries between steps: the hidden state {@code h}, and for
 * an LSTM the cell state {@code c} (null for RNN and GRU).
 *
 * <p>Shapes: {@code (B, H)} for a cell; {@code (layers · directions, B, H)} for a sequence layer
 * (PyTorch's {@code h_n}, {@code c_n}).
 */
public record HiddenState(Tensor h, Tensor c) {

    /** A state with no cell state (RNN, GRU). */
    public static HiddenState of(Tensor h) {
        return new HiddenState(h, null);
    }
}
