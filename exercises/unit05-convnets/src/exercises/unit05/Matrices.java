package exercises.unit05;

/** Matrix helpers on plain {@code double[rows][cols]} arrays, given so the exercise is about convolution. */
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

    /** A weight {@code (O, C, kH, kW)} as the (O, C kH kW) matrix whose row o is filter o read in (c, i, j) order. */
    public static double[][] flattenFilters(double[][][][] weight) {
        int outChannels = weight.length, channels = weight[0].length, kernelH = weight[0][0].length, kernelW = weight[0][0][0].length;
        double[][] out = new double[outChannels][channels * kernelH * kernelW];
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < kernelH; i++) {
                    for (int j = 0; j < kernelW; j++) {
                        out[o][(c * kernelH + i) * kernelW + j] = weight[o][c][i][j];
                    }
                }
            }
        }
        return out;
    }
}
