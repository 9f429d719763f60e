package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A one-layer bidirectional LSTM over a padded batch with sequence lengths: the same results as
 * PyTorch's {@code nn.LSTM(bidirectional=True, batch_first=True)} run on
 * {@code pack_padded_sequence(x, lengths)}. The forward LSTM reads {@code x[b, 0..len-1]}; the
 * backward LSTM reads each sequence reversed within its own length ({@link PaddedSequences#reverse}),
 * so it starts at the real last word and never sees padding.
 *
 * <p>Shapes: input {@code (B, T, I)}, lengths {@code B} values in {@code [1, T]}; output
 * {@code (B, T, 2H)} = [forward; backward] hidden states, zero on the padding; {@code last}
 * {@code (B, 2H)} = [forward state after the last real step; backward state after step 0], PyTorch's
 * {@code h_n} of both directions side by side. Parameters: {@code forward.*} and {@code backward.*},
 * each an {@link LSTM} named like PyTorch's (PyTorch's {@code weight_ih_l0_reverse} is
 * {@code backward.weight_ih_l0} here).
 *
 * <pre>{@code
 * var encoder = new BiLSTM(64, 128, new SplittableRandom(0));
 * var out = encoder.forward(embedded, lengths);      // out.output() (B, T, 256): tag scores per word
 * Tensor sentence = out.last();                       // (B, 256): a whole-sentence feature
 * }</pre>
 */
public final class BiLSTM extends Module {
    private final int inputSize;
    private final int hiddenSize;

    /** Per-step outputs {@code (B, T, 2H)} and the final states {@code (B, 2H)}. */
    public record Output(Tensor output, Tensor last) {
    }

    public BiLSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, Jgrad.generator());
    }

    public BiLSTM(int inputSize, int hiddenSize, RandomGenerator generator) {
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        registerModule("forward", new LSTM(inputSize, hiddenSize, 1, true, true, 0.0, false, generator));
        registerModule("backward", new LSTM(inputSize, hiddenSize, 1, true, true, 0.0, false, generator));
    }

    /** Runs both directions over {@code input (B, T, I)} whose sequence {@code b} has {@code lengths[b]} real steps. */
    public Output forward(Tensor input, int[] lengths) {
        if (input.dim() != 3 || input.size(2) != inputSize || input.size(0) != lengths.length) {
            throw new IllegalArgumentException("BiLSTM: expected input (B, T, " + inputSize + ") with B = " + lengths.length
                    + " lengths, got " + Shape.format(input.shape()));
        }
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 1 || lengths[b] > input.size(1)) {
                throw new IllegalArgumentException("BiLSTM: length " + lengths[b] + " of sequence " + b
                        + " must be in [1, " + input.size(1) + "]");
            }
        }
        Tensor forwardStates = direction("forward").forward(input, null).output();                  // (B, T, H)
        Tensor reversed = direction("backward").forward(PaddedSequences.reverse(input, lengths), null).output();
        Tensor backwardStates = PaddedSequences.reverse(reversed, lengths);                              // (B, T, H)
        Tensor output = PaddedSequences.zeroPadding(Tensor.cat(List.of(forwardStates, backwardStates), 2), lengths);
        Tensor last = Tensor.cat(List.of(PaddedSequences.lastStep(forwardStates, lengths), backwardStates.select(1, 0)), 1);
        return new Output(output, last);
    }

    /** All steps taken as real: {@code forward(input, [T, ..., T]).output()}. */
    @Override
    public Tensor forward(Tensor input) {
        int[] full = new int[input.size(0)];
        java.util.Arrays.fill(full, input.size(1));
        return forward(input, full).output();
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    private LSTM direction(String name) {
        return (LSTM) child(name);
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize;
    }
}
