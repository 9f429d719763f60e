package jgrad.nn;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.functional.ConvolutionChecks;
import jgrad.nn.functional.F;

import java.util.random.RandomGenerator;

/**
 * 1-D convolution over sequences (cross-correlation), PyTorch's {@code nn.Conv1d}:
 * {@code y[n, o, t] = b[o] + sum_{c in group(o), k} W[o, c, k] x[n, c, t s - p + k d]} (see {@link F#conv1d}).
 *
 * <p>Shapes: input {@code (N, C, L)}, weight {@code (O, C/groups, K)}, bias {@code (O)}, output
 * {@code (N, O, Lo)} with {@code Lo = floor((L + 2 p - d (K - 1) - 1) / s) + 1}. Text models keep
 * embeddings as {@code (N, L, E)}: transpose to {@code (N, E, L)} first. Initialised like PyTorch:
 * W and b from {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}, {@code fanIn = C/groups * K}.
 *
 * <pre>{@code
 * var trigrams = new Conv1d(64, 100, 3);            // 100 filters over 3 consecutive word vectors
 * Tensor features = trigrams.forward(embedded.transpose(1, 2)).relu().max(-1, false).values();   // (N, 100)
 * }</pre>
 */
public final class Conv1d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;

    /** Stride 1, no padding. */
    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true, Jgrad.generator());
    }

    /** Every option of PyTorch's {@code nn.Conv1d} (zero padding), with the generator that draws the weights. */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
                  boolean bias, RandomGenerator generator) {
        ConvolutionChecks.checkLayer("Conv1d", inChannels, outChannels, groups, kernelSize);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        Tensor w = Init.layerDefaultWeight_(Tensor.zeros(outChannels, inChannels / groups, kernelSize), generator);
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
        return F.conv1d(input, weight(), bias(), stride, padding, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=(" + kernelSize + ",), stride=(" + stride + ",), padding=("
                + padding + ",), dilation=(" + dilation + ",), groups=" + groups + ", bias=" + (bias() != null);
    }
}
