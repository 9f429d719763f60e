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
        // TODO(task 2): sum the gradients at the m midpoints of the path, then multiply by (x - x') / m.
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: the Grad-CAM map of one image from its activations A (K, h, w) and their gradients
     * dA (K, h, w): {@code α_k = mean over (i, j) of dA_k[i][j]}, {@code map = ReLU(Σ_k α_k · A_k)}, (h, w).
     * No resizing and no normalisation.
     */
    public static double[][] gradCam(double[][][] activations, double[][][] gradients) {
        // TODO(task 3): one weight per channel (the mean gradient), the weighted sum of the activations, then ReLU.
        throw new UnsupportedOperationException("TODO task 3");
    }
}
