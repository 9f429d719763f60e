package jgrad.nn;

import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.nn.functional.PoolOptions;

/**
 * Max pooling along a sequence: {@code y[n, c, t] = max over the window at t of x[n, c]} (see
 * {@link F#maxPool1d}). Shapes {@code (N, C, L) -> (N, C, Lo)}, {@code Lo = floor((L + 2 p - d (k - 1) - 1) / s) + 1}
 * (rounded up with {@code ceilMode}). The stride defaults to the kernel size.
 */
public final class MaxPool1d extends Module {
    private final int kernelSize, stride, padding, dilation;
    private final boolean ceilMode;

    public MaxPool1d(int kernelSize) {
        this(kernelSize, kernelSize, 0, 1, false);
    }

    /** PyTorch's keyword form, {@code nn.MaxPool1d(kernel_size, **options)} (see {@link PoolOptions}). */
    public MaxPool1d(int kernelSize, PoolOptions options) {
        this(kernelSize, options.forMax("MaxPool1d").for1d("MaxPool1d").strideOr(new int[] {kernelSize, kernelSize})[1],
                options.paddingW(), options.dilationW(), options.ceilMode());
    }

    public MaxPool1d(int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool1d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", ceil_mode=" + ceilMode;
    }
}
