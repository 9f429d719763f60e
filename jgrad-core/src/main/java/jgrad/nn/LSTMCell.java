package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Long short-term memory cell, PyTorch's {@code nn.LSTMCell}, gates in PyTorch's order i, f, g, o:
 * <pre>
 *   i = σ(W_ii x + b_ii + W_hi h + b_hi)      f = σ(W_if x + b_if + W_hf h + b_hf)
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg)   o = σ(W_io x + b_io + W_ho h + b_ho)
 *   c' = f * c + i * g                         h' = o * tanh(c')
 * </pre>
 * Shapes: input {@code (B, in)} or {@code (in)}; h and c {@code (B, H)} or {@code (H)};
 * {@code weight_ih (4H, in)}, {@code weight_hh (4H, H)}.
 */
public final class LSTMCell extends RNNCellBase {

    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Jgrad.generator());
    }

    public LSTMCell(int inputSize, int hiddenSize, boolean bias, RandomGenerator generator) {
        super(RecurrentSteps.Mode.LSTM, inputSize, hiddenSize, bias, generator);
    }

    /** One step from zero states; returns h'. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).h();
    }

    /** One step from {@code state} (null: zeros); returns (h', c'). */
    public HiddenState forward(Tensor input, HiddenState state) {
        return step(input, state);
    }
}
