package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.functional.ConvolutionChecks;
import jgrad.nn.functional.F;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * 2-D convolution (cross-correlation):
 * {@code y[n, o] = b[o] + sum_{c in group(o)} W[o, c] ⋆ x[n, c]} with stride, zero padding,
 * dilation and groups (see {@link F#conv2d}).
 *
 * <p>Shapes: input {@code (N, C, H, W)}, weight {@code (O, C/groups, kH, kW)}, bias {@code (O)},
 * output {@code (N, O, Ho, Wo)} with {@code Ho = floor((H + 2 p - d (kH - 1) - 1) / s) + 1}.
 * Initialised like PyTorch: W and b from {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))},
 * {@code fanIn = C/groups * kH * kW}.
 *
 * <pre>{@code
 * var conv = new Conv2d(1, 32, 3, 1, 1);      // 3x3, stride 1, padding 1: keeps 28x28
 * }</pre>
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;

    /** Square kernel, stride 1, no padding. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, new int[] {kernelSize, kernelSize}, new int[] {stride, stride},
                new int[] {padding, padding}, new int[] {1, 1}, 1, true, Jgrad.generator());
    }

    /** Every option, each size as {@code {height, width}}. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean bias, RandomGenerator generator) {
        ConvolutionChecks.checkLayer("Conv2d", inChannels, outChannels, groups, kernelSize);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
        Tensor w = Init.layerDefaultWeight_(Tensor.zeros(outChannels, inChannels / groups, kernelSize[0], kernelSize[1]), generator);
        registerParameter("weight", w);
        if (bias) {
            registerParameter("bias", Init.layerDefaultBias(w, outChannels, generator));
        }
    }

    public Tensor weight() {
        return parameter("weight");
    }

    public Tensor bias() {
        return parameter("bias");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.conv2d(input, weight(), bias(), stride, padding, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=" + Arrays.toString(kernelSize) + ", stride="
                + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding) + ", dilation="
                + Arrays.toString(dilation) + ", groups=" + groups + ", bias=" + (bias() != null);
    }
}
