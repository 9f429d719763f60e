package jgrad.nn;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.kernels.ElementwiseKernels;
import jgrad.kernels.ElementwiseKernels.BinaryOp;
import jgrad.kernels.ElementwiseKernels.UnaryOp;
import jgrad.kernels.FloatMath;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One direction of one GRU layer over a whole float32 sequence, forward and backward through time
 * by hand, like {@link FusedLstmLayer}: one graph node instead of about fifteen per step. The
 * composed per-step graph of {@link RecurrentSteps} (PyTorch's equations) is the reference a test
 * compares it against.
 *
 * <p>Shapes: x {@code (L, B, in)}, h0 {@code (B, H)}, W_ih {@code (3H, in)}, W_hh {@code (3H, H)},
 * biases {@code (3H)}; gates in PyTorch's order r, z, n. The reset gate multiplies only the
 * hidden share of n, so the two shares are kept apart: A (input) and G (hidden).
 * <pre>
 * forward                                            backward (dh = dY[t] + dh from step t+1)
 *   A = X W_ihᵀ + b_ih            (L·B, 3H)  1 GEMM    dn = dh ∘ (1 − z)      dz = dh ∘ (h_prev − n)
 *   for each step t:                                   da_n = dn ∘ (1 − n²)    dG_n = da_n ∘ r
 *     G[t] = h_prev W_hhᵀ + b_hh  (B, 3H)    GEMM      da_r = da_n ∘ G_n ∘ r(1 − r)   da_z = dz ∘ z(1 − z)
 *     r = σ(A_r + G_r)   z = σ(A_z + G_z)              dA = [da_r, da_z, da_n]   dG = [da_r, da_z, dG_n]
 *     n = tanh(A_n + r ∘ G_n)                          dh_prev = dh ∘ z + dG[t] W_hh            GEMM
 *     h = n + z ∘ (h_prev − n)   (= (1 − z) n + z h_prev)
 * then dW_ih = dAᵀ X, dW_hh = dGᵀ H_prev, dX = dA W_ih (one GEMM each), db_ih = Σ dA, db_hh = Σ dG.
 * </pre>
 * The cache is r, z, n (written over A), G (for G_n) and every h, in L + 1 slots as in the LSTM layer.
 */
final class FusedGruLayer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FusedGruLayer() {
    }

    /**
     * Runs the sequence; returns {@code (L, B, H)}: h_t for t = 0..L−1 in time order. The final
     * hidden state is row L−1 (row 0 when {@code reverse}).
     *
     * @param biasIh null together with biasHh for a layer without biases
     */
    static Tensor forward(Tensor input, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
                          boolean reverse) {
        int length = input.size(0), batch = input.size(1), in = input.size(2), hidden = h0.size(1);
        int gates = 3 * hidden, rows = length * batch, state = batch * hidden, block = batch * gates;
        float[] x = FusedRecurrence.values(input);
        float[] wIh = FusedRecurrence.values(weightIh);
        float[] wHh = FusedRecurrence.values(weightHh);
        float[] bHh = biasHh == null ? null : FusedRecurrence.values(biasHh);

        GemmBackend gemm = Backends.gemm();
        float[] act = FusedRecurrence.inputGates(gemm, x, rows, in, wIh, gates,
                biasIh == null ? null : FusedRecurrence.values(biasIh), null);
        float[] hiddenGates = new float[rows * gates];
        if (bHh != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bHh, 0, hiddenGates, r * gates, gates);
            }
        }
        var slots = new FusedRecurrence.Slots(length, state, reverse);
        float[] hs = slots.buffer(h0);
        // W_hhᵀ packed once for all steps, as in FusedLstmLayer
        GemmBackend.PreparedB recurrentWeights = gemm.prepareB(true, hidden, gates, wHh, 0, hidden);
        for (int s = 0; s < length; s++) {
            int t = slots.time(s);
            recurrentWeights.times(false, batch, hs, slots.previousAt(t), hidden, bHh == null ? 0f : 1f, hiddenGates, t * block, gates);
            stepForward(batch, hidden, act, hiddenGates, t * block, hs, slots.previousAt(t), slots.at(t));
        }

        Tensor out = Tensor.zeros(DType.FLOAT32, length, batch, hidden);
        System.arraycopy(hs, slots.outputsAt(), FusedLstmCell.array(out), 0, length * state);

        return Grad.record(out, "FusedGruLayerBackward", gradOutput -> {
            float[] dy = FusedLstmCell.array(gradOutput.contiguous().float32());
            float[] dAct = new float[rows * gates];
            float[] dHidden = new float[rows * gates];
            float[] dh = new float[state];
            float[] dhRecurrent = new float[state];                        // dh_prev of the step after t
            GemmBackend backwardGemm = Backends.gemm();
            GemmBackend.PreparedB recurrentWeightsT = backwardGemm.prepareB(false, gates, hidden, wHh, 0, hidden);   // W_hh, packed once
            for (int s = length - 1; s >= 0; s--) {
                int t = slots.time(s);
                for (int j = 0; j < state; j++) {
                    dh[j] = dy[t * state + j] + dhRecurrent[j];
                }
                stepBackward(batch, hidden, act, hiddenGates, t * block, hs, slots.previousAt(t), dh,
                        dAct, dHidden, dhRecurrent);
                recurrentWeightsT.times(false, batch, dHidden, t * block, gates, 1f, dhRecurrent, 0, hidden);
            }
            return FusedRecurrence.gradients(backwardGemm, length, batch, in, hidden, gates, x, wIh, hs, slots.previousAllAt(),
                    dAct, dHidden, biasIh != null, Tensor.of(dhRecurrent, batch, hidden));
        }, FusedRecurrence.graphInputs(biasIh, biasHh, input, h0, weightIh, weightHh));
    }

    /**
     * The pointwise forward of one step over B rows at {@code at} of the gate buffers: overwrites A's
     * r, z, n slots with the activations and writes h into {@code hs} at {@code hAt}.
     */
    private static void stepForward(int batch, int hidden, float[] act, float[] hiddenGates, int at, float[] hs,
                                    int hPrevAt, int hAt) {
        int vectorEnd = S.loopBound(hidden);
        for (int b = 0; b < batch; b++) {
            int g = at + b * 3 * hidden, row = b * hidden;
            // r and z first (side by side in the row: A + G, then the sigmoid in a loop of its own), then
            // n and h with their one tanh. One loop with all three exp-based functions grew past what C2
            // inlines (see FusedLstmCell.forward). The same float operations on the same values: the same bits.
            ElementwiseKernels.binary(BinaryOp.ADD, act, g, hiddenGates, g, act, g, 2 * hidden);
            ElementwiseKernels.unary(UnaryOp.SIGMOID, act, g, act, g, 2 * hidden);
            for (int j = 0; j < vectorEnd; j += S.length()) {
                var r = FloatVector.fromArray(S, act, g + j);
                var z = FloatVector.fromArray(S, act, g + hidden + j);
                var n = FloatMath.tanh(FloatVector.fromArray(S, act, g + 2 * hidden + j)
                        .add(r.mul(FloatVector.fromArray(S, hiddenGates, g + 2 * hidden + j))));
                var hPrev = FloatVector.fromArray(S, hs, hPrevAt + row + j);
                n.intoArray(act, g + 2 * hidden + j);
                n.add(z.mul(hPrev.sub(n))).intoArray(hs, hAt + row + j);
            }
            for (int j = vectorEnd; j < hidden; j++) {   // the tail, with FloatMath's scalar twin: the same bits
                float r = act[g + j];
                float z = act[g + hidden + j];
                float n = FloatMath.tanh(act[g + 2 * hidden + j] + r * hiddenGates[g + 2 * hidden + j]);
                act[g + 2 * hidden + j] = n;
                hs[hAt + row + j] = n + z * (hs[hPrevAt + row + j] - n);
            }
        }
    }

    /**
     * The pointwise backward of one step: from dh {@code (B, H)} writes the step's rows of dA and dG
     * and sets {@code dhPrev} to dh ∘ z (the GEMM with W_hh adds the rest).
     */
    private static void stepBackward(int batch, int hidden, float[] act, float[] hiddenGates, int at, float[] hs, int hPrevAt,
                                     float[] dh, float[] dAct, float[] dHidden, float[] dhPrev) {
        for (int b = 0; b < batch; b++) {
            int g = at + b * 3 * hidden, row = b * hidden;
            for (int j = 0; j < hidden; j++) {
                float r = act[g + j], z = act[g + hidden + j], n = act[g + 2 * hidden + j];
                float d = dh[row + j];
                float dn = d * (1 - z) * (1 - n * n);
                float dr = dn * hiddenGates[g + 2 * hidden + j] * r * (1 - r);
                float dz = d * (hs[hPrevAt + row + j] - n) * z * (1 - z);
                dAct[g + j] = dr;
                dAct[g + hidden + j] = dz;
                dAct[g + 2 * hidden + j] = dn;
                dHidden[g + j] = dr;
                dHidden[g + hidden + j] = dz;
                dHidden[g + 2 * hidden + j] = dn * r;
                dhPrev[row + j] = d * z;
            }
        }
    }
}
