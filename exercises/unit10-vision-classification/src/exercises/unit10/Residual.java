package exercises.unit10;

/**
 * Unit 10 exercise, tasks 2 and 3: batch normalisation in training mode and ResNet's basic block on
 * plain arrays {@code x[n][c][y][x]}, shape (N, C, H, W). {@link Conv#conv3x3} is given.
 */
public final class Residual {
    private Residual() {
    }

    /** Batch norm's epsilon, PyTorch's default. */
    public static final double EPS = 1e-5;

    /**
     * Task 2: {@code BatchNorm2d} in training mode. For every channel c, over all N images and H x W
     * positions: {@code mean_c}, the biased variance {@code var_c = mean((x - mean_c)^2)}, and
     * <pre>
     *   y[n][c][i][j] = (x[n][c][i][j] - mean_c) / sqrt(var_c + EPS) * gamma[c] + beta[c]
     * </pre>
     * Shape (N, C, H, W) in and out.
     */
    public static double[][][][] batchNorm(double[][][][] x, double[] gamma, double[] beta) {
        // TODO(task 2): per channel, the mean and the biased variance over (N, H, W); then normalise, scale and shift.
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: the basic residual block with an identity shortcut (stride 1, C channels in and out),
     * batch norm in training mode with gamma = 1 and beta = 0:
     * <pre>
     *   h = relu(batchNorm(conv3x3(x, w1)))
     *   y = relu(batchNorm(conv3x3(h, w2)) + x)
     * </pre>
     * w1 and w2 have shape (C, C, 3, 3). Shape (N, C, H, W) in and out.
     */
    public static double[][][][] basicBlock(double[][][][] x, double[][][][] w1, double[][][][] w2) {
        // TODO(task 3): conv, batch norm, ReLU, conv, batch norm, add the input, ReLU.
        throw new UnsupportedOperationException("TODO task 3");
    }
}
