package jgrad.nn.functional;

import jgrad.Grad;
import jgrad.KernelChoice;
import jgrad.Storage;
import jgrad.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * 2-D convolution as one matrix product over im2col columns, with a hand-written backward.
 *
 * <p>Shapes: input {@code x (N, C, H, W)}, weight {@code (O, C/G, kH, kW)} for {@code G} groups,
 * bias {@code (O)}, output {@code (N, O, Ho, Wo)}; {@code L = Ho * Wo}, {@code K = (C/G) kH kW}.
 * <pre>
 *   forward:  cols = im2col(x)                     (C kH kW, N L)   row (c, i, j), column (n, oh, ow)
 *             out_g = W_g @ cols_g                  (O/G, N L)       one GEMM per group
 *             y = out + b, permuted to (N, O, Ho, Wo)
 *   backward: dW_g = dy_g @ cols_g^T               (O/G, K)
 *             dcols_g = W_g^T @ dy_g               (K, N L)
 *             dx = col2im(dcols)                    sums every column entry back where it was read
 *             db = sum of dy over (N, Ho, Wo)
 * </pre>
 * The GEMMs go through {@link Tensor#matmul}, so convolution gets faster whenever matmul does. The
 * forward keeps {@code cols} for the backward. This is the reference that float64 (and dilated
 * convolutions) run, and float32 under the reference kernels; under the fast kernels float32 takes
 * {@link FastConvolution}, the same math per image on the SIMD kernels.
 */
final class Convolution {
    private Convolution() {
    }

    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        if (input.dim() == 3) {
            return conv2d(input.unsqueeze(0), weight, bias, stride, padding, dilation, groups).squeeze(0);
        }
        ConvolutionChecks.checkConvolution("conv2d", 2, input, weight, bias, groups);
        int batch = input.size(0);
        int channels = input.size(1);
        int outChannels = weight.size(0);
        Windows windows = Windows.regular("conv2d", input.size(2), input.size(3),
                new int[] {weight.size(2), weight.size(3)}, stride, padding, dilation, false);
        if (KernelChoice.fastFloat32(input, weight, bias) && FastConvolution.covers(dilation)) {
            return FastConvolution.conv2d(input, weight, bias, stride, padding, groups);
        }
        int rowsPerGroup = (channels / groups) * windows.kernelArea();
        int outPerGroup = outChannels / groups;

        Tensor output;
        Tensor cols;
        Tensor weight2d;
        try (var ignored = Grad.noGrad()) {
            cols = im2col(input.contiguous(), windows);                                 // (C kH kW, N L)
            weight2d = weight.reshape(outChannels, rowsPerGroup);                       // (O, K)
            Tensor out2d = perGroup(groups, g -> weight2d.narrow(0, g * outPerGroup, outPerGroup)
                    .matmul(cols.narrow(0, g * rowsPerGroup, rowsPerGroup)));          // (O, N L)
            if (bias != null) {
                out2d = out2d.add(bias.reshape(outChannels, 1));
            }
            output = out2d.reshape(outChannels, batch, windows.outH(), windows.outW())
                    .permute(1, 0, 2, 3).copy();                                         // (N, O, Ho, Wo)
        }
        int[] inputShape = input.shape();
        Tensor[] inputs = bias == null ? new Tensor[] {input, weight} : new Tensor[] {input, weight, bias};
        return Grad.record(output, "ConvolutionBackward", gradOutput -> {
            Tensor grad2d = gradOutput.permute(1, 0, 2, 3).reshape(outChannels, -1);   // (O, N L)
            Tensor inputGrad = null;
            Tensor weightGrad = null;
            if (input.requiresGrad()) {
                Tensor colsGrad = perGroup(groups, g -> weight2d.narrow(0, g * outPerGroup, outPerGroup).t()
                        .matmul(grad2d.narrow(0, g * outPerGroup, outPerGroup)));      // (C kH kW, N L)
                inputGrad = col2im(colsGrad, windows, inputShape);
            }
            if (weight.requiresGrad()) {
                weightGrad = perGroup(groups, g -> grad2d.narrow(0, g * outPerGroup, outPerGroup)
                        .matmul(cols.narrow(0, g * rowsPerGroup, rowsPerGroup).t()))   // (O, K)
                        .reshape(weight.shape());
            }
            if (bias == null) {
                return new Tensor[] {inputGrad, weightGrad};
            }
            return new Tensor[] {inputGrad, weightGrad, grad2d.sum(1)};
        }, inputs);
    }

    /** Runs {@code product} for each group and stacks the results along dim 0. */
    static Tensor perGroup(int groups, java.util.function.IntFunction<Tensor> product) {
        if (groups == 1) {
            return product.apply(0);
        }
        List<Tensor> parts = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            parts.add(product.apply(g));
        }
        return Tensor.cat(parts, 0);
    }

    // im2col: cols[(c, k)][(n, l)] = x[n][c] at windows.offset(k, l), or 0 in the padding.
    static Tensor im2col(Tensor x, Windows windows) {
        int batch = x.size(0), channels = x.size(1);
        int positions = windows.positions(), plane = windows.planeSize();
        Tensor cols = Tensor.zeros(x.dtype(), channels * windows.kernelArea(), batch * positions);
        Storage in = x.storage();
        Storage out = cols.storage();
        int base = x.storageOffset();
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < windows.kernelArea(); k++) {
                int row = (c * windows.kernelArea() + k) * batch * positions;
                for (int n = 0; n < batch; n++) {
                    int image = base + (n * channels + c) * plane;
                    int column = row + n * positions;
                    for (int l = 0; l < positions; l++) {
                        int at = windows.offset(k, l);
                        if (at >= 0) {
                            out.set(column + l, in.get(image + at));
                        }
                    }
                }
            }
        }
        return cols;
    }

    // col2im, the adjoint of im2col: dx[n][c] at windows.offset(k, l) += dcols[(c, k)][(n, l)].
    // An input pixel read by several windows collects the gradient of each.
    static Tensor col2im(Tensor colsGrad, Windows windows, int[] inputShape) {
        Tensor cols = colsGrad.contiguous();
        int batch = inputShape[0], channels = inputShape[1];
        int positions = windows.positions(), plane = windows.planeSize();
        Tensor x = Tensor.zeros(cols.dtype(), inputShape);
        Storage in = cols.storage();
        Storage out = x.storage();
        int base = cols.storageOffset();
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < windows.kernelArea(); k++) {
                int row = base + (c * windows.kernelArea() + k) * batch * positions;
                for (int n = 0; n < batch; n++) {
                    int image = (n * channels + c) * plane;
                    int column = row + n * positions;
                    for (int l = 0; l < positions; l++) {
                        int at = windows.offset(k, l);
                        if (at >= 0) {
                            out.set(image + at, out.get(image + at) + in.get(column + l));
                        }
                    }
                }
            }
        }
        return x;
    }
}
