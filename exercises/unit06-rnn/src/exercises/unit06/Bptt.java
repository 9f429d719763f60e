package exercises.unit06;

/**
 * Unit 6 exercise, task 4: backpropagation through time for a one-layer tanh RNN, by hand.
 *
 * <p>The forward pass ran, for t = 1 .. T,
 * <pre>
 *   a_t = x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh        (B, H)
 *   h_t = tanh(a_t)
 * </pre>
 * and the loss L reads every h_t (as a language model reads every step's output). You are given
 * the upstream gradients {@code dL/dh_t} that arrive from the loss directly at each step.
 */
public final class Bptt {
    private Bptt() {
    }

    /**
     * Task 4: the gradients of L with respect to the inputs, the initial state and the parameters.
     * Walk the steps backwards, carrying the gradient that reaches h_t from the later steps:
     * <pre>
     *   dh   = gradOutputs[t] + (what came back from step t+1; zero at t = T)
     *   da_t = dh * (1 - h_t^2)                              through tanh
     *   dW_ih += da_t^T x_t     dW_hh += da_t^T h_{t-1}     db_ih += sum over rows of da_t  (db_hh the same)
     *   dx_t  = da_t W_ih       and back to step t-1:  da_t W_hh
     * </pre>
     * What comes back from step 1 is dL/dh_0.
     *
     * @param inputs      x_1 .. x_T, shape (T, B, in)
     * @param states      h_0 .. h_T, shape (T + 1, B, H) — the forward pass's cache; states[0] is h_0
     * @param wIh         (H, in)
     * @param wHh         (H, H)
     * @param gradOutputs dL/dh_1 .. dL/dh_T arriving directly from the loss, shape (T, B, H)
     * @return dL/dx_t (T, B, in), dL/dh_0 (B, H), dL/dW_ih, dL/dW_hh, dL/db_ih, dL/db_hh
     */
    public static Results.RnnGradients rnnBackward(double[][][] inputs, double[][][] states, double[][] wIh, double[][] wHh,
                                                   double[][][] gradOutputs) {
        // TODO(task 4): one backward loop over t = T .. 1, accumulating the parameter gradients.
        throw new UnsupportedOperationException("TODO task 4");
    }
}
