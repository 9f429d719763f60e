package jgrad.train;

import jgrad.Tensor;
import jgrad.nn.HiddenState;
import jgrad.nn.RNNBase;
import jgrad.nn.functional.F;

/**
 * Truncated backprop through time for a recurrent language model (char-rnn's and PyTorch's
 * {@code word_language_model} recipe). The token stream is cut into B parallel stripes; each
 * {@link #loss} takes the next T tokens of every stripe and runs the model from the state the
 * previous window ended in. That state is carried <em>detached</em>: the model still sees
 * everything before the window through h and c, but gradients stop at the window's edge, so
 * the graph (and memory) of a step stays T steps long however far the stream has run.
 * When a stripe has no whole window left, all stripes start again at their beginning from a zero
 * state.
 *
 * <pre>{@code
 * var bptt = new TruncatedBptt(ids, 32, 64);          // 32 stripes, windows of 64 tokens
 * for (int step = 0; step < steps; step++) {
 *     optimizer.zeroGrad();
 *     bptt.loss(charLstm::forward).backward();      // forward from the carried state, cross-entropy
 *     optimizer.step();
 * }
 * }</pre>
 */
public final class TruncatedBptt {

    /** A recurrent model: token ids {@code (B, T)} and a state (null: zeros) to logits {@code (B, T, V)} and its final state. */
    @FunctionalInterface
    public interface Model {
        RNNBase.Output forward(Tensor idx, HiddenState state);
    }

    private final int[] ids;
    private final int batch;
    private final int window;
    private final int stripeLength;
    private int position;
    private HiddenState state;

    /**
     * @param ids    the token stream
     * @param batch  number of stripes B, read side by side
     * @param window tokens per window T (the truncation length)
     */
    public TruncatedBptt(int[] ids, int batch, int window) {
        if (batch <= 0 || window <= 0) {
            throw new IllegalArgumentException("TruncatedBptt: batch and window must be positive, got " + batch + ", " + window);
        }
        this.stripeLength = (ids.length - 1) / batch;
        if (stripeLength < window) {
            throw new IllegalArgumentException("TruncatedBptt: " + ids.length + " tokens make " + batch
                    + " stripes of " + stripeLength + " tokens, fewer than one window of " + window);
        }
        this.ids = ids;
        this.batch = batch;
        this.window = window;
    }

    /**
     * Mean cross-entropy of the next-token predictions over the next window of every stripe, from
     * the carried state; afterwards the state is the window's final state, detached.
     */
    public Tensor loss(Model model) {
        if (position + window > stripeLength) {
            position = 0;
            state = null;
        }
        long[] x = new long[batch * window], y = new long[batch * window];
        for (int b = 0; b < batch; b++) {
            int start = b * stripeLength + position;
            for (int t = 0; t < window; t++) {
                x[b * window + t] = ids[start + t];
                y[b * window + t] = ids[start + t + 1];
            }
        }
        position += window;
        RNNBase.Output out = model.forward(Tensor.of(x, batch, window), state);
        HiddenState last = out.state();
        state = new HiddenState(last.h().detach(), last.c() == null ? null : last.c().detach());
        Tensor logits = out.output();
        return F.crossEntropy(logits.reshape(-1, logits.size(-1)), Tensor.of(y, batch * window));
    }

    /** The state the next window starts from (detached), or null at the start of the stripes. */
    public HiddenState state() {
        return state;
    }
}
