package jgrad.nn;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;

import java.util.Arrays;

/**
 * One direction of one LSTM layer over a whole float32 sequence, forward and backward through
 * time by hand (cuDNN's recipe): one graph node instead of a dozen per step. {@link RNNBase} uses it
 * for float32; the composed per-step graph of {@link RecurrentSteps} is the reference a test
 * compares it against (outputs and every gradient, several layers, both directions, initial states).
 *
 * <p>Shapes: x {@code (L, B, in)}, h0 and c0 {@code (B, H)}, W_ih {@code (4H, in)}, W_hh
 * {@code (4H, H)}, biases {@code (4H)}. Rows of a sequence buffer are time steps of B rows each.
 * <pre>
 * forward                                           backward (given dY = dh_t from above, dc_n)
 *   A = X W_ihᵀ + b_ih + b_hh     (L·B, 4H)  1 GEMM   for t from last to first step:
 *   for each step t (reversed: L−1 … 0):                dh = dY[t] + dA[t+1] W_hh       (B, H)  GEMM
 *     A[t] += h_prev W_hhᵀ        (B, 4H)    GEMM         pointwise backward (FusedLstmCell) → dA[t], dc
 *     i, f, g, o, c_t, h_t = pointwise(A[t], c_prev)    dW_hh = dAᵀ H_prev   (4H, H)    1 GEMM
 *                                                       dW_ih = dAᵀ X        (4H, in)   1 GEMM
 *                                                       dX    = dA W_ih      (L·B, in)  1 GEMM
 *                                                       db_ih = db_hh = Σ_rows dA;  dh0, dc0 from the last step
 * </pre>
 * The cache is the activations i, f, g, o (written over A), every h and c, and tanh(c_t). h and c
 * are kept in one buffer each of L + 1 slots so that "the previous h of every step" is one
 * contiguous matrix H_prev: slots 0..L−1 for the forward direction (h0 first), 1..L for the
 * reverse one (h0 last).
 */
final class FusedLstmLayer {
    private FusedLstmLayer() {
    }

    /**
     * Runs the sequence; returns {@code (L + 1, B, H)}: h_t for t = 0..L−1 in time order, then the
     * final cell state c_n. The final hidden state is row L−1 (row 0 when {@code reverse}).
     *
     * @param biasIh null together with biasHh for a layer without biases
     */
    static Tensor forward(Tensor input, Tensor h0, Tensor c0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
                          boolean reverse) {
        int length = input.size(0), batch = input.size(1), in = input.size(2), hidden = h0.size(1);
        int gates = 4 * hidden, rows = length * batch, state = batch * hidden;
        float[] x = FusedRecurrence.values(input);
        float[] wIh = FusedRecurrence.values(weightIh);
        float[] wHh = FusedRecurrence.values(weightHh);

        // A = X W_ihᵀ + b_ih + b_hh: the input's share of every gate at every step, one GEMM.
        GemmBackend gemm = Backends.gemm();
        float[] act = FusedRecurrence.inputGates(gemm, x, rows, in, wIh, gates,
                biasIh == null ? null : FusedRecurrence.values(biasIh), biasIh == null ? null : FusedRecurrence.values(biasHh));

        var slots = new FusedRecurrence.Slots(length, state, reverse);
        float[] hs = slots.buffer(h0);
        float[] cs = slots.buffer(c0);
        float[] tanhC = new float[rows * hidden];
        // W_hhᵀ packed once for every step's h_(t-1) W_hhᵀ, not once per step (per-step packing was 14% of a W5 step)
        GemmBackend.PreparedB recurrentWeights = gemm.prepareB(true, hidden, gates, wHh, 0, hidden);
        for (int s = 0; s < length; s++) {
            int t = slots.time(s);
            recurrentWeights.times(false, batch, hs, slots.previousAt(t), hidden, 1f, act, t * batch * gates, gates);
            FusedLstmCell.forward(batch, hidden, act, t * batch * gates, cs, slots.previousAt(t),
                    cs, slots.at(t), tanhC, t * state, hs, slots.at(t));
        }

        Tensor out = Tensor.zeros(DType.FLOAT32, length + 1, batch, hidden);
        float[] y = FusedLstmCell.array(out);
        System.arraycopy(hs, slots.outputsAt(), y, 0, length * state);
        System.arraycopy(cs, slots.at(slots.time(length - 1)), y, length * state, state);   // c_n: after the last step

        return Grad.record(out, "FusedLstmLayerBackward", gradOutput -> {
            float[] dy = FusedLstmCell.array(gradOutput.contiguous().float32());
            float[] dAct = new float[rows * gates];
            float[] dh = new float[state];
            float[] dc = Arrays.copyOfRange(dy, length * state, (length + 1) * state);   // dc_n
            float[] dhRecurrent = new float[state];                                     // dA[t+1] W_hh
            GemmBackend backwardGemm = Backends.gemm();
            GemmBackend.PreparedB recurrentWeightsT = backwardGemm.prepareB(false, gates, hidden, wHh, 0, hidden);   // W_hh, packed once
            for (int s = length - 1; s >= 0; s--) {
                int t = slots.time(s);
                for (int j = 0; j < state; j++) {
                    dh[j] = dy[t * state + j] + dhRecurrent[j];
                }
                FusedLstmCell.backward(batch, hidden, act, t * batch * gates, cs, slots.previousAt(t), tanhC, t * state,
                        dh, 0, dc, 0, dAct, t * batch * gates);
                recurrentWeightsT.times(false, batch, dAct, t * batch * gates, gates, 0f, dhRecurrent, 0, hidden);
            }
            return FusedRecurrence.gradients(backwardGemm, length, batch, in, hidden, gates, x, wIh, hs, slots.previousAllAt(),
                    dAct, dAct, biasIh != null, Tensor.of(dhRecurrent, batch, hidden), Tensor.of(dc, batch, hidden));
        }, FusedRecurrence.graphInputs(biasIh, biasHh, input, h0, c0, weightIh, weightHh));
    }
}
