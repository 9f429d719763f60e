package exercises.unit05;

/**
 * Unit 5 exercise, tasks 1, 2, 3 and 5: convolution as im2col plus one matrix product, forward and
 * backward, on plain arrays. Stride, padding and dilation are the same for height and width.
 *
 * <p>Read {@code lectures/05-convnets.md} first. Grade one task at a time, from the repository root:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit05-convnets --task task1"
 * </pre>
 * The graded tests compare with {@code jgrad.nn.functional.F.conv2d} on float64 tensors and its
 * autograd gradients.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * Task 1: the output size of a convolution along one dim,
     * {@code floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1}.
     *
     * @throws IllegalArgumentException when the dilated kernel does not fit the padded input
     */
    public static int outputSize(int in, int kernel, int stride, int padding, int dilation) {
        // TODO(task 1): the formula above; first check that the dilated kernel fits the padded input.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: the im2col matrix of one image. Column {@code l = oh * Wo + ow} holds the window that
     * output pixel (oh, ow) sees; row {@code (c * kH + i) * kW + j} holds kernel tap (i, j) of
     * channel c, which reads input pixel
     * <pre>
     *   ih = oh * stride - padding + i * dilation,   iw = ow * stride - padding + j * dilation
     * </pre>
     * or 0 when (ih, iw) falls in the zero padding.
     *
     * @param image one image (C, H, W)
     * @return cols, shape (C kH kW, Ho Wo)
     */
    public static double[][] im2col(double[][][] image, int kernelH, int kernelW, int stride, int padding, int dilation) {
        // TODO(task 2): output sizes from task 1, then one loop per (row, column) of cols.
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: 2-D convolution (cross-correlation) of a batch, one matrix product per image:
     * {@code out_n = W2d @ im2col(x_n) + b}, where {@code W2d = Matrices.flattenFilters(weight)} is
     * (O, C kH kW); row o of the (O, Ho Wo) product is output channel o, read row-major into (Ho, Wo).
     *
     * @param input  x (N, C, H, W)
     * @param weight W (O, C, kH, kW)
     * @param bias   b (O), or null for none
     * @return y (N, O, Ho, Wo)
     */
    public static double[][][][] conv2d(double[][][][] input, double[][][][] weight, double[] bias, int stride, int padding,
                                        int dilation) {
        // TODO(task 3): for each image, im2col, matmul with the flattened filters, add the bias, reshape.
        throw new UnsupportedOperationException("TODO task 3");
    }

    /**
     * Task 5: the backward pass of {@link #conv2d}, given dL/dy. Per image n, with
     * {@code cols_n = im2col(x_n)} and {@code dY_n} the (O, Ho Wo) matrix of {@code gradOutput[n]}:
     * <pre>
     *   dW2d    += dY_n @ cols_n^T          (O, C kH kW), summed over the batch, then back to (O, C, kH, kW)
     *   db_o    += sum of dY_n's row o
     *   dcols_n  = W2d^T @ dY_n             (C kH kW, Ho Wo)
     *   dx_n     = col2im(dcols_n)          each entry of dcols added back onto the input pixel it was read from
     * </pre>
     * col2im is im2col run backwards: where im2col copied {@code x[c][ih][iw]} into {@code cols[r][l]},
     * col2im adds {@code dcols[r][l]} into {@code dx[c][ih][iw]} (and drops entries from the padding).
     *
     * @return dL/dx (N, C, H, W), dL/dW (O, C, kH, kW), dL/db (O)
     */
    public static Results.ConvGradients conv2dBackward(double[][][][] input, double[][][][] weight, double[][][][] gradOutput,
                                                       int stride, int padding, int dilation) {
        // TODO(task 5): the four lines above; write col2im as a helper next to this method.
        throw new UnsupportedOperationException("TODO task 5");
    }
}
