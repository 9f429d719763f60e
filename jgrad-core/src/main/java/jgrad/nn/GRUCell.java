package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Gated recurrent unit cell, PyTorch's {@code nn.GRUCell}, gates in PyTorch's order r, z, n:
 * <pre>
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr)
 *   z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * Shapes: input {@code (B, in)} or {@code (in)}; h {@code (B, H)} or {@code (H)};
 * {@code weight_ih (3H, in)}, {@code weight_hh (3H, H)}.
 */
public final class GRUCell extends RNNCellBase {

    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Jgrad.generator());
    }

    public GRUCell(int inputSize, int hiddenSize, boolean bias, RandomGenerator generator) {
        super(RecurrentSteps.Mode.GRU, inputSize, hiddenSize, bias, generator);
    }

    /** One step from a zero state. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /** One step from {@code hx} (null: zeros); returns h'. */
    public Tensor forward(Tensor input, Tensor hx) {
        return step(input, hx == null ? null : HiddenState.of(hx)).h();
    }
}
