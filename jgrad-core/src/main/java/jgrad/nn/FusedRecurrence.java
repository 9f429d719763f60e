package jgrad.nn;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.nativ.GemmBackend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The matrix products every fused float32 recurrent layer ({@link FusedLstmLayer},
 * {@link FusedGruLayer}, {@link FusedRnnLayer}) does outside its time loop, written once:
 * the input's share of every gate at every step as one GEMM before the loop, and the weight,
 * bias and input gradients as one GEMM each after backprop through time.
 *
 * <p>Shapes: X {@code (L·B, in)}, W_ih {@code (G·H, in)}, W_hh {@code (G·H, H)}; a gate buffer
 * is {@code (L·B, G·H)}, row block t holding step t.
 */
final class FusedRecurrence {
    private FusedRecurrence() {
    }

    /**
     * Where a layer keeps h (and c) of every step: one buffer of L + 1 slots of {@code (B, H)}
     * ({@code state} = B·H floats each), so that "the previous h of every step", H_prev, is one
     * contiguous matrix. Forward: h0 in slot 0, h_t in slot t + 1. Reverse (the sequence read from
     * its end): h_t in slot t, h0 in slot L.
     */
    record Slots(int length, int state, boolean reverse) {
        /** The time step the s-th iteration of the recurrence works on. */
        int time(int s) {
            return reverse ? length - 1 - s : s;
        }

        /** Offset of the state after step t. */
        int at(int t) {
            return (reverse ? t : t + 1) * state;
        }

        /** Offset of the state step t starts from. */
        int previousAt(int t) {
            return (reverse ? t + 1 : t) * state;
        }

        /** Offset of h_0 … h_{L−1} in time order, L·state floats. */
        int outputsAt() {
            return reverse ? 0 : state;
        }

        /** Offset of H_prev, the state each step started from, in time order. */
        int previousAllAt() {
            return reverse ? state : 0;
        }

        /** A new buffer with {@code initial} (B, H) in its slot. */
        float[] buffer(Tensor initial) {
            float[] buffer = new float[(length + 1) * state];
            System.arraycopy(values(initial), 0, buffer, (reverse ? length : 0) * state, state);
            return buffer;
        }
    }

    /**
     * {@code X W_ihᵀ + b1 + b2} as a new {@code (rows, gates)} buffer: the biases are broadcast
     * into every row first, then one GEMM adds the product (β = 1). {@code b1} null: no bias;
     * {@code b2} null: only b1.
     */
    static float[] inputGates(GemmBackend gemm, float[] x, int rows, int in, float[] wIh, int gates, float[] b1, float[] b2) {
        float[] out = new float[rows * gates];
        if (b1 != null) {
            for (int j = 0; j < gates; j++) {
                out[j] = b2 == null ? b1[j] : b1[j] + b2[j];
            }
            for (int r = 1; r < rows; r++) {
                System.arraycopy(out, 0, out, r * gates, gates);
            }
        }
        gemm.sgemm(false, true, rows, gates, in, x, 0, in, wIh, 0, in, b1 == null ? 0f : 1f, out, 0, gates);
        return out;
    }

    /** Σ over rows of {@code d (rows, gates)}: the gradient of a bias broadcast over every step and batch row. */
    private static Tensor biasGradient(float[] d, int rows, int gates) {
        float[] sum = new float[gates];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < gates; j++) {
                sum[j] += d[r * gates + j];
            }
        }
        return Tensor.of(sum, gates);
    }

    /** {@code dW = dGᵀ · M}: {@code (gates, cols)} from {@code dG (rows, gates)} and {@code M (rows, cols)} at {@code mAt}. */
    private static Tensor weightGradient(GemmBackend gemm, float[] dGates, int rows, int gates, float[] m, int mAt, int cols) {
        Tensor dW = Tensor.zeros(DType.FLOAT32, gates, cols);
        gemm.sgemm(true, false, gates, cols, rows, dGates, 0, gates, m, mAt, cols, 0f, FusedLstmCell.array(dW), 0, cols);
        return dW;
    }

    /** {@code dX = dG · W_ih}, shaped {@code (L, B, in)}. */
    private static Tensor inputGradient(GemmBackend gemm, float[] dGates, int length, int batch, int gates, float[] wIh, int in) {
        Tensor dX = Tensor.zeros(DType.FLOAT32, length, batch, in);
        gemm.sgemm(false, false, length * batch, in, gates, dGates, 0, gates, wIh, 0, in, 0f, FusedLstmCell.array(dX), 0, in);
        return dX;
    }

    /** The inputs a fused layer records in the graph: {@code inputs}, then b_ih and b_hh when the layer has biases. */
    static Tensor[] graphInputs(Tensor biasIh, Tensor biasHh, Tensor... inputs) {
        if (biasIh == null) {
            return inputs;
        }
        Tensor[] all = Arrays.copyOf(inputs, inputs.length + 2);
        all[inputs.length] = biasIh;
        all[inputs.length + 1] = biasHh;
        return all;
    }

    /**
     * The gradients of a fused layer in the order of {@link #graphInputs}(x, initial states...,
     * W_ih, W_hh): dX = dA W_ih, {@code stateGradients}, dW_ih = dAᵀ X, dW_hh = dGᵀ H_prev, then
     * db_ih = Σ dA and db_hh = Σ dG when {@code bias}. dA is the gradient of the input's share of the
     * gates and dG of the hidden share; they are one buffer where both shares are summed before any
     * nonlinearity (LSTM, RNN), two for the GRU. H_prev starts at {@code hPrevAt} of {@code hs}.
     */
    static Tensor[] gradients(GemmBackend gemm, int length, int batch, int in, int hidden, int gates, float[] x, float[] wIh,
                              float[] hs, int hPrevAt, float[] dInputGates, float[] dHiddenGates, boolean bias,
                              Tensor... stateGradients) {
        int rows = length * batch;
        var grads = new ArrayList<Tensor>();
        grads.add(inputGradient(gemm, dInputGates, length, batch, gates, wIh, in));
        grads.addAll(List.of(stateGradients));
        grads.add(weightGradient(gemm, dInputGates, rows, gates, x, 0, in));
        grads.add(weightGradient(gemm, dHiddenGates, rows, gates, hs, hPrevAt, hidden));
        if (bias) {
            Tensor dBiasIh = biasGradient(dInputGates, rows, gates);
            grads.add(dBiasIh);
            grads.add(dHiddenGates == dInputGates ? dBiasIh : biasGradient(dHiddenGates, rows, gates));
        }
        return grads.toArray(Tensor[]::new);
    }

    /** The float array of a float32 tensor's values, copied when it is not a plain contiguous array. */
    static float[] values(Tensor t) {
        return FusedLstmCell.array(t.detach().contiguous());
    }
}
