package exercises.unit06;

/** Matrix helpers on plain {@code double[rows][cols]} arrays, given so the exercise is about the recurrence. */
public final class Matrices {
    private Matrices() {
    }

    /** {@code a @ b} for a (N, K) and b (K, M): the (N, M) matrix of row-times-column dot products. */
    public static double[][] matmul(double[][] a, double[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        if (a[0].length != k) {
            throw new IllegalArgumentException("matmul: (" + n + ", " + a[0].length + ") @ (" + k + ", " + m + ")");
        }
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[i][p];
                for (int j = 0; j < m; j++) {
                    out[i][j] += aip * b[p][j];
                }
            }
        }
        return out;
    }

    /** The (M, N) transpose of an (N, M) matrix. */
    public static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    /**
     * {@code x W^T + b}, the affine map of {@code F.linear}: x (B, in), w (out, in), b (out) or null;
     * returns (B, out). Row r of the result is {@code W x_r + b}.
     */
    public static double[][] affine(double[][] x, double[][] w, double[] b) {
        double[][] out = matmul(x, transpose(w));
        if (b != null) {
            for (double[] row : out) {
                for (int j = 0; j < row.length; j++) {
                    row[j] += b[j];
                }
            }
        }
        return out;
    }

    /** The logistic function {@code 1 / (1 + e^{-z})}. */
    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
