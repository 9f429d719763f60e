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
        int batch = x.length, channels = x[0].length, height = x[0][0].length, width = x[0][0][0].length;
        double count = (double) batch * height * width;
        double[][][][] y = new double[batch][channels][height][width];
        for (int c = 0; c < channels; c++) {
            double mean = 0, variance = 0;
            for (int n = 0; n < batch; n++) for (double[] row : x[n][c]) for (double v : row) mean += v / count;
            for (int n = 0; n < batch; n++) for (double[] row : x[n][c]) for (double v : row) variance += (v - mean) * (v - mean) / count;
            double scale = gamma[c] / Math.sqrt(variance + EPS);
            for (int n = 0; n < batch; n++)
                for (int i = 0; i < height; i++)
                    for (int j = 0; j < width; j++) y[n][c][i][j] = (x[n][c][i][j] - mean) * scale + beta[c];
        }
        return y;
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
        int channels = x[0].length;
        double[] ones = new double[channels], zeros = new double[channels];
        java.util.Arrays.fill(ones, 1);
        double[][][][] h = batchNorm(Conv.conv3x3(x, w1), ones, zeros);
        relu(h, null);
        double[][][][] y = batchNorm(Conv.conv3x3(h, w2), ones, zeros);
        relu(y, x);
        return y;
    }

    // y = relu(y + shortcut) in place; no shortcut when it is null.
    private static void relu(double[][][][] y, double[][][][] shortcut) {
        for (int n = 0; n < y.length; n++)
            for (int c = 0; c < y[n].length; c++)
                for (int i = 0; i < y[n][c].length; i++)
                    for (int j = 0; j < y[n][c][i].length; j++) {
                        double v = y[n][c][i][j] + (shortcut == null ? 0 : shortcut[n][c][i][j]);
                        y[n][c][i][j] = Math.max(0, v);
                    }
    }
}
