package jgrad.nn;

import jgrad.KernelChoice;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.nn.functional.F;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A multi-layer, optionally bidirectional recurrent network over a whole sequence, with PyTorch's
 * {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU} semantics and parameter names
 * ({@code weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0}, {@code bias_hh_l0}, and
 * {@code _reverse} for the backward direction).
 *
 * <p>Shapes (L = sequence length, B = batch, D = 2 if bidirectional else 1):
 * <ul>
 *   <li>input {@code (L, B, in)}, or {@code (B, L, in)} with {@code batchFirst}, or {@code (L, in)} unbatched;</li>
 *   <li>output {@code (L, B, D·H)} (batch first likewise): the top layer's h at every step, both
 *       directions concatenated;</li>
 *   <li>state h (and c for LSTM) {@code (layers·D, B, H)}, or {@code (layers·D, H)} unbatched; never batch first.</li>
 * </ul>
 * Layer k > 0 reads layer k−1's output, to which dropout is applied in training (not after the last
 * layer). Backprop through time is autograd over the unrolled steps; each step does one matrix
 * product for all gates of the input and one for all gates of the hidden state
 * ({@link RecurrentSteps}). In float32 under the fast kernels ({@code KernelChoice.fastFloat32}) each
 * layer and direction is one fused node over the whole sequence instead, with the input's share
 * of every step as one GEMM and backprop through time written by hand ({@link FusedLstmLayer},
 * {@link FusedGruLayer}, {@link FusedRnnLayer}). For truncated BPTT, pass the returned state {@code detach()}ed into the
 * next chunk.
 */
public abstract sealed class RNNBase extends Module permits RNN, LSTM, GRU {
    private final RecurrentSteps.Mode mode;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;
    private final RandomGenerator generator;

    /** The output sequence and the final state ({@code h_n}, and {@code c_n} for LSTM). */
    public record Output(Tensor output, HiddenState state) {
    }

    /**
     * PyTorch's keyword arguments of {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU} after
     * {@code input_size} and {@code hidden_size}, one fluent setter per keyword, so no two booleans
     * sit side by side unnamed. Start from {@link #options()} (PyTorch's defaults):
     *
     * <pre>{@code
     * // nn.LSTM(5, 7, num_layers=2, batch_first=True, dropout=0.1)
     * var lstm = new LSTM(5, 7, LSTM.options().numLayers(2).batchFirst(true).dropout(0.1), generator);
     * }</pre>
     *
     * @param numLayers     {@code num_layers}, stacked layers (default 1)
     * @param nonlinearity  {@code nonlinearity}, {@code "tanh"} or {@code "relu"}; only {@code nn.RNN} has it
     * @param bias          {@code bias}, whether the layers have {@code b_ih} and {@code b_hh} (default true)
     * @param batchFirst    {@code batch_first}: input and output are {@code (B, L, *)} (default false)
     * @param dropout       {@code dropout} on each layer's output except the last, in training (default 0)
     * @param bidirectional {@code bidirectional} (default false)
     */
    public record Options(int numLayers, String nonlinearity, boolean bias, boolean batchFirst, double dropout,
                          boolean bidirectional) {
        /** {@code num_layers}. */
        public Options numLayers(int numLayers) {
            return new Options(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional);
        }

        /** {@code nonlinearity} ({@code nn.RNN} only): {@code "tanh"} or {@code "relu"}. */
        public Options nonlinearity(String nonlinearity) {
            return new Options(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional);
        }

        /** {@code bias}. */
        public Options bias(boolean bias) {
            return new Options(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional);
        }

        /** {@code batch_first}. */
        public Options batchFirst(boolean batchFirst) {
            return new Options(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional);
        }

        /** {@code dropout}. */
        public Options dropout(double dropout) {
            return new Options(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional);
        }

        /** {@code bidirectional}. */
        public Options bidirectional(boolean bidirectional) {
            return new Options(numLayers, nonlinearity, bias, batchFirst, dropout, bidirectional);
        }
    }

    /** PyTorch's defaults: one layer, tanh, bias, sequence first, no dropout, one direction. */
    public static Options options() {
        return new Options(1, "tanh", true, false, 0.0, false);
    }

    /** LSTM and GRU have no {@code nonlinearity} keyword, as in PyTorch; refuse one rather than ignore it. */
    static Options withoutNonlinearity(String layer, Options options) {
        if (!options.nonlinearity().equals("tanh")) {
            throw new IllegalArgumentException(layer + ": has no nonlinearity option (only RNN has), got \""
                    + options.nonlinearity() + "\"");
        }
        return options;
    }

    RNNBase(RecurrentSteps.Mode mode, int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst,
            double dropout, boolean bidirectional, RandomGenerator generator) {
        String name = getClass().getSimpleName();
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException(name + ": input_size, hidden_size and num_layers must be positive, got "
                    + inputSize + ", " + hiddenSize + ", " + numLayers);
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException(name + ": dropout must be in [0, 1], got " + dropout);
        }
        this.mode = mode;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        this.generator = generator;
        int rows = mode.gates * hiddenSize;
        for (int layer = 0; layer < numLayers; layer++) {
            int layerInput = layer == 0 ? inputSize : hiddenSize * directions();
            for (int direction = 0; direction < directions(); direction++) {
                String suffix = suffix(layer, direction);
                registerParameter("weight_ih" + suffix, RecurrentSteps.uniformInit(rows, layerInput, hiddenSize, generator));
                registerParameter("weight_hh" + suffix, RecurrentSteps.uniformInit(rows, hiddenSize, hiddenSize, generator));
                if (bias) {
                    registerParameter("bias_ih" + suffix, RecurrentSteps.uniformInit(rows, 0, hiddenSize, generator));
                    registerParameter("bias_hh" + suffix, RecurrentSteps.uniformInit(rows, 0, hiddenSize, generator));
                }
            }
        }
    }

    private static String suffix(int layer, int direction) {
        return "_l" + layer + (direction == 1 ? "_reverse" : "");
    }

    public int inputSize() { return inputSize; }
    public int hiddenSize() { return hiddenSize; }
    public int numLayers() { return numLayers; }
    public boolean batchFirst() { return batchFirst; }
    public boolean bidirectional() { return bidirectional; }

    private int directions() {
        return bidirectional ? 2 : 1;
    }

    /** The output sequence from zero initial states. */
    @Override
    public Tensor forward(Tensor input) {
        return run(input, null).output();
    }

    /** Runs the whole sequence from {@code initial} (null: zeros). */
    final Output run(Tensor input, HiddenState initial) {
        String name = getClass().getSimpleName();
        if ((input.dim() != 2 && input.dim() != 3) || input.size(-1) != inputSize) {
            throw new IllegalArgumentException(name + ": expected input (L, B, " + inputSize + "), (B, L, " + inputSize
                    + ") with batchFirst, or (L, " + inputSize + "), got " + Shape.format(input.shape()));
        }
        boolean unbatched = input.dim() == 2;
        Tensor sequence = unbatched ? input.unsqueeze(1) : batchFirst ? input.transpose(0, 1) : input;   // (L, B, in)
        int batch = sequence.size(1);
        Tensor h0 = initialState(initial == null ? null : initial.h(), unbatched, batch, sequence, "h");
        Tensor c0 = mode == RecurrentSteps.Mode.LSTM
                ? initialState(initial == null ? null : initial.c(), unbatched, batch, sequence, "c") : null;

        return KernelChoice.fastFloat32(sequence, h0, c0 == null ? h0 : c0, parameter("weight_ih_l0"))
                ? runFused(sequence, h0, c0, unbatched) : runSteps(sequence, h0, c0, unbatched);
    }

    /** The composed path: every step a small graph of differentiable ops ({@link RecurrentSteps}). */
    private Output runSteps(Tensor sequence, Tensor h0, Tensor c0, boolean unbatched) {
        int length = sequence.size(0);
        // The layer input as a list of per-step tensors (B, in): later layers read the list the layer
        // below produced, so no step has to be cut out of a stacked tensor.
        List<Tensor> steps = new ArrayList<>(length);
        for (int t = 0; t < length; t++) {
            steps.add(sequence.select(0, t));
        }
        List<Tensor> finalH = new ArrayList<>();
        List<Tensor> finalC = new ArrayList<>();
        for (int layer = 0; layer < numLayers; layer++) {
            if (layer > 0 && dropout > 0 && isTraining()) {
                steps = steps.stream().map(x -> F.dropout(x, dropout, true, generator)).toList();
            }
            List<List<Tensor>> outputs = new ArrayList<>();
            for (int direction = 0; direction < directions(); direction++) {
                int index = layer * directions() + direction;
                var state = new HiddenState(h0.select(0, index), c0 == null ? null : c0.select(0, index));
                Tensor[] out = new Tensor[length];
                String suffix = suffix(layer, direction);
                for (int s = 0; s < length; s++) {
                    int t = direction == 0 ? s : length - 1 - s;
                    state = RecurrentSteps.step(mode, steps.get(t), state, parameter("weight_ih" + suffix),
                            parameter("weight_hh" + suffix), parameter("bias_ih" + suffix), parameter("bias_hh" + suffix));
                    out[t] = state.h();
                }
                outputs.add(Arrays.asList(out));
                finalH.add(state.h());
                finalC.add(state.c());
            }
            List<Tensor> layerOutput = new ArrayList<>(length);
            for (int t = 0; t < length; t++) {
                layerOutput.add(bidirectional ? Tensor.cat(List.of(outputs.get(0).get(t), outputs.get(1).get(t)), 1)
                        : outputs.get(0).get(t));
            }
            steps = layerOutput;
        }
        Tensor output = Tensor.stack(steps, unbatched || !batchFirst ? 0 : 1);   // (L, B, D·H) or (B, L, D·H)
        return finish(output, finalH, c0 == null ? null : finalC, unbatched);
    }

    /**
     * The float32 path: each layer and direction is one fused node over the whole sequence
     * {@code (L, B, in)} ({@link FusedLstmLayer}, {@link FusedGruLayer}, {@link FusedRnnLayer}), with
     * backprop through time written by hand.
     */
    private Output runFused(Tensor sequence, Tensor h0, Tensor c0, boolean unbatched) {
        int length = sequence.size(0);
        Tensor layerInput = sequence;
        List<Tensor> finalH = new ArrayList<>();
        List<Tensor> finalC = new ArrayList<>();
        for (int layer = 0; layer < numLayers; layer++) {
            if (layer > 0 && dropout > 0 && isTraining()) {
                layerInput = F.dropout(layerInput, dropout, true, generator);
            }
            List<Tensor> outputs = new ArrayList<>();
            for (int direction = 0; direction < directions(); direction++) {
                int index = layer * directions() + direction;
                String suffix = suffix(layer, direction);
                Tensor weightIh = parameter("weight_ih" + suffix), weightHh = parameter("weight_hh" + suffix);
                Tensor biasIh = parameter("bias_ih" + suffix), biasHh = parameter("bias_hh" + suffix);
                boolean reverse = direction == 1;
                Tensor result = switch (mode) {    // (L, B, H): h_0..h_{L-1}; the LSTM adds a row L for c_n
                    case LSTM -> FusedLstmLayer.forward(layerInput, h0.select(0, index), c0.select(0, index), weightIh,
                            weightHh, biasIh, biasHh, reverse);
                    case GRU -> FusedGruLayer.forward(layerInput, h0.select(0, index), weightIh, weightHh, biasIh, biasHh,
                            reverse);
                    case RNN_TANH, RNN_RELU -> FusedRnnLayer.forward(layerInput, h0.select(0, index), weightIh, weightHh,
                            biasIh, biasHh, mode == RecurrentSteps.Mode.RNN_RELU, reverse);
                };
                outputs.add(c0 == null ? result : result.narrow(0, 0, length));
                finalH.add(result.select(0, reverse ? 0 : length - 1));
                if (c0 != null) {
                    finalC.add(result.select(0, length));
                }
            }
            layerInput = bidirectional ? Tensor.cat(outputs, 2) : outputs.get(0);
        }
        Tensor output = unbatched || !batchFirst ? layerInput : layerInput.transpose(0, 1);
        return finish(output, finalH, c0 == null ? null : finalC, unbatched);
    }

    /** Stacks the final states and drops the batch dim of an unbatched call. */
    private Output finish(Tensor output, List<Tensor> finalH, List<Tensor> finalC, boolean unbatched) {
        Tensor hN = Tensor.stack(finalH, 0);
        Tensor cN = finalC == null ? null : Tensor.stack(finalC, 0);
        if (unbatched) {
            output = output.squeeze(1);
            hN = hN.squeeze(1);
            cN = cN == null ? null : cN.squeeze(1);
        }
        return new Output(output, new HiddenState(hN, cN));
    }

    private Tensor initialState(Tensor given, boolean unbatched, int batch, Tensor like, String what) {
        int[] expected = unbatched ? new int[] {numLayers * directions(), hiddenSize}
                : new int[] {numLayers * directions(), batch, hiddenSize};
        if (given == null) {
            return Tensor.zeros(like.dtype(), numLayers * directions(), batch, hiddenSize);
        }
        if (!Arrays.equals(given.shape(), expected)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": initial " + what + " has shape "
                    + Shape.format(given.shape()) + ", expected " + Shape.format(expected)
                    + " (layers * directions, batch, hidden)");
        }
        return unbatched ? given.unsqueeze(1) : given;
    }

    @Override
    protected String extraRepr() {
        var sb = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (numLayers != 1) sb.append(", num_layers=").append(numLayers);
        if (!bias) sb.append(", bias=false");
        if (batchFirst) sb.append(", batch_first=true");
        if (dropout != 0) sb.append(", dropout=").append(dropout);
        if (bidirectional) sb.append(", bidirectional=true");
        return sb.toString();
    }
}
