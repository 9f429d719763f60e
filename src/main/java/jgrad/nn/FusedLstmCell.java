package jgrad.nn;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Storage;
import jgrad.Tensor;

/**
 * The pointwise part of an LSTM step for float32, forward and backward by hand: one graph node
 * instead of about fifteen small ones over strided gate views. The matrix products stay outside
 * (one per input, all gates at once); {@link RecurrentSteps} is the composed reference a test
 * compares this against.
 * <pre>
 * forward (gates a = [a_i a_f a_g a_o], (B, 4H))     backward (given dh', dc' from later steps)
 *   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)    dc  = dc' + dh' ∘ o ∘ (1 − tanh²(c'))
 *   c' = f ∘ c + i ∘ g                                   da_i = dc ∘ g ∘ i(1 − i)     da_f = dc ∘ c ∘ f(1 − f)
 *   h' = o ∘ tanh(c')                                    da_g = dc ∘ i ∘ (1 − g²)     da_o = dh' ∘ tanh(c') ∘ o(1 − o)
 *                                                        dc_prev = dc ∘ f
 * </pre>
 * The result is {@code [h' | c']} of shape {@code (B, 2H)}; the caller takes the two halves as views.
 */
final class FusedLstmCell {
    private FusedLstmCell() {
    }

    static boolean applies(Tensor gates, Tensor c) {
        return gates.dtype() == DType.FLOAT32 && c.dtype() == DType.FLOAT32 && gates.dim() == 2 && c.dim() == 2;
    }

    /** gates {@code (B, 4H)} pre-activation, c {@code (B, H)}; returns {@code (B, 2H)} = [h' | c']. */
    static Tensor step(Tensor gates, Tensor c) {
        int batch = c.size(0), hidden = c.size(1);
        float[] a = array(gates.detach().contiguous());
        float[] cPrev = array(c.detach().contiguous());
        float[] act = new float[batch * 4 * hidden];      // cache: i, f, g, o after their nonlinearities
        float[] tanhC = new float[batch * hidden];        // cache: tanh(c')
        Tensor out = Tensor.zeros(DType.FLOAT32, batch, 2 * hidden);
        float[] y = array(out);
        for (int b = 0; b < batch; b++) {
            int gateRow = b * 4 * hidden, row = b * hidden, outRow = b * 2 * hidden;
            for (int j = 0; j < hidden; j++) {
                float i = sigmoid(a[gateRow + j]);
                float f = sigmoid(a[gateRow + hidden + j]);
                float g = (float) Math.tanh(a[gateRow + 2 * hidden + j]);
                float o = sigmoid(a[gateRow + 3 * hidden + j]);
                float cNext = f * cPrev[row + j] + i * g;
                float t = (float) Math.tanh(cNext);
                act[gateRow + j] = i;
                act[gateRow + hidden + j] = f;
                act[gateRow + 2 * hidden + j] = g;
                act[gateRow + 3 * hidden + j] = o;
                tanhC[row + j] = t;
                y[outRow + j] = o * t;
                y[outRow + hidden + j] = cNext;
            }
        }
        return Grad.record(out, "FusedLstmCellBackward", gradOutput -> {
            float[] dy = array(gradOutput.contiguous().float32());
            Tensor dGates = Tensor.zeros(DType.FLOAT32, batch, 4 * hidden);
            Tensor dC = Tensor.zeros(DType.FLOAT32, batch, hidden);
            float[] da = array(dGates), dcPrev = array(dC);
            for (int b = 0; b < batch; b++) {
                int gateRow = b * 4 * hidden, row = b * hidden, outRow = b * 2 * hidden;
                for (int j = 0; j < hidden; j++) {
                    float i = act[gateRow + j], f = act[gateRow + hidden + j];
                    float g = act[gateRow + 2 * hidden + j], o = act[gateRow + 3 * hidden + j];
                    float t = tanhC[row + j];
                    float dh = dy[outRow + j];
                    float dc = dy[outRow + hidden + j] + dh * o * (1 - t * t);
                    da[gateRow + j] = dc * g * i * (1 - i);
                    da[gateRow + hidden + j] = dc * cPrev[row + j] * f * (1 - f);
                    da[gateRow + 2 * hidden + j] = dc * i * (1 - g * g);
                    da[gateRow + 3 * hidden + j] = dh * t * o * (1 - o);
                    dcPrev[row + j] = dc * f;
                }
            }
            return new Tensor[] {dGates, dC};
        }, gates, c);
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    private static float[] array(Tensor t) {
        if (t.storageOffset() != 0 || !t.isContiguous()) {
            t = t.contiguous().copy();
        }
        return ((Storage.F32) t.storage()).array();
    }
}
