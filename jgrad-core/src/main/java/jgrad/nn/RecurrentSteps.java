package jgrad.nn;

import jgrad.KernelChoice;
import jgrad.Tensor;
import jgrad.nn.functional.F;

import java.util.List;

/**
 * One time step of each recurrent cell, composed from differentiable ops, with PyTorch's equations
 * and gate order (https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html and GRU.html).
 * The cells ({@link RNNCell}, {@link LSTMCell}, {@link GRUCell}) and the sequence layers
 * ({@link RNN}, {@link LSTM}, {@link GRU}) both call these, so each equation is written once.
 *
 * <p>Shapes: x {@code (B, in)}, h and c {@code (B, H)}, weight_ih {@code (G·H, in)}, weight_hh
 * {@code (G·H, H)}, biases {@code (G·H)} or null, with G gates (1 for RNN, 4 for LSTM, 3 for GRU).
 * All G gates come from one matrix product per input: {@code x W_ih^T} and {@code h W_hh^T}.
 */
final class RecurrentSteps {
    private RecurrentSteps() {
    }

    /** The recurrence a layer runs, with its number of gates. */
    enum Mode {
        RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

        final int gates;

        Mode(int gates) {
            this.gates = gates;
        }
    }

    static HiddenState step(Mode mode, Tensor x, HiddenState state, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        Tensor inputGates = F.linear(x, weightIh, biasIh);      // (B, G·H)
        Tensor hiddenGates = F.linear(state.h(), weightHh, biasHh);   // (B, G·H)
        return switch (mode) {
            case RNN_TANH -> new HiddenState(inputGates.add(hiddenGates).tanh(), null);
            case RNN_RELU -> new HiddenState(inputGates.add(hiddenGates).relu(), null);
            case LSTM -> lstm(inputGates.add(hiddenGates), state.c());
            case GRU -> gru(inputGates, hiddenGates, state.h());
        };
    }

    // i = σ(g_i), f = σ(g_f), g = tanh(g_g), o = σ(g_o)   (gates in this order along dim 1)
    // c' = f * c + i * g
    // h' = o * tanh(c')
    private static HiddenState lstm(Tensor gates, Tensor c) {
        if (KernelChoice.fastFloat32(gates, c) && gates.dim() == 2 && c.dim() == 2) {
            Tensor hc = FusedLstmCell.step(gates, c);                        // (2, B, H) = [h'; c']
            return new HiddenState(hc.select(0, 0), hc.select(0, 1));
        }
        List<Tensor> parts = gates.chunk(4, 1);
        Tensor i = parts.get(0).sigmoid();
        Tensor f = parts.get(1).sigmoid();
        Tensor g = parts.get(2).tanh();
        Tensor o = parts.get(3).sigmoid();
        Tensor cNext = f.mul(c).add(i.mul(g));
        return new HiddenState(o.mul(cNext.tanh()), cNext);
    }

    // r = σ(W_ir x + b_ir + W_hr h + b_hr)
    // z = σ(W_iz x + b_iz + W_hz h + b_hz)
    // n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
    // h' = (1 - z) * n + z * h
    private static HiddenState gru(Tensor inputGates, Tensor hiddenGates, Tensor h) {
        List<Tensor> in = inputGates.chunk(3, 1);
        List<Tensor> hid = hiddenGates.chunk(3, 1);
        Tensor r = in.get(0).add(hid.get(0)).sigmoid();
        Tensor z = in.get(1).add(hid.get(1)).sigmoid();
        Tensor n = in.get(2).add(r.mul(hid.get(2))).tanh();
        return new HiddenState(n.sub(z.mul(n)).add(z.mul(h)), null);
    }

    /** PyTorch's default initialisation of every recurrent weight and bias: U(-1/sqrt(H), 1/sqrt(H)). */
    static Tensor uniformInit(int rows, int cols, int hiddenSize, java.util.random.RandomGenerator generator) {
        double bound = 1 / Math.sqrt(hiddenSize);
        return Init.uniform_(cols > 0 ? Tensor.zeros(rows, cols) : Tensor.zeros(rows), -bound, bound, generator);
    }
}
