package exercises.unit07;

/** Matrix helpers on plain {@code double[rows][cols]} arrays, given so the exercise is about attention. */
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
}
