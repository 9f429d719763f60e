package jgrad.nn;

import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.nn.functional.PoolOptions;

import java.util.Arrays;

/**
 * Average pooling: each output is the window's sum divided by its size (see {@link F#avgPool2d}
 * for the divisor rules). Shapes: {@code (N, C, H, W) -> (N, C, Ho, Wo)}. The stride defaults to the
 * kernel size; {@code countIncludePad} defaults to true as in PyTorch.
 */
public final class AvgPool2d extends Module {
    private final int[] kernelSize, stride, padding;
    private final boolean ceilMode, countIncludePad;
    private final int divisorOverride;

    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    public AvgPool2d(int kernelSize, int stride) {
        this(new int[] {kernelSize, kernelSize}, new int[] {stride, stride}, new int[] {0, 0}, false, true, 0);
    }

    /** PyTorch's keyword form, {@code nn.AvgPool2d(kernel_size, **options)} (see {@link PoolOptions}). */
    public AvgPool2d(int kernelSize, PoolOptions options) {
        this(new int[] {kernelSize, kernelSize}, options.forAvg("AvgPool2d").strideOr(new int[] {kernelSize, kernelSize}),
                options.padding(), options.ceilMode(), options.countIncludePad(), options.divisorOverride());
    }

    /** {@code divisorOverride <= 0} means none. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad,
                     int divisorOverride) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Arrays.toString(kernelSize) + ", stride=" + Arrays.toString(stride) + ", padding="
                + Arrays.toString(padding);
    }
}
