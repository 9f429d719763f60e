package jgrad.nn;

import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.nn.functional.PoolOptions;

/**
 * Average pooling along a sequence: {@code y[n, c, t] = mean over the window at t of x[n, c]} (see
 * {@link F#avgPool1d}). Shapes {@code (N, C, L) -> (N, C, Lo)}; the stride defaults to the kernel size.
 */
public final class AvgPool1d extends Module {
    private final int kernelSize, stride, padding;
    private final boolean ceilMode, countIncludePad;

    public AvgPool1d(int kernelSize) {
        this(kernelSize, kernelSize, 0, false, true);
    }

    /** PyTorch's keyword form, {@code nn.AvgPool1d(kernel_size, **options)} (see {@link PoolOptions}). */
    public AvgPool1d(int kernelSize, PoolOptions options) {
        this(kernelSize, options.forAvg("AvgPool1d").for1d("AvgPool1d").strideOr(new int[] {kernelSize, kernelSize})[1],
                options.paddingW(), options.ceilMode(), options.countIncludePad());
    }

    public AvgPool1d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool1d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", ceil_mode=" + ceilMode
                + ", count_include_pad=" + countIncludePad;
    }
}
