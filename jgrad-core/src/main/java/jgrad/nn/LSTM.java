package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Multi-layer long short-term memory, PyTorch's {@code nn.LSTM}; each step is {@link LSTMCell}'s
 * equation (gates i, f, g, o). See {@link RNNBase} for shapes, layers, directions and parameter names.
 *
 * <pre>{@code
 * var lstm = new LSTM(64, 256, LSTM.options().batchFirst(true), new SplittableRandom(0));
 * var out = lstm.forward(x, null);          // x (B, L, 64): out.output() (B, L, 256)
 * var next = lstm.forward(x2, new HiddenState(out.state().h().detach(), out.state().c().detach()));  // truncated BPTT
 * }</pre>
 */
public final class LSTM extends RNNBase {

    public LSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1);
    }

    public LSTM(int inputSize, int hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, numLayers, true, false, 0.0, false, Jgrad.generator());
    }

    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
                boolean bidirectional, RandomGenerator generator) {
        super(RecurrentSteps.Mode.LSTM, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator);
    }

    /**
     * PyTorch's keyword form: {@code nn.LSTM(input_size, hidden_size, **options)}, e.g.
     * {@code new LSTM(5, 7, LSTM.options().numLayers(2).batchFirst(true), generator)} (see {@link Options}).
     */
    public LSTM(int inputSize, int hiddenSize, Options options, RandomGenerator generator) {
        this(inputSize, hiddenSize, withoutNonlinearity("LSTM", options).numLayers(), options.bias(), options.batchFirst(),
                options.dropout(), options.bidirectional(), generator);
    }

    /** {@link #LSTM(int, int, Options, RandomGenerator)} with the global generator. */
    public LSTM(int inputSize, int hiddenSize, Options options) {
        this(inputSize, hiddenSize, options, Jgrad.generator());
    }

    /** Runs the sequence from {@code state} (h_0, c_0), each {@code (layers·D, B, H)} (null: zeros). */
    public Output forward(Tensor input, HiddenState state) {
        return run(input, state);
    }
}
