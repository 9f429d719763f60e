package exercises.unit05;

/** Unit 5 exercise, task 4: max pooling forward (remembering the winners) and backward. */
public final class Pooling {
    private Pooling() {
    }

    /**
     * Task 4a: max pooling with square {@code kernel x kernel} windows moved by {@code stride}, no
     * padding. Output pixel (oh, ow) of plane (n, c) is the maximum of
     * {@code x[n][c][oh * stride + i][ow * stride + j]} over {@code 0 <= i, j < kernel}; record where it
     * was as {@code ih * W + iw}. On a tie keep the first maximum in (i, j) row-major order.
     *
     * @param input x (N, C, H, W)
     * @return y (N, C, Ho, Wo) with {@code Ho = (H - kernel) / stride + 1}, and the argmax of each output
     */
    public static Results.MaxPool maxPool2d(double[][][][] input, int kernel, int stride) {
        // TODO(task 4): loop over planes and output pixels; keep the best value and its position.
        throw new UnsupportedOperationException("TODO task 4");
    }

    /**
     * Task 4b: the backward pass. Each output's gradient goes to the one input pixel that won its
     * window; when windows overlap (stride < kernel) a pixel can win several, and adds up each.
     *
     * @param gradOutput dL/dy (N, C, Ho, Wo)
     * @param argmax     the winners recorded by {@link #maxPool2d}
     * @param height     H of the input
     * @param width      W of the input
     * @return dL/dx (N, C, H, W), zero wherever no window was won
     */
    public static double[][][][] maxPool2dBackward(double[][][][] gradOutput, int[][][][] argmax, int height, int width) {
        // TODO(task 4): dx[n][c][at / width][at % width] += dy[n][c][oh][ow] for at = argmax[n][c][oh][ow].
        throw new UnsupportedOperationException("TODO task 4");
    }
}
