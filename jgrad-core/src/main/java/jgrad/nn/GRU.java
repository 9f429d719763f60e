package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;

import java.util.random.RandomGenerator;

/**
 * Multi-layer gated recurrent unit, PyTorch's {@code nn.GRU}; each step is {@link GRUCell}'s
 * equation (gates r, z, n). See {@link RNNBase} for shapes, layers, directions and parameter names.
 */
public final class GRU extends RNNBase {

    public GRU(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1);
    }

    public GRU(int inputSize, int hiddenSize, int numLayers) {
        this(inputSize, hiddenSize, numLayers, true, false, 0.0, false, Jgrad.generator());
    }

    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
               boolean bidirectional, RandomGenerator generator) {
        super(RecurrentSteps.Mode.GRU, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator);
    }

    /**
     * PyTorch's keyword form: {@code nn.GRU(input_size, hidden_size, **options)}, e.g.
     * {@code new GRU(5, 7, GRU.options().numLayers(2).batchFirst(true), generator)} (see {@link Options}).
     */
    public GRU(int inputSize, int hiddenSize, Options options, RandomGenerator generator) {
        this(inputSize, hiddenSize, withoutNonlinearity("GRU", options).numLayers(), options.bias(), options.batchFirst(),
                options.dropout(), options.bidirectional(), generator);
    }

    /** {@link #GRU(int, int, Options, RandomGenerator)} with the global generator. */
    public GRU(int inputSize, int hiddenSize, Options options) {
        this(inputSize, hiddenSize, options, Jgrad.generator());
    }

    /** Runs the sequence from {@code h0} {@code (layers·D, B, H)} (null: zeros); returns the output and h_n. */
    public Output forward(Tensor input, Tensor h0) {
        return run(input, h0 == null ? null : HiddenState.of(h0));
    }
}
