package jgrad.nn.functional;

/**
 * The keyword arguments of PyTorch's pooling after {@code kernel_size} ({@code MaxPool1d/2d},
 * {@code AvgPool1d/2d} and their {@code F} functions), one fluent setter per keyword; start from
 * {@link F#poolOptions()} (PyTorch's defaults). Each value is given per spatial dim, (H, W); a 1d
 * pool reads the W entry and the one-number setters set both.
 *
 * <pre>{@code
 * // nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)
 * var pool = new MaxPool2d(3, F.poolOptions().stride(2).padding(1).ceilMode(true));
 * }</pre>
 *
 * @param strideH         {@code stride}; 0 stands for PyTorch's {@code None}: the kernel size (default)
 * @param paddingH        {@code padding}, implicit padding on both sides (default 0)
 * @param dilationH       {@code dilation}, max pooling only (default 1)
 * @param ceilMode        {@code ceil_mode}: round the output size up (default false)
 * @param countIncludePad {@code count_include_pad}, average pooling only (default true)
 * @param divisorOverride {@code divisor_override}, average pooling only; 0 stands for {@code None} (default)
 */
public record PoolOptions(int strideH, int strideW, int paddingH, int paddingW, int dilationH, int dilationW,
                          boolean ceilMode, boolean countIncludePad, int divisorOverride) {

    /** {@code stride} for both dims. */
    public PoolOptions stride(int stride) {
        return stride(stride, stride);
    }

    /** {@code stride=(h, w)}. */
    public PoolOptions stride(int h, int w) {
        return new PoolOptions(h, w, paddingH, paddingW, dilationH, dilationW, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code padding} for both dims. */
    public PoolOptions padding(int padding) {
        return padding(padding, padding);
    }

    /** {@code padding=(h, w)}. */
    public PoolOptions padding(int h, int w) {
        return new PoolOptions(strideH, strideW, h, w, dilationH, dilationW, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code dilation} for both dims (max pooling). */
    public PoolOptions dilation(int dilation) {
        return dilation(dilation, dilation);
    }

    /** {@code dilation=(h, w)} (max pooling). */
    public PoolOptions dilation(int h, int w) {
        return new PoolOptions(strideH, strideW, paddingH, paddingW, h, w, ceilMode, countIncludePad, divisorOverride);
    }

    /** {@code ceil_mode}. */
    public PoolOptions ceilMode(boolean ceilMode) {
        return new PoolOptions(strideH, strideW, paddingH, paddingW, dilationH, dilationW, ceilMode, countIncludePad,
                divisorOverride);
    }

    /** {@code count_include_pad} (average pooling). */
    public PoolOptions countIncludePad(boolean countIncludePad) {
        return new PoolOptions(strideH, strideW, paddingH, paddingW, dilationH, dilationW, ceilMode, countIncludePad,
                divisorOverride);
    }

    /** {@code divisor_override} (average pooling). */
    public PoolOptions divisorOverride(int divisorOverride) {
        return new PoolOptions(strideH, strideW, paddingH, paddingW, dilationH, dilationW, ceilMode, countIncludePad,
                divisorOverride);
    }

    /** The stride per dim, (H, W), with the kernel size where none was given. */
    public int[] strideOr(int[] kernelSize) {
        return new int[] {strideH == 0 ? kernelSize[0] : strideH, strideW == 0 ? kernelSize[1] : strideW};
    }

    /** {@code padding} per dim, (H, W). */
    public int[] padding() {
        return new int[] {paddingH, paddingW};
    }

    /** {@code dilation} per dim, (H, W). */
    public int[] dilation() {
        return new int[] {dilationH, dilationW};
    }

    /** Max pooling has no averaging keywords; refuse them rather than ignore them. */
    public PoolOptions forMax(String op) {
        if (!countIncludePad || divisorOverride != 0) {
            throw new IllegalArgumentException(op + ": countIncludePad and divisorOverride are average-pooling options, got "
                    + countIncludePad + " and " + divisorOverride);
        }
        return this;
    }

    /** Average pooling has no dilation (as in PyTorch); refuse one rather than ignore it. */
    public PoolOptions forAvg(String op) {
        if (dilationH != 1 || dilationW != 1) {
            throw new IllegalArgumentException(op + ": average pooling has no dilation, got (" + dilationH + ", " + dilationW + ")");
        }
        return this;
    }

    /** A 1d pool reads the W entries; different H entries were meant for a 2d pool, as is a divisor override. */
    public PoolOptions for1d(String op) {
        if (divisorOverride != 0) {
            throw new IllegalArgumentException(op + ": divisorOverride is a 2d-pooling option, got " + divisorOverride);
        }
        if (strideH != strideW || paddingH != paddingW || dilationH != dilationW) {
            throw new IllegalArgumentException(op + ": a 1d pool takes one stride, padding and dilation, got (H, W) pairs "
                    + "stride (" + strideH + ", " + strideW + "), padding (" + paddingH + ", " + paddingW + "), dilation ("
                    + dilationH + ", " + dilationW + ")");
        }
        return this;
    }
}
