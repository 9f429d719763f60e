package jgrad.vision.tracking;

import jgrad.vision.detection.Box;

/**
 * A constant-velocity Kalman filter for one box, SORT's motion model with the state
 * {@code x = (cx, cy, w, h, vx, vy)}: the centre moves by its velocity each frame, the size stays.
 * <pre>
 *   predict: x = A x,             P = A P A^T + Q        A = [I4 with cx += vx, cy += vy]
 *   update:  K = P H^T (H P H^T + R)^-1,  x += K (z - H x),  P = (I - K H) P     z = (cx, cy, w, h), H = [I4 0]
 * </pre>
 * Small dense matrices in plain arrays; the 4x4 inverse is by Gauss-Jordan elimination.
 */
public final class KalmanBoxFilter {
    private static final int N = 6, M = 4;
    private final double[] x = new double[N];
    private double[][] p = new double[N][N];
    private final double processNoise, measurementNoise;

    /** Starts at a measured box with zero velocity, uncertain about the velocity. */
    public KalmanBoxFilter(Box box, double processNoise, double measurementNoise) {
        this.processNoise = processNoise;
        this.measurementNoise = measurementNoise;
        double[] z = measurement(box);
        System.arraycopy(z, 0, x, 0, M);
        for (int i = 0; i < N; i++) p[i][i] = i < M ? measurementNoise : 100;
    }

    /** Advances one frame and returns the predicted box. */
    public Box predict() {
        x[0] += x[4];
        x[1] += x[5];
        double[][] next = new double[N][N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                next[i][j] = p[i][j] + (i < 2 ? p[i + 4][j] : 0) + (j < 2 ? p[i][j + 4] : 0) + (i < 2 && j < 2 ? p[i + 4][j + 4] : 0);
            }
        for (int i = 0; i < N; i++) next[i][i] += i < M ? processNoise : processNoise * 0.5;
        p = next;
        return box();
    }

    /** Corrects the state with a measured box. */
    public void update(Box measured) {
        double[] z = measurement(measured);
        double[][] s = new double[M][M];                     // S = H P H^T + R: the top-left 4x4 of P plus R
        for (int i = 0; i < M; i++) for (int j = 0; j < M; j++) s[i][j] = p[i][j] + (i == j ? measurementNoise : 0);
        double[][] sInverse = invert(s);
        double[][] gain = new double[N][M];                   // K = P H^T S^-1: the first 4 columns of P times S^-1
        for (int i = 0; i < N; i++) for (int j = 0; j < M; j++) for (int k = 0; k < M; k++) gain[i][j] += p[i][k] * sInverse[k][j];
        double[] innovation = new double[M];
        for (int i = 0; i < M; i++) innovation[i] = z[i] - x[i];
        for (int i = 0; i < N; i++) for (int j = 0; j < M; j++) x[i] += gain[i][j] * innovation[j];
        double[][] next = new double[N][N];                   // P = P - K H P: H P is the first 4 rows of P
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double sum = 0;
                for (int k = 0; k < M; k++) sum += gain[i][k] * p[k][j];
                next[i][j] = p[i][j] - sum;
            }
        p = next;
    }

    public Box box() {
        return Box.ofCenter(x[0], x[1], Math.max(x[2], 1e-3), Math.max(x[3], 1e-3));
    }

    private static double[] measurement(Box box) {
        return new double[] {box.centerX(), box.centerY(), box.width(), box.height()};
    }

    private static double[][] invert(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
            double[] t = a[c]; a[c] = a[pivot]; a[pivot] = t;
            double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) a[c][j] /= d;
            for (int r = 0; r < n; r++) {
                if (r == c) continue;
                double f = a[r][c];
                for (int j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j];
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(a[i], n, out[i], 0, n);
        return out;
    }
}
