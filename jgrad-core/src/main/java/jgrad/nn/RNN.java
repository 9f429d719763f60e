package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Multi-layer Elman RNN, PyTorch's {@code nn.RNN}: at each step and layer
 * {@code h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)} (or ReLU). See {@link RNNBase}
 * for shapes, layers, directions and parameter names.
 *
 * <pre>{@code
 * var rnn = new RNN(10, 20, 2);
 * var out = rnn.forward(Tensor.randn(5, 3, 10), null);    // output (5, 3, 20), h_n (2, 3, 20)
 * }</pre>
 */
public final class RNN extends RNNBase {

    public RNN(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1);
    }

    public RNN(int inputSize, int hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, numLayers, "tanh", true, false, 0.0, false, Jgrad.generator());
    }

    public RNN(int inputSize, int hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst,
               double dropout, boolean bidirectional, RandomGenerator generator) {
        super(RNNCell.mode(nonlinearity), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator);
    }

    /**
     * PyTorch's keyword form: {@code nn.RNN(input_size, hidden_size, **options)}, e.g.
     * {@code new RNN(10, 20, RNN.options().numLayers(2).nonlinearity("relu"), generator)} (see {@link Options}).
     */
    public RNN(int inputSize, int hiddenSize, Options options, RandomGenerator generator) {
        this(inputSize, hiddenSize, options.numLayers(), options.nonlinearity(), options.bias(), options.batchFirst(),
                options.dropout(), options.bidirectional(), generator);
    }

    /** {@link #RNN(int, int, Options, RandomGenerator)} with the global generator. */
    public RNN(int inputSize, int hiddenSize, Options options) {
        this(inputSize, hiddenSize, options, Jgrad.generator());
    }

    /** Runs the sequence from {@code h0} {@code (layers·D, B, H)} (null: zeros); returns the output and h_n. */
    public Output forward(Tensor input, Tensor h0) {
        return run(input, h0 == null ? null : HiddenState.of(h0));
    }
}
