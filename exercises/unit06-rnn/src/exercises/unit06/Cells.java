package exercises.unit06;

/**
 * Unit 6 exercise, tasks 1 to 3: one time step of each recurrent cell, with PyTorch's equations,
 * weight layout and gate order, on a batch of B rows.
 *
 * <p>Every cell stacks the weights of its G gates into one matrix: {@code wIh (G·H, in)},
 * {@code wHh (G·H, H)}, {@code bIh} and {@code bHh (G·H)}. Gate k owns rows {@code k·H .. (k+1)·H - 1}
 * (so one {@link Matrices#affine} of x and one of h give all gates at once, (B, G·H), and gate k
 * is columns {@code k·H .. (k+1)·H - 1} of those).
 */
public final class Cells {
    private Cells() {
    }

    /**
     * Task 1: the Elman RNN cell ({@code nn.RNNCell}, tanh):
     * <pre>
     *   h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)
     * </pre>
     *
     * @param x   the input, (B, in)
     * @param h   the previous hidden state, (B, H)
     * @param wIh (H, in); wHh (H, H); bIh, bHh (H)
     * @return h', (B, H)
     */
    public static double[][] rnnCell(double[][] x, double[][] h, double[][] wIh, double[][] wHh, double[] bIh, double[] bHh) {
        // TODO(task 1): two affine maps, add, tanh.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: the LSTM cell ({@code nn.LSTMCell}), gates in PyTorch's order i, f, g, o. With
     * {@code a = x W_ih^T + b_ih + h W_hh^T + b_hh} (B, 4H) split into four (B, H) blocks
     * {@code a_i, a_f, a_g, a_o}:
     * <pre>
     *   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
     *   c' = f * c + i * g
     *   h' = o * tanh(c')
     * </pre>
     * ({@code *} is elementwise).
     *
     * @param x   the input, (B, in)
     * @param h   the previous hidden state, (B, H)
     * @param c   the previous cell state, (B, H)
     * @param wIh (4H, in); wHh (4H, H); bIh, bHh (4H)
     * @return h' and c', each (B, H)
     */
    public static Results.LstmState lstmCell(double[][] x, double[][] h, double[][] c, double[][] wIh, double[][] wHh,
                                             double[] bIh, double[] bHh) {
        // TODO(task 2): the gate pre-activations, then the four gates in the order i, f, g, o, then c' and h'.
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: the GRU cell ({@code nn.GRUCell}), gates in PyTorch's order r, z, n. With
     * {@code u = x W_ih^T + b_ih} and {@code v = h W_hh^T + b_hh} (B, 3H), each split into three
     * (B, H) blocks:
     * <pre>
     *   r = σ(u_r + v_r)
     *   z = σ(u_z + v_z)
     *   n = tanh(u_n + r * v_n)        the reset gate scales the hidden part only, bias included
     *   h' = (1 - z) * n + z * h
     * </pre>
     *
     * @param x   the input, (B, in)
     * @param h   the previous hidden state, (B, H)
     * @param wIh (3H, in); wHh (3H, H); bIh, bHh (3H)
     * @return h', (B, H)
     */
    public static double[][] gruCell(double[][] x, double[][] h, double[][] wIh, double[][] wHh, double[] bIh, double[] bHh) {
        // TODO(task 3): u and v kept apart (n needs v_n on its own), then r, z, n and h'.
        throw new UnsupportedOperationException("TODO task 3");
    }
}
