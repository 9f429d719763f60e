package exercises.unit07;

/**
 * Unit 7 exercise, task 3: the reshapes around multi-head attention, on flat row-major arrays.
 * A projection gives queries of shape (B, T, C) with C = H·D; attention wants each head on its own,
 * (B, H, T, D). In tensor terms that is {@code reshape(B, T, H, D).transpose(1, 2)} and back
 * {@code transpose(1, 2).reshape(B, T, C)}; here you move the numbers yourself.
 *
 * <p>Row-major: element (b, t, c) of a (B, T, C) array is at {@code (b·T + t)·C + c}; element
 * (b, h, t, d) of a (B, H, T, D) array is at {@code ((b·H + h)·T + t)·D + d}. Channel c of token t
 * belongs to head {@code c / D}, at position {@code c % D} within it.
 */
public final class Heads {
    private Heads() {
    }

    /**
     * Task 3a: (B, T, H·D) to (B, H, T, D).
     *
     * @param x flat (B, T, H·D)
     * @return a new flat (B, H, T, D) array
     */
    public static double[] split(double[] x, int batch, int length, int heads, int headDim) {
        // TODO(task 3): one loop over (b, t, h, d), copying from the first layout to the second.
        throw new UnsupportedOperationException("TODO task 3");
    }

    /**
     * Task 3b: the inverse, (B, H, T, D) to (B, T, H·D): the heads of each token side by side again.
     *
     * @param x flat (B, H, T, D)
     * @return a new flat (B, T, H·D) array
     */
    public static double[] merge(double[] x, int batch, int heads, int length, int headDim) {
        // TODO(task 3): the same loop with source and destination swapped.
        throw new UnsupportedOperationException("TODO task 3");
    }
}
