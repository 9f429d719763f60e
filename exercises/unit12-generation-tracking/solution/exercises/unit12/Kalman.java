package exercises.unit12;

/**
 * Unit 12 exercise, task 3: SORT's constant-velocity Kalman filter for one box. The state is
 * {@code x = (cx, cy, w, h, vx, vy)}, the measurement {@code z = (cx, cy, w, h)}:
 * <pre>
 *   A = I6 with A[0][4] = A[1][5] = 1 (the centre moves by the velocity), H = [I4 0]
 *   Q = diag(q, q, q, q, q/2, q/2),  R = r I4,  start: x = (z, 0, 0),  P = diag(r, r, r, r, 100, 100)
 * </pre>
 * The constructor and {@link #box} are given.
 */
public final class Kalman {
    /** The state (6). */
    public final double[] x = new double[6];
    /** The state's covariance (6 x 6). */
    public double[][] p = new double[6][6];
    private final double q, r;

    /** Starts at a measured box {@code (cx, cy, w, h)} with zero velocity. */
    public Kalman(double[] z, double q, double r) {
        this.q = q;
        this.r = r;
        System.arraycopy(z, 0, x, 0, 4);
        for (int i = 0; i < 6; i++) p[i][i] = i < 4 ? r : 100;
    }

    /** Task 3: {@code x = A x}, {@code P = A P A^T + Q}. */
    public void predict() {
        double[][] a = identity(6);
        a[0][4] = 1;
        a[1][5] = 1;
        double[] next = new double[6];
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) next[i] += a[i][j] * x[j];
        System.arraycopy(next, 0, x, 0, 6);
        p = multiply(multiply(a, p), transpose(a));
        for (int i = 0; i < 6; i++) p[i][i] += i < 4 ? q : q / 2;
    }

    /**
     * Task 3: with the innovation {@code y = z - H x} and its covariance {@code S = H P H^T + R}, the gain
     * {@code K = P H^T S^-1} (6 x 4); then {@code x = x + K y} and {@code P = (I - K H) P}.
     * {@link #invert} inverts S.
     */
    public void update(double[] z) {
        double[][] h = new double[4][6];
        for (int i = 0; i < 4; i++) h[i][i] = 1;
        double[][] s = multiply(multiply(h, p), transpose(h));
        for (int i = 0; i < 4; i++) s[i][i] += r;
        double[][] gain = multiply(multiply(p, transpose(h)), invert(s));
        double[] innovation = new double[4];
        for (int i = 0; i < 4; i++) innovation[i] = z[i] - x[i];
        for (int i = 0; i < 6; i++) for (int j = 0; j < 4; j++) x[i] += gain[i][j] * innovation[j];
        double[][] identityMinusKh = multiply(gain, h);
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) identityMinusKh[i][j] = (i == j ? 1 : 0) - identityMinusKh[i][j];
        p = multiply(identityMinusKh, p);
    }

    /** The current box {@code (cx, cy, w, h)}. */
    public double[] box() {
        return new double[] {x[0], x[1], x[2], x[3]};
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 1;
        return m;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[0].length; j++) t[j][i] = m[i][j];
        return t;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++)
            for (int k = 0; k < b.length; k++)
                for (int j = 0; j < b[0].length; j++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }

    /** Given: the inverse of a small matrix by Gauss-Jordan elimination with partial pivoting. */
    public static double[][] invert(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int row = c + 1; row < n; row++) if (Math.abs(a[row][c]) > Math.abs(a[pivot][c])) pivot = row;
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) a[c][j] /= d;
            for (int row = 0; row < n; row++) {
                if (row == c) continue;
                double f = a[row][c];
                for (int j = 0; j < 2 * n; j++) a[row][j] -= f * a[c][j];
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(a[i], n, out[i], 0, n);
        return out;
    }
}
