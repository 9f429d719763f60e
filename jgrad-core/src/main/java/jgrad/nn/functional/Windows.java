package jgrad.nn.functional;

/**
 * Where the sliding windows of a 2-D convolution or pooling read from, computed once per call.
 *
 * <p>For an input plane of {@code (height, width)} and kernel position {@code k = (i, j)} of output
 * position {@code l = (oh, ow)}, the window reads
 * <pre>
 *   ih = oh * strideH - padH + i * dilationH
 *   iw = ow * strideW - padW + j * dilationW
 * </pre>
 * {@link #offset(int, int)} is {@code ih * width + iw} inside the plane, or -1 when it falls in the
 * padding. Convolution (im2col/col2im) and pooling are loops over this table, so the index
 * arithmetic is written once.
 *
 * @param kernelArea number of kernel positions {@code kH * kW} (rows of the table)
 * @param positions number of output positions {@code outH * outW} (columns of the table)
 */
record Windows(int height, int width, int outH, int outW, int kernelArea, int positions, int[] offsets) {

    /** A table row per kernel position and a column per output position, row-major. */
    int offset(int kernelPosition, int outputPosition) {
        return offsets[kernelPosition * positions + outputPosition];
    }

    int planeSize() {
        return height * width;
    }

    /**
     * Regular windows. Output size per dim: {@code floor((in + 2 pad - dilation (k - 1) - 1) / stride) + 1};
     * with {@code ceilMode} the division rounds up, but a last window that would start in the right
     * padding is dropped (PyTorch's rule).
     */
    static Windows regular(String op, int height, int width, int[] kernel, int[] stride, int[] padding,
                           int[] dilation, boolean ceilMode) {
        int outH = outputSize(op, "height", height, kernel[0], stride[0], padding[0], dilation[0], ceilMode);
        int outW = outputSize(op, "width", width, kernel[1], stride[1], padding[1], dilation[1], ceilMode);
        return withOutputSize(height, width, outH, outW, kernel, stride, padding, dilation);
    }

    /**
     * Regular windows over {@code (height, width)} for a given output grid {@code (outH, outW)}.
     * A transposed convolution runs the windows of the convolution it transposes: there the big
     * plane is the output and the grid is its input, and {@code output_padding} can leave rows
     * of the plane that no window reaches.
     */
    static Windows withOutputSize(int height, int width, int outH, int outW, int[] kernel, int[] stride,
                                  int[] padding, int[] dilation) {
        int kernelArea = kernel[0] * kernel[1];
        int positions = outH * outW;
        int[] offsets = new int[kernelArea * positions];
        for (int i = 0; i < kernel[0]; i++) {
            for (int j = 0; j < kernel[1]; j++) {
                int row = (i * kernel[1] + j) * positions;
                for (int oh = 0; oh < outH; oh++) {
                    int ih = oh * stride[0] - padding[0] + i * dilation[0];
                    for (int ow = 0; ow < outW; ow++) {
                        int iw = ow * stride[1] - padding[1] + j * dilation[1];
                        boolean inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                        offsets[row + oh * outW + ow] = inside ? ih * width + iw : -1;
                    }
                }
            }
        }
        return new Windows(height, width, outH, outW, kernelArea, positions, offsets);
    }

    static int outputSize(String op, String dimName, int in, int kernel, int stride, int padding, int dilation,
                          boolean ceilMode) {
        if (kernel <= 0 || stride <= 0 || dilation <= 0 || padding < 0) {
            throw new IllegalArgumentException(op + ": kernel, stride and dilation must be positive and padding "
                    + "non-negative, got kernel=" + kernel + ", stride=" + stride + ", padding=" + padding
                    + ", dilation=" + dilation);
        }
        int span = in + 2 * padding - dilation * (kernel - 1) - 1;
        if (span < 0) {
            throw new IllegalArgumentException(op + ": input " + dimName + " " + in + " (padded to "
                    + (in + 2 * padding) + ") is smaller than the dilated kernel size " + (dilation * (kernel - 1) + 1));
        }
        int out = (ceilMode ? Math.ceilDiv(span, stride) : span / stride) + 1;
        if (ceilMode && (out - 1) * stride >= in + padding) {
            out--;
        }
        return out;
    }

    /**
     * Adaptive windows: output position {@code o} of {@code out} covers input
     * {@code [floor(o * in / out), ceil((o + 1) * in / out))}. Windows can differ in size; the table
     * has room for the largest and marks unused slots -1.
     */
    static Windows adaptive(int height, int width, int outH, int outW) {
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: output size must be positive, got (" + outH + ", " + outW + ")");
        }
        int kernelH = largestWindow(height, outH);
        int kernelW = largestWindow(width, outW);
        int positions = outH * outW;
        int[] offsets = new int[kernelH * kernelW * positions];
        java.util.Arrays.fill(offsets, -1);
        for (int oh = 0; oh < outH; oh++) {
            int h0 = start(oh, height, outH);
            int h1 = end(oh, height, outH);
            for (int ow = 0; ow < outW; ow++) {
                int w0 = start(ow, width, outW);
                int w1 = end(ow, width, outW);
                for (int ih = h0; ih < h1; ih++) {
                    for (int iw = w0; iw < w1; iw++) {
                        int k = (ih - h0) * kernelW + (iw - w0);
                        offsets[k * positions + oh * outW + ow] = ih * width + iw;
                    }
                }
            }
        }
        return new Windows(height, width, outH, outW, kernelH * kernelW, positions, offsets);
    }

    private static int start(int o, int in, int out) {
        return (int) ((long) o * in / out);
    }

    private static int end(int o, int in, int out) {
        return (int) Math.ceilDiv((long) (o + 1) * in, out);
    }

    private static int largestWindow(int in, int out) {
        int largest = 0;
        for (int o = 0; o < out; o++) {
            largest = Math.max(largest, end(o, in, out) - start(o, in, out));
        }
        return largest;
    }
}
