package jgrad.nn;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Storage;
import jgrad.Tensor;
import jgrad.kernels.ElementwiseKernels;
import jgrad.kernels.ElementwiseKernels.UnaryOp;
import jgrad.kernels.FloatMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pointwise part of an LSTM step for float32, forward and backward by hand: one graph node
 * instead of about fifteen small ones over strided gate views. The matrix products stay outside
 * (one per input, all gates at once); {@link RecurrentSteps} is the composed reference a test
 * compares this against. {@link FusedLstmLayer} runs the same two kernels over a whole sequence.
 * <pre>
 * forward (gates a = [a_i a_f a_g a_o], (B, 4H))     backward (given dh', dc' from later steps)
 *   i = σ(a_i)  f = σ(a_f)  g = tanh(a_g)  o = σ(a_o)    dc  = dc' + dh' ∘ o ∘ (1 − tanh²(c'))
 *   c' = f ∘ c + i ∘ g                                   da_i = dc ∘ g ∘ i(1 − i)     da_f = dc ∘ c ∘ f(1 − f)
 *   h' = o ∘ tanh(c')                                    da_g = dc ∘ i ∘ (1 − g²)     da_o = dh' ∘ tanh(c') ∘ o(1 − o)
 *                                                        dc_prev = dc ∘ f
 * </pre>
 * The result is {@code [h'; c']} of shape {@code (2, B, H)}; the caller takes the two halves as views.
 */
final class FusedLstmCell {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FusedLstmCell() {
    }

    /** gates {@code (B, 4H)} pre-activation, c {@code (B, H)}; returns {@code (2, B, H)} = [h'; c']. */
    static Tensor step(Tensor gates, Tensor c) {
        int batch = c.size(0), hidden = c.size(1), size = batch * hidden;
        float[] act = array(gates.detach().contiguous()).clone();   // becomes the cache: i, f, g, o
        float[] cPrev = array(c.detach().contiguous());
        float[] tanhC = new float[size];                              // cache: tanh(c')
        Tensor out = Tensor.zeros(DType.FLOAT32, 2, batch, hidden);
        float[] y = array(out);
        forward(batch, hidden, act, 0, cPrev, 0, y, size, tanhC, 0, y, 0);
        return Grad.record(out, "FusedLstmCellBackward", gradOutput -> {
            float[] dy = array(gradOutput.contiguous().float32());
            Tensor dGates = Tensor.zeros(DType.FLOAT32, batch, 4 * hidden);
            Tensor dC = Tensor.zeros(DType.FLOAT32, batch, hidden);
            float[] dc = array(dC);
            System.arraycopy(dy, size, dc, 0, size);
            backward(batch, hidden, act, 0, cPrev, 0, tanhC, 0, dy, 0, dc, 0, array(dGates), 0);
            return new Tensor[] {dGates, dC};
        }, gates, c);
    }

    /**
     * Forward pointwise kernel over B rows: {@code gates (B, 4H)} at {@code gatesAt} holds the
     * pre-activations and is overwritten with i, f, g, o; writes c' and tanh(c') and h', each
     * {@code (B, H)} at its offset.
     */
    static void forward(int batch, int hidden, float[] gates, int gatesAt, float[] cPrev, int cPrevAt,
                        float[] cNext, int cNextAt, float[] tanhC, int tanhAt, float[] h, int hAt) {
        int vectorEnd = S.loopBound(hidden);
        for (int b = 0; b < batch; b++) {
            int gateRow = gatesAt + b * 4 * hidden, row = b * hidden;
            // The gates' activations first, each a loop of its own over the row (i and f are side by
            // side), then the cell update with its one tanh. One loop with all five exp-based functions
            // grew past what C2 inlines: under -XX:UseAVX=2 parts of FloatMath then ran as the Vector
            // API's unvectorised fallback. Same functions on the same values, so the same bits.
            ElementwiseKernels.unary(UnaryOp.SIGMOID, gates, gateRow, gates, gateRow, 2 * hidden);          // i, f
            ElementwiseKernels.unary(UnaryOp.TANH, gates, gateRow + 2 * hidden, gates, gateRow + 2 * hidden, hidden); // g
            ElementwiseKernels.unary(UnaryOp.SIGMOID, gates, gateRow + 3 * hidden, gates, gateRow + 3 * hidden, hidden); // o
            for (int j = 0; j < vectorEnd; j += S.length()) {
                var i = FloatVector.fromArray(S, gates, gateRow + j);
                var f = FloatVector.fromArray(S, gates, gateRow + hidden + j);
                var g = FloatVector.fromArray(S, gates, gateRow + 2 * hidden + j);
                var o = FloatVector.fromArray(S, gates, gateRow + 3 * hidden + j);
                var c = f.mul(FloatVector.fromArray(S, cPrev, cPrevAt + row + j)).add(i.mul(g));
                var t = FloatMath.tanh(c);
                c.intoArray(cNext, cNextAt + row + j);
                t.intoArray(tanhC, tanhAt + row + j);
                o.mul(t).intoArray(h, hAt + row + j);
            }
            for (int j = vectorEnd; j < hidden; j++) {   // the tail, with FloatMath's scalar twins: the same bits
                float i = gates[gateRow + j], f = gates[gateRow + hidden + j];
                float g = gates[gateRow + 2 * hidden + j], o = gates[gateRow + 3 * hidden + j];
                float c = f * cPrev[cPrevAt + row + j] + i * g;
                float t = FloatMath.tanh(c);
                cNext[cNextAt + row + j] = c;
                tanhC[tanhAt + row + j] = t;
                h[hAt + row + j] = o * t;
            }
        }
    }

    /**
     * Backward pointwise kernel over B rows: from the cached activations {@code act (B, 4H)},
     * c and tanh(c'), and the gradients dh' and dc' {@code (B, H)}, writes {@code dGates (B, 4H)}
     * and overwrites {@code dc} with dc_prev.
     */
    static void backward(int batch, int hidden, float[] act, int actAt, float[] cPrev, int cPrevAt, float[] tanhC, int tanhAt,
                         float[] dhNext, int dhAt, float[] dc, int dcAt, float[] dGates, int dGatesAt) {
        for (int b = 0; b < batch; b++) {
            int gateRow = b * 4 * hidden, row = b * hidden;
            for (int j = 0; j < hidden; j++) {
                int a = actAt + gateRow + j;
                float i = act[a], f = act[a + hidden], g = act[a + 2 * hidden], o = act[a + 3 * hidden];
                float t = tanhC[tanhAt + row + j];
                float dh = dhNext[dhAt + row + j];
                float dcTotal = dc[dcAt + row + j] + dh * o * (1 - t * t);
                int d = dGatesAt + gateRow + j;
                dGates[d] = dcTotal * g * i * (1 - i);
                dGates[d + hidden] = dcTotal * cPrev[cPrevAt + row + j] * f * (1 - f);
                dGates[d + 2 * hidden] = dcTotal * i * (1 - g * g);
                dGates[d + 3 * hidden] = dh * t * o * (1 - o);
                dc[dcAt + row + j] = dcTotal * f;
            }
        }
    }

    /** The float array of a contiguous float32 tensor that starts at offset 0 (fresh or made contiguous). */
    static float[] array(Tensor t) {
        if (t.storageOffset() != 0 || !t.isContiguous() || t.storage().length() != t.numel()) {
            t = t.contiguous().copy();
        }
        return ((Storage.F32) t.storage()).array();
    }
}
