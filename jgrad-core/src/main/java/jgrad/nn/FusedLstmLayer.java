package jgrad.nn;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        float[] x = FusedLstmCell.array(input.detach().contiguous());
        float[] wIh = FusedLstmCell.array(weightIh.detach().contiguous());
        float[] wHh = FusedLstmCell.array(weightHh.detach().contiguous());

        // A = X W_ihᵀ + b_ih + b_hh: the input's share of every gate at every step, one GEMM.
        float[] act = new float[rows * gates];
        if (biasIh != null) {
            float[] bIh = FusedLstmCell.array(biasIh.detach().contiguous());
            float[] bHh = FusedLstmCell.array(biasHh.detach().contiguous());
            for (int j = 0; j < gates; j++) {
                act[j] = bIh[j] + bHh[j];
            }
            for (int r = 1; r < rows; r++) {
                System.arraycopy(act, 0, act, r * gates, gates);
            }
        }
        GemmBackend gemm = Backends.gemm();
        gemm.sgemm(false, true, rows, gates, in, x, 0, in, wIh, 0, in, biasIh == null ? 0f : 1f, act, 0, gates);

        int firstSlot = reverse ? 0 : 1;                  // slot of h_t is t + firstSlot; h0 sits in the other end slot
        int initialSlot = reverse ? length : 0;
        float[] hs = new float[(length + 1) * state];
        float[] cs = new float[(length + 1) * state];
        float[] tanhC = new float[rows * hidden];
        System.arraycopy(FusedLstmCell.array(h0.detach().contiguous()), 0, hs, initialSlot * state, state);
        System.arraycopy(FusedLstmCell.array(c0.detach().contiguous()), 0, cs, initialSlot * state, state);
        for (int s = 0; s < length; s++) {
            int t = reverse ? length - 1 - s : s;
            int slot = t + firstSlot, previous = reverse ? slot + 1 : slot - 1;
            gemm.sgemm(false, true, batch, gates, hidden, hs, previous * state, hidden, wHh, 0, hidden,
                    1f, act, t * batch * gates, gates);
            FusedLstmCell.forward(batch, hidden, act, t * batch * gates, cs, previous * state,
                    cs, slot * state, tanhC, t * state, hs, slot * state);
        }

        Tensor out = Tensor.zeros(DType.FLOAT32, length + 1, batch, hidden);
        float[] y = FusedLstmCell.array(out);
        System.arraycopy(hs, firstSlot * state, y, 0, length * state);
        int lastSlot = reverse ? firstSlot : length - 1 + firstSlot;
        System.arraycopy(cs, lastSlot * state, y, length * state, state);

        List<Tensor> inputs = new ArrayList<>(List.of(input, h0, c0, weightIh, weightHh));
        if (biasIh != null) {
            inputs.add(biasIh);
            inputs.add(biasHh);
        }
        return Grad.record(out, "FusedLstmLayerBackward", gradOutput -> {
            float[] dy = FusedLstmCell.array(gradOutput.contiguous().float32());
            float[] dAct = new float[rows * gates];
            float[] dh = new float[state];
            float[] dc = Arrays.copyOfRange(dy, length * state, (length + 1) * state);   // dc_n
            float[] dhRecurrent = new float[state];                                     // dA[t+1] W_hh
            GemmBackend backwardGemm = Backends.gemm();
            for (int s = length - 1; s >= 0; s--) {
                int t = reverse ? length - 1 - s : s;
                int slot = t + firstSlot, previous = reverse ? slot + 1 : slot - 1;
                for (int j = 0; j < state; j++) {
                    dh[j] = dy[t * state + j] + dhRecurrent[j];
                }
                FusedLstmCell.backward(batch, hidden, act, t * batch * gates, cs, previous * state, tanhC, t * state,
                        dh, 0, dc, 0, dAct, t * batch * gates);
                backwardGemm.sgemm(false, false, batch, hidden, gates, dAct, t * batch * gates, gates, wHh, 0, hidden,
                        0f, dhRecurrent, 0, hidden);
            }
            Tensor dInput = Tensor.zeros(DType.FLOAT32, length, batch, in);
            Tensor dWeightIh = Tensor.zeros(DType.FLOAT32, gates, in);
            Tensor dWeightHh = Tensor.zeros(DType.FLOAT32, gates, hidden);
            int previousFirst = reverse ? 1 : 0;          // H_prev: the slots of the previous h of t = 0..L−1
            backwardGemm.sgemm(true, false, gates, hidden, rows, dAct, 0, gates, hs, previousFirst * state, hidden,
                    0f, FusedLstmCell.array(dWeightHh), 0, hidden);
            backwardGemm.sgemm(true, false, gates, in, rows, dAct, 0, gates, x, 0, in, 0f, FusedLstmCell.array(dWeightIh), 0, in);
            backwardGemm.sgemm(false, false, rows, in, gates, dAct, 0, gates, wIh, 0, in, 0f, FusedLstmCell.array(dInput), 0, in);
            var grads = new ArrayList<>(List.of(dInput, Tensor.of(dhRecurrent, batch, hidden), Tensor.of(dc, batch, hidden),
                    dWeightIh, dWeightHh));
            if (biasIh != null) {
                float[] dBias = new float[gates];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < gates; j++) {
                        dBias[j] += dAct[r * gates + j];
                    }
                }
                grads.add(Tensor.of(dBias, gates));
                grads.add(Tensor.of(dBias, gates));
            }
            return grads.toArray(Tensor[]::new);
        }, inputs.toArray(Tensor[]::new));
    }
}
