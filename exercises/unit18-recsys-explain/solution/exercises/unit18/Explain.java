package exercises.unit18;

/** Unit 18 exercise, tasks 2 and 3: integrated gradients and Grad-CAM on plain arrays. */
public final class Explain {
    private Explain() {
    }

    /** A model's gradient: {@code ∂f_c / ∂x} at a point x, for the class being explained. */
    public interface Gradient {
        double[] at(double[] x);
    }

    /**
     * Task 2: integrated gradients with the midpoint rule,
     * {@code IG_i = (x_i − x'_i) · (1/m) Σ_{s=1..m} g_i(x' + (s − ½)/m · (x − x'))}.
     */
    public static double[] integratedGradients(Gradient gradient, double[] x, double[] baseline, int steps) {
        double[] sum = new double[x.length];
        double[] point = new double[x.length];
        for (int s = 1; s <= steps; s++) {
            double alpha = (s - 0.5) / steps;
            for (int i = 0; i < x.length; i++) point[i] = baseline[i] + alpha * (x[i] - baseline[i]);
            double[] g = gradient.at(point);
            for (int i = 0; i < x.length; i++) sum[i] += g[i];
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (x[i] - baseline[i]) * sum[i] / steps;
        return out;
    }

    /**
     * Task 3: the Grad-CAM map of one image from its activations A (K, h, w) and their gradients
     * dA (K, h, w): {@code α_k = mean over (i, j) of dA_k[i][j]}, {@code map = ReLU(Σ_k α_k · A_k)}, (h, w).
     * No resizing and no normalisation.
     */
    public static double[][] gradCam(double[][][] activations, double[][][] gradients) {
        int channels = activations.length, h = activations[0].length, w = activations[0][0].length;
        double[][] map = new double[h][w];
        for (int k = 0; k < channels; k++) {
            double alpha = 0;
            for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) alpha += gradients[k][i][j];
            alpha /= h * w;
            for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) map[i][j] += alpha * activations[k][i][j];
        }
        for (double[] row : map) for (int j = 0; j < w; j++) row[j] = Math.max(0, row[j]);
        return map;
    }
}
