package jgrad.nn;

import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.nn.functional.PoolOptions;

import java.util.Arrays;

/**
 * Max pooling: {@code y[n, c, h, w] = max over the window at (h, w) of x[n, c]} (see {@link F#maxPool2d}).
 * Shapes: {@code (N, C, H, W) -> (N, C, Ho, Wo)}, {@code Ho = floor((H + 2 p - d (k - 1) - 1) / s) + 1}
 * (rounded up with {@code ceilMode}). The stride defaults to the kernel size.
 */
public final class MaxPool2d extends Module {
    private final int[] kernelSize, stride, padding, dilation;
    private final boolean ceilMode;

    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    public MaxPool2d(int kernelSize, int stride) {
        this(new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {0, 0}, new int[] {1, 1}, false);
    }

    /**
     * PyTorch's keyword form, {@code nn.MaxPool2d(kernel_size, **options)}:
     * {@code new MaxPool2d(3, F.poolOptions().stride(2).padding(1))} (see {@link PoolOptions}).
     */
    public MaxPool2d(int kernelSize, PoolOptions options) {
        this(new int[] {kernelSize, kernelSize}, options.forMax("MaxPool2d").strideOr(new int[] {kernelSize, kernelSize}),
                options.padding(), options.dilation(), options.ceilMode());
    }

    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Arrays.toString(kernelSize) + ", stride=" + Arrays.toString(stride) + ", padding="
                + Arrays.toString(padding) + ", dilation=" + Arrays.toString(dilation) + ", ceil_mode=" + ceilMode;
    }
}
