package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Elman RNN cell: {@code h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)} (or ReLU), as PyTorch's
 * {@code nn.RNNCell}. Shapes: input {@code (B, in)} or {@code (in)}, h {@code (B, H)} or {@code (H)}.
 *
 * <pre>{@code
 * var cell = new RNNCell(10, 20);
 * Tensor h = null;
 * for (Tensor x : steps) h = cell.forward(x, h);
 * }</pre>
 */
public final class RNNCell extends RNNCellBase {
    private final String nonlinearity;

    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh", Jgrad.generator());
    }

    /** @param nonlinearity "tanh" or "relu" */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity, RandomGenerator generator) {
        super(mode(nonlinearity), inputSize, hiddenSize, bias, generator);
        this.nonlinearity = nonlinearity;
    }

    static RecurrentSteps.Mode mode(String nonlinearity) {
        return switch (nonlinearity) {
            case "tanh" -> RecurrentSteps.Mode.RNN_TANH;
            case "relu" -> RecurrentSteps.Mode.RNN_RELU;
            default -> throw new IllegalArgumentException("RNN: unknown nonlinearity '" + nonlinearity + "' (expected tanh or relu)");
        };
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

    @Override
    protected String extraRepr() {
        return super.extraRepr() + ("tanh".equals(nonlinearity) ? "" : ", nonlinearity=" + nonlinearity);
    }
}
