package jgrad.nn.functional;

import jgrad.Grad;
import jgrad.Tensor;

/**
 * 2-D transposed convolution: the adjoint of {@link Convolution}'s map from input to output, so
 * its forward is a convolution's input gradient and its backward is a convolution.
 *
 * <p>Shapes: input {@code x (N, C, H, W)}, weight {@code (C, O/G, kH, kW)} (PyTorch's layout: input
 * channels first), bias {@code (O)}, output {@code (N, O, Ho, Wo)} with
 * {@code Ho = (H - 1) s - 2 p + d (kH - 1) + output_padding + 1}. Every input pixel scatters a
 * weighted copy of the kernel into the output:
 * {@code y[n, o, h s - p + i d, w s - p + j d] += x[n, c, h, w] W[c, o, i, j]}.
 * <pre>
 *   forward:  cols_g = W_g^T @ x_g               (O/G kH kW, N H W)   one GEMM per group
 *             y = col2im(cols) + b               windows of the convolution (Ho, Wo) -> (H, W)
 *   backward: dcols = im2col(dy)                 (O kH kW, N H W)
 *             dx_g = W_g @ dcols_g               (C/G, N H W)
 *             dW_g = x_g @ dcols_g^T             (C/G, O/G kH kW)
 *             db = sum of dy over (N, Ho, Wo)
 * </pre>
 * The GEMMs go through {@link Tensor#matmul}; im2col and col2im are {@link Convolution}'s.
 */
final class TransposedConvolution {
    private TransposedConvolution() {
    }

    static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                  int[] outputPadding, int[] dilation, int groups) {
        if (input.dim() == 3) {
            return convTranspose2d(input.unsqueeze(0), weight, bias, stride, padding, outputPadding, dilation, groups)
                    .squeeze(0);
        }
        ConvolutionChecks.checkTransposedConvolution("convTranspose2d", 2, input, weight, bias, groups);
        int batch = input.size(0), channels = input.size(1), height = input.size(2), width = input.size(3);
        int outChannels = weight.size(1) * groups;
        int outH = outputSize("height", height, weight.size(2), stride[0], padding[0], outputPadding[0], dilation[0]);
        int outW = outputSize("width", width, weight.size(3), stride[1], padding[1], outputPadding[1], dilation[1]);
        Windows windows = Windows.withOutputSize(outH, outW, height, width, new int[] {weight.size(2), weight.size(3)},
                stride, padding, dilation);
        int inPerGroup = channels / groups;
        int rowsPerGroup = weight.size(1) * windows.kernelArea();                      // (O/G) kH kW
        int[] outputShape = {batch, outChannels, outH, outW};

        Tensor output;
        Tensor input2d;
        Tensor weight2d;
        try (var ignored = Grad.noGrad()) {
            input2d = input.permute(1, 0, 2, 3).reshape(channels, batch * height * width);      // (C, N H W)
            weight2d = weight.reshape(channels, rowsPerGroup);                                   // (C, (O/G) kH kW)
            Tensor cols = Convolution.perGroup(groups, g -> weight2d.narrow(0, g * inPerGroup, inPerGroup).t()
                    .matmul(input2d.narrow(0, g * inPerGroup, inPerGroup)));                    // (O kH kW, N H W)
            output = Convolution.col2im(cols, windows, outputShape);
            if (bias != null) {
                output = output.add(bias.reshape(1, outChannels, 1, 1));
            }
        }
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        int[] inputShape = input.shape();
        return Grad.record(output, "ConvolutionTransposeBackward", gradOutput -> {
            Tensor colsGrad = Convolution.im2col(gradOutput.contiguous(), windows);            // (O kH kW, N H W)
            Tensor inputGrad = null;
            Tensor weightGrad = null;
            if (input.requiresGrad()) {
                inputGrad = Convolution.perGroup(groups, g -> weight2d.narrow(0, g * inPerGroup, inPerGroup)
                                .matmul(colsGrad.narrow(0, g * rowsPerGroup, rowsPerGroup)))   // (C, N H W)
                        .reshape(channels, batch, height, width).permute(1, 0, 2, 3).contiguous();
            }
            if (weight.requiresGrad()) {
                weightGrad = Convolution.perGroup(groups, g -> input2d.narrow(0, g * inPerGroup, inPerGroup)
                                .matmul(colsGrad.narrow(0, g * rowsPerGroup, rowsPerGroup).t()))
                        .reshape(weight.shape());
            }
            if (bias == null) {
                return new Tensor[] {inputGrad, weightGrad};
            }
            return new Tensor[] {inputGrad, weightGrad, gradOutput.sum(new int[] {0, 2, 3}, false)};
        }, inputs);
    }

    /** {@code (in - 1) s - 2 p + d (k - 1) + output_padding + 1}, with PyTorch's rule output_padding < max(s, d). */
    static int outputSize(String dimName, int in, int kernel, int stride, int padding, int outputPadding, int dilation) {
        if (kernel <= 0 || stride <= 0 || dilation <= 0 || padding < 0 || outputPadding < 0) {
            throw new IllegalArgumentException("convTranspose2d: kernel, stride and dilation must be positive and padding "
                    + "and output_padding non-negative, got kernel=" + kernel + ", stride=" + stride + ", padding="
                    + padding + ", output_padding=" + outputPadding + ", dilation=" + dilation);
        }
        if (outputPadding >= stride && outputPadding >= dilation) {
            throw new IllegalArgumentException("convTranspose2d: output_padding " + outputPadding + " (" + dimName
                    + ") must be smaller than either the stride " + stride + " or the dilation " + dilation);
        }
        int out = (in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
        if (out <= 0) {
            throw new IllegalArgumentException("convTranspose2d: input " + dimName + " " + in + " with kernel " + kernel
                    + ", stride " + stride + ", padding " + padding + " gives an empty output (" + out + ")");
        }
        return out;
    }
}
