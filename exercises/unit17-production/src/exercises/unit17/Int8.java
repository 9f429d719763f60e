package exercises.unit17;

/** Unit 17 exercise: symmetric int8 quantisation, an integer matrix product, and dequantisation. */
public final class Int8 {
    private Int8() {
    }

    /**
     * Task 1: symmetric per-row quantisation. Let {@code s = max|row| / 127} (use 1 when the row is all
     * zeros); write {@code q[i] = round(row[i] / s)} clamped to [-127, 127] into {@code out} and return s.
     * Round with {@link Math#round(double)}.
     */
    public static double quantize(double[] row, byte[] out) {
        // TODO(task 1): find max|row|, the scale, then round, clamp and store each value.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: {@code C[i][j] = Σ_k a[i][k] · b[j][k]} over int8 rows, accumulated in int (never in byte
     * or short: the sums overflow them). a is (M, K), b is (N, K), C is (M, N).
     */
    public static int[][] matmulTransposed(byte[][] a, byte[][] b) {
        // TODO(task 2): three loops; the sum is an int.
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: a quantised linear layer, {@code y = x Wᵀ + bias}, computed in int8: quantise each row of x
     * and each row of W with {@link #quantize}, multiply with {@link #matmulTransposed}, and scale each
     * integer sum back: {@code y[i][j] = sx[i] · sw[j] · C[i][j] + bias[j]}.
     */
    public static double[][] linear(double[][] x, double[][] weight, double[] bias) {
        // TODO(task 3): quantise the rows of x and of weight, multiply, then scale back and add the bias.
        throw new UnsupportedOperationException("TODO task 3");
    }
}
