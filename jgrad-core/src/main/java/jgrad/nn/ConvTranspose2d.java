package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.functional.ConvolutionChecks;
import jgrad.nn.functional.F;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * 2-D transposed convolution (see {@link F#convTranspose2d}): each input pixel scatters a weighted
 * copy of the kernel into the output, so stride {@code s} makes the image {@code s} times larger.
 * It is the adjoint of {@link Conv2d} with the same options: a Conv2d maps {@code (H, W)} to
 * {@code (Ho, Wo)}, and this layer maps {@code (Ho, Wo)} back to {@code (H, W)}
 * ({@code outputPadding} picks among the sizes a strided convolution maps to the same output).
 *
 * <p>Shapes: input {@code (N, C, H, W)}, weight {@code (C, O/groups, kH, kW)}, bias {@code (O)},
 * output {@code (N, O, (H - 1) s - 2 p + d (kH - 1) + outputPadding + 1, ...)}. Initialised like
 * PyTorch: W and b from {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))} with
 * {@code fanIn = O/groups * kH * kW} (PyTorch's fan rule reads dim 1 of the weight).
 *
 * <pre>{@code
 * var up = new ConvTranspose2d(64, 32, 4, 2, 1);   // (N, 64, 7, 7) -> (N, 32, 14, 14)
 * }</pre>
 */
public final class ConvTranspose2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] outputPadding;
    private final int[] dilation;
    private final int groups;

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, new int[] {kernelSize, kernelSize}, new int[] {stride, stride},
                new int[] {padding, padding}, new int[] {0, 0}, 1, true, new int[] {1, 1}, Jgrad.generator());
    }

    /** Every option in PyTorch's order, each size as {@code {height, width}}. */
    public ConvTranspose2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding,
                           int[] outputPadding, int groups, boolean bias, int[] dilation, RandomGenerator generator) {
        ConvolutionChecks.checkLayer("ConvTranspose2d", inChannels, outChannels, groups, kernelSize);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.outputPadding = outputPadding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
        Tensor w = Init.layerDefaultWeight_(Tensor.zeros(inChannels, outChannels / groups, kernelSize[0], kernelSize[1]), generator);
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
        return F.convTranspose2d(input, weight(), bias(), stride, padding, outputPadding, groups, dilation);
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=" + Arrays.toString(kernelSize) + ", stride="
                + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding) + ", output_padding="
                + Arrays.toString(outputPadding) + ", dilation=" + Arrays.toString(dilation) + ", groups=" + groups
                + ", bias=" + (bias() != null);
    }
}
