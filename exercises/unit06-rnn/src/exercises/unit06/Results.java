package exercises.unit06;

/** The values the exercise returns, as plain records (given). */
public final class Results {
    private Results() {
    }

    /** An LSTM's state after one step: the hidden state h (B, H) and the cell state c (B, H). */
    public record LstmState(double[][] h, double[][] c) {
    }

    /**
     * The gradients of backprop through time for a one-layer tanh RNN: dL/dx_t for every step
     * (T, B, in), dL/dh_0 (B, H), and the parameter gradients dL/dW_ih (H, in), dL/dW_hh (H, H),
     * dL/db_ih (H), dL/db_hh (H).
     */
    public record RnnGradients(double[][][] inputGrads, double[][] initialHiddenGrad, double[][] weightIhGrad,
                               double[][] weightHhGrad, double[] biasIhGrad, double[] biasHhGrad) {
    }
}
