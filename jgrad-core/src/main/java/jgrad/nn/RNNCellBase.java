package jgrad.nn;

import jgrad.Shape;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * What the three cells share: parameters {@code weight_ih (G·H, in)}, {@code weight_hh (G·H, H)},
 * {@code bias_ih}, {@code bias_hh (G·H)} initialised from U(-1/sqrt(H), 1/sqrt(H)) as in PyTorch,
 * and one step of the recurrence from {@link RecurrentSteps}. Inputs may be batched {@code (B, in)}
 * or a single sample {@code (in)}; a missing state starts at zeros.
 */
public abstract sealed class RNNCellBase extends Module permits RNNCell, LSTMCell, GRUCell {
    private final RecurrentSteps.Mode mode;
    private final int inputSize;
    private final int hiddenSize;

    RNNCellBase(RecurrentSteps.Mode mode, int inputSize, int hiddenSize, boolean bias, RandomGenerator generator) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": sizes must be positive, got input_size="
                    + inputSize + ", hidden_size=" + hiddenSize);
        }
        this.mode = mode;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        int rows = mode.gates * hiddenSize;
        registerParameter("weight_ih", RecurrentSteps.uniformInit(rows, inputSize, hiddenSize, generator));
        registerParameter("weight_hh", RecurrentSteps.uniformInit(rows, hiddenSize, hiddenSize, generator));
        if (bias) {
            registerParameter("bias_ih", RecurrentSteps.uniformInit(rows, 0, hiddenSize, generator));
            registerParameter("bias_hh", RecurrentSteps.uniformInit(rows, 0, hiddenSize, generator));
        }
    }

    public int inputSize() { return inputSize; }
    public int hiddenSize() { return hiddenSize; }

    /** One step from {@code state} (null: zeros). */
    final HiddenState step(Tensor input, HiddenState state) {
        String name = getClass().getSimpleName();
        if ((input.dim() != 1 && input.dim() != 2) || input.size(-1) != inputSize) {
            throw new IllegalArgumentException(name + ": expected input (B, " + inputSize + ") or (" + inputSize
                    + "), got " + Shape.format(input.shape()));
        }
        boolean unbatched = input.dim() == 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int batch = x.size(0);
        HiddenState start = state == null
                ? new HiddenState(Tensor.zeros(x.dtype(), batch, hiddenSize),
                        mode == RecurrentSteps.Mode.LSTM ? Tensor.zeros(x.dtype(), batch, hiddenSize) : null)
                : new HiddenState(batched(state.h(), unbatched, batch, "h"), batched(state.c(), unbatched, batch, "c"));
        if (mode == RecurrentSteps.Mode.LSTM && start.c() == null) {
            throw new IllegalArgumentException(name + ": an LSTM state needs both h and c");
        }
        HiddenState next = RecurrentSteps.step(mode, x, start, parameter("weight_ih"), parameter("weight_hh"),
                parameter("bias_ih"), parameter("bias_hh"));
        return unbatched ? new HiddenState(next.h().squeeze(0), next.c() == null ? null : next.c().squeeze(0)) : next;
    }

    private Tensor batched(Tensor state, boolean unbatched, int batch, String what) {
        if (state == null) {
            return null;
        }
        int[] expected = unbatched ? new int[] {hiddenSize} : new int[] {batch, hiddenSize};
        if (!java.util.Arrays.equals(state.shape(), expected)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": state " + what + " has shape "
                    + Shape.format(state.shape()) + ", expected " + Shape.format(expected));
        }
        return unbatched ? state.unsqueeze(0) : state;
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (parameter("bias_ih") == null ? ", bias=false" : "");
    }
}
