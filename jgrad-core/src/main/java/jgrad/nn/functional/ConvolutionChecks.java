package jgrad.nn.functional;

import jgrad.Shape;
import jgrad.Tensor;

import java.util.Arrays;

/**
 * The argument checks every convolution shares, written once so that {@link F#conv1d},
 * {@link F#conv2d}, {@link F#convTranspose2d} and the layers {@link jgrad.nn.Conv1d},
 * {@link jgrad.nn.Conv2d}, {@link jgrad.nn.ConvTranspose2d} fail the same way: one message naming
 * the op, the shapes it got and what it expected, before any index arithmetic.
 *
 * <p>The weight layouts are PyTorch's and differ only in which end holds which channels:
 * <pre>
 *   convolution             weight (O, C/groups, k...)    C = weight.size(1) * groups, O = weight.size(0)
 *   transposed convolution  weight (C, O/groups, k...)    C = weight.size(0),          O = weight.size(1) * groups
 * </pre>
 * for input {@code (N, C, spatial...)} and output {@code (N, O, spatial...)}; {@code k...} is
 * {@code K} in 1-D and {@code kH, kW} in 2-D. The sizes along the spatial dims (stride, padding,
 * dilation, output size) are checked where they are computed, in {@code Windows.outputSize} and
 * {@code TransposedConvolution.outputSize}.
 */
public final class ConvolutionChecks {
    private ConvolutionChecks() {
    }

    /**
     * A layer's constructor options: {@code groups} positive and dividing both channel counts, every
     * kernel size positive. {@code layer} names the layer in the message ("Conv2d").
     */
    public static void checkLayer(String layer, int inChannels, int outChannels, int groups, int... kernelSize) {
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(layer + ": groups=" + groups + " must be positive and divide in_channels="
                    + inChannels + " and out_channels=" + outChannels);
        }
        if (Arrays.stream(kernelSize).anyMatch(size -> size <= 0)) {
            throw new IllegalArgumentException(layer + ": kernel_size must be positive, got "
                    + (kernelSize.length == 1 ? String.valueOf(kernelSize[0]) : Arrays.toString(kernelSize)));
        }
    }

    /**
     * The tensors of one convolution call: a batched input {@code (N, C, spatial...)} with
     * {@code spatialDims} spatial dims (the ops add the batch dim of an unbatched input before
     * checking), weight {@code (O, C/groups, k...)}, bias {@code (O)} or null, one floating dtype for
     * all, and {@code groups} that divide both channel counts.
     */
    static void checkConvolution(String op, int spatialDims, Tensor input, Tensor weight, Tensor bias, int groups) {
        checkTensors(op, false, spatialDims, input, weight, bias, groups);
    }

    /** {@link #checkConvolution} for a transposed convolution, whose weight is {@code (C, O/groups, k...)}. */
    static void checkTransposedConvolution(String op, int spatialDims, Tensor input, Tensor weight, Tensor bias,
                                           int groups) {
        checkTensors(op, true, spatialDims, input, weight, bias, groups);
    }

    private static void checkTensors(String op, boolean transposed, int spatialDims, Tensor input, Tensor weight,
                                     Tensor bias, int groups) {
        String shapes = "input " + Shape.format(input.shape()) + ", weight " + Shape.format(weight.shape())
                + (bias == null ? "" : ", bias " + Shape.format(bias.shape())) + ", groups=" + groups;
        if (input.dim() != spatialDims + 2 || weight.dim() != spatialDims + 2) {
            throw new IllegalArgumentException(op + ": expected input " + inputLayout(spatialDims) + " and weight "
                    + weightLayout(transposed, spatialDims) + ", got " + shapes);
        }
        if (!input.dtype().isFloatingPoint() || input.dtype() != weight.dtype() || (bias != null && bias.dtype() != input.dtype())) {
            throw new IllegalArgumentException(op + ": input, weight and bias must share one floating dtype, got "
                    + input.dtype() + ", " + weight.dtype() + (bias == null ? "" : ", " + bias.dtype()));
        }
        int inChannels = input.size(1);
        int outChannels = transposed ? weight.size(1) * groups : weight.size(0);
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(op + ": groups must be positive and divide both the input channels and "
                    + "the output channels, got " + shapes);
        }
        int weightInChannels = transposed ? weight.size(0) : weight.size(1) * groups;
        if (inChannels != weightInChannels) {
            throw new IllegalArgumentException(op + ": expected the input to have "
                    + (transposed ? "weight.size(0)" : "weight.size(1) * groups") + " = " + weightInChannels
                    + " channels, got " + shapes);
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != outChannels)) {
            throw new IllegalArgumentException(op + ": expected bias of shape (" + outChannels + ",), got " + shapes);
        }
    }

    private static String inputLayout(int spatialDims) {
        return spatialDims == 1 ? "(N, C, L) or (C, L)" : "(N, C, H, W) or (C, H, W)";
    }

    private static String weightLayout(boolean transposed, int spatialDims) {
        String channels = transposed ? "C, O/groups" : "O, C/groups";
        return "(" + channels + (spatialDims == 1 ? ", K)" : ", kH, kW)");
    }
}
