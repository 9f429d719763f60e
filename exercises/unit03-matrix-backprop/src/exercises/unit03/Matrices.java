package exercises.unit03;

/**
 * Forward-pass helpers on plain {@code double[rows][cols]} matrices, given so that the exercise is
 * about the backward pass. Read them; you will want {@link #matmul} and {@link #transpose}.
 */
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
            for (int j = 0; j < m; j++) {
                double total = 0;
                for (int p = 0; p < k; p++) {
                    total += a[i][p] * b[p][j];
                }
                out[i][j] = total;
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

    /** {@code x + b} with the (M) vector b added to every row of the (N, M) matrix x (broadcasting). */
    public static double[][] addBias(double[][] x, double[] b) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int j = 0; j < b.length; j++) {
                out[i][j] += b[j];
            }
        }
        return out;
    }

    /** Elementwise tanh. */
    public static double[][] tanh(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = Math.tanh(x[i][j]);
            }
        }
        return out;
    }

    /** Softmax of each row: {@code exp(z_j - max) / sum_k exp(z_k - max)} (the max keeps exp from overflowing). */
    public static double[][] softmaxRows(double[][] z) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            out[i] = new double[z[i].length];
            for (int j = 0; j < z[i].length; j++) {
                out[i][j] = Math.exp(z[i][j] - max);
                sum += out[i][j];
            }
            for (int j = 0; j < z[i].length; j++) {
                out[i][j] /= sum;
            }
        }
        return out;
    }
}
