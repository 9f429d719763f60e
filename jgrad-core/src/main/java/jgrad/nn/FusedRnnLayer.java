package jgrad.nn;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.kernels.ElementwiseKernels;
import jgrad.kernels.FloatMath;
import jgrad.nativ.Backends;
import jgrad.nativ.GemmBackend;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One direction of one Elman RNN layer (tanh or ReLU) over a whole float32 sequence, forward and
 * backward through time by hand, like {@link FusedLstmLayer}: one graph node instead of three per
 * step. {@link RecurrentSteps} holds the composed reference.
 *
 * <p>Shapes: x {@code (L, B, in)}, h0 {@code (B, H)}, W_ih {@code (H, in)}, W_hh {@code (H, H)},
 * biases {@code (H)}.
 * <pre>
 * forward                                          backward (dh = dY[t] + dh from step t+1)
 *   A = X W_ihᵀ + b_ih + b_hh  (L·B, H)  1 GEMM      dA[t] = dh ∘ (1 − h²)     (tanh)
 *   for each step t:                                        dh ∘ [h &gt; 0]      (ReLU)
 *     A[t] += h_prev W_hhᵀ      (B, H)    GEMM        dh_prev = dA[t] W_hh                 GEMM
 *     h = tanh(A[t])  or  max(A[t], 0)
 * then dW_ih = dAᵀ X, dW_hh = dAᵀ H_prev, dX = dA W_ih (one GEMM each), db_ih = db_hh = Σ dA.
 * </pre>
 */
final class FusedRnnLayer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FusedRnnLayer() {
    }

    /**
     * Runs the sequence; returns {@code (L, B, H)}: h_t for t = 0..L−1 in time order. The final
     * hidden state is row L−1 (row 0 when {@code reverse}).
     *
     * @param biasIh null together with biasHh for a layer without biases
     */
    static Tensor forward(Tensor input, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
                          boolean relu, boolean reverse) {
        int length = input.size(0), batch = input.size(1), in = input.size(2), hidden = h0.size(1);
        int rows = length * batch, state = batch * hidden;
        float[] x = FusedRecurrence.values(input);
        float[] wIh = FusedRecurrence.values(weightIh);
        float[] wHh = FusedRecurrence.values(weightHh);

        GemmBackend gemm = Backends.gemm();
        float[] act = FusedRecurrence.inputGates(gemm, x, rows, in, wIh, hidden,
                biasIh == null ? null : FusedRecurrence.values(biasIh), biasIh == null ? null : FusedRecurrence.values(biasHh));
        var slots = new FusedRecurrence.Slots(length, state, reverse);
        float[] hs = slots.buffer(h0);
        // W_hhᵀ packed once for all steps, as in FusedLstmLayer
        GemmBackend.PreparedB recurrentWeights = gemm.prepareB(true, hidden, hidden, wHh, 0, hidden);
        for (int s = 0; s < length; s++) {
            int t = slots.time(s);
            recurrentWeights.times(false, batch, hs, slots.previousAt(t), hidden, 1f, act, t * state, hidden);
            activate(act, t * state, hs, slots.at(t), state, relu);
        }

        Tensor out = Tensor.zeros(DType.FLOAT32, length, batch, hidden);
        System.arraycopy(hs, slots.outputsAt(), FusedLstmCell.array(out), 0, length * state);

        return Grad.record(out, relu ? "FusedRnnReluLayerBackward" : "FusedRnnTanhLayerBackward", gradOutput -> {
            float[] dy = FusedLstmCell.array(gradOutput.contiguous().float32());
            float[] dAct = new float[rows * hidden];
            float[] dhRecurrent = new float[state];
            GemmBackend backwardGemm = Backends.gemm();
            GemmBackend.PreparedB recurrentWeightsT = backwardGemm.prepareB(false, hidden, hidden, wHh, 0, hidden);   // W_hh, packed once
            for (int s = length - 1; s >= 0; s--) {
                int t = slots.time(s), at = slots.at(t);
                for (int j = 0; j < state; j++) {
                    float h = hs[at + j];
                    float dh = dy[t * state + j] + dhRecurrent[j];
                    dAct[t * state + j] = relu ? (h > 0 ? dh : 0f) : dh * (1 - h * h);
                }
                recurrentWeightsT.times(false, batch, dAct, t * state, hidden, 0f, dhRecurrent, 0, hidden);
            }
            return FusedRecurrence.gradients(backwardGemm, length, batch, in, hidden, hidden, x, wIh, hs, slots.previousAllAt(),
                    dAct, dAct, biasIh != null, Tensor.of(dhRecurrent, batch, hidden));
        }, FusedRecurrence.graphInputs(biasIh, biasHh, input, h0, weightIh, weightHh));
    }

    /**
     * {@code h = tanh(a)} or {@code relu(a)} over {@code count} values: ReLU is the element-wise
     * kernel's (the same bits as {@code Tensor.relu}); tanh a vector at a time, {@link FloatMath}'s
     * tanh giving the tail the same bits as the lanes.
     */
    private static void activate(float[] a, int aAt, float[] h, int hAt, int count, boolean relu) {
        if (relu) {
            ElementwiseKernels.relu(a, aAt, h, hAt, count);
            return;
        }
        int vectorEnd = S.loopBound(count);
        for (int j = 0; j < vectorEnd; j += S.length()) {
            FloatMath.tanh(FloatVector.fromArray(S, a, aAt + j)).intoArray(h, hAt + j);
        }
        for (int j = vectorEnd; j < count; j++) {
            h[hAt + j] = FloatMath.tanh(a[aAt + j]);
        }
    }
}
