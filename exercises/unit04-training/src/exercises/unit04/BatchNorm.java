package exercises.unit04;

/**
 * Unit 4 exercise, tasks 4 and 5: batch normalisation of a (N, C) batch in training mode, forward
 * and backward. Statistics are per feature (column) over the batch (rows).
 */
public final class BatchNorm {
    private BatchNorm() {
    }

    /**
     * Task 4: the training-mode forward pass. For each column c, with the batch mean {@code mu_c} and
     * the <em>biased</em> batch variance {@code var_c = (1/N) sum_n (x_{n,c} - mu_c)^2}:
     * <pre>
     *   invStd_c   = 1 / sqrt(var_c + eps)
     *   xHat_{n,c} = (x_{n,c} - mu_c) * invStd_c
     *   y_{n,c}    = gamma_c * xHat_{n,c} + beta_c
     * </pre>
     * and update the running statistics in place, with the <em>unbiased</em> variance (N - 1 in the
     * denominator) as PyTorch does:
     * <pre>
     *   runningMean_c = (1 - momentum) runningMean_c + momentum mu_c
     *   runningVar_c  = (1 - momentum) runningVar_c  + momentum var_c N / (N - 1)
     * </pre>
     *
     * @param x           the batch, shape (N, C), N >= 2
     * @param gamma       the scale, (C)
     * @param beta        the shift, (C)
     * @param runningMean updated in place, (C)
     * @param runningVar  updated in place, (C)
     * @return y (N, C) plus what the backward pass needs: xHat (N, C) and invStd (C)
     */
    public static Results.BatchNormForward forward(double[][] x, double[] gamma, double[] beta, double[] runningMean,
                                                   double[] runningVar, double momentum, double eps) {
        // TODO(task 4): column means and biased variances, normalise, scale and shift, update the running stats.
        throw new UnsupportedOperationException("TODO task 4");
    }

    /**
     * Task 5: the backward pass of {@link #forward}, given dL/dy. With {@code dxHat = dy * gamma},
     * per column:
     * <pre>
     *   dgamma = sum_n dy_n xHat_n,   dbeta = sum_n dy_n
     *   dx_n   = invStd / N * (N dxHat_n - sum_m dxHat_m - xHat_n sum_m dxHat_m xHat_m)
     * </pre>
     * (the lecture derives the last line; it accounts for every x moving the mean and the variance).
     *
     * @param gradOutput dL/dy, shape (N, C)
     * @param gamma      the scale used in the forward pass, (C)
     * @param cache      the forward pass's xHat and invStd (the output is not needed)
     * @return dL/dx (N, C), dL/dgamma (C), dL/dbeta (C)
     */
    public static Results.BatchNormGradients backward(double[][] gradOutput, double[] gamma, Results.BatchNormForward cache) {
        // TODO(task 5): the three sums per column, then dx.
        throw new UnsupportedOperationException("TODO task 5");
    }
}
