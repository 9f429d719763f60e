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
        double max = 0;
        for (double v : row) max = Math.max(max, Math.abs(v));
        double scale = max == 0 ? 1 : max / 127;
        for (int i = 0; i < row.length; i++) {
            out[i] = (byte) Math.max(-127, Math.min(127, Math.round(row[i] / scale)));
        }
        return scale;
    }

    /**
     * Task 2: {@code C[i][j] = Σ_k a[i][k] · b[j][k]} over int8 rows, accumulated in int (never in byte
     * or short: the sums overflow them). a is (M, K), b is (N, K), C is (M, N).
     */
    public static int[][] matmulTransposed(byte[][] a, byte[][] b) {
        int[][] c = new int[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                int sum = 0;
                for (int k = 0; k < a[i].length; k++) sum += a[i][k] * b[j][k];
                c[i][j] = sum;
            }
        }
        return c;
    }

    /**
     * Task 3: a quantised linear layer, {@code y = x Wᵀ + bias}, computed in int8: quantise each row of x
     * and each row of W with {@link #quantize}, multiply with {@link #matmulTransposed}, and scale each
     * integer sum back: {@code y[i][j] = sx[i] · sw[j] · C[i][j] + bias[j]}.
     */
    public static double[][] linear(double[][] x, double[][] weight, double[] bias) {
        byte[][] xq = new byte[x.length][x[0].length];
        double[] sx = new double[x.length];
        for (int i = 0; i < x.length; i++) sx[i] = quantize(x[i], xq[i]);
        byte[][] wq = new byte[weight.length][weight[0].length];
        double[] sw = new double[weight.length];
        for (int j = 0; j < weight.length; j++) sw[j] = quantize(weight[j], wq[j]);
        int[][] c = matmulTransposed(xq, wq);
        double[][] y = new double[x.length][weight.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < weight.length; j++) y[i][j] = sx[i] * sw[j] * c[i][j] + bias[j];
        }
        return y;
    }
}
