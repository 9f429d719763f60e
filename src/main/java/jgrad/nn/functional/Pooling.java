package jgrad.nn.functional;

import jgrad.Grad;
import jgrad.Shape;
import jgrad.Storage;
import jgrad.Tensor;

/**
 * Max and average pooling over 2-D windows, each with a hand-written backward. Every plane
 * {@code (n, c)} is pooled on its own; {@link Windows} says which input pixels a window covers.
 *
 * <p>Shapes: input {@code (N, C, H, W)} or {@code (C, H, W)}, output {@code (N, C, Ho, Wo)}.
 */
final class Pooling {
    private Pooling() {
    }

    // y[p][l] = max over the window's pixels x[p][offset(k, l)]      (padding never wins)
    // dx[p][argmax(p, l)] += dy[p][l]                                  (overlapping windows add up)
    static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        if (input.dim() == 3) {
            return maxPool2d(input.unsqueeze(0), kernel, stride, padding, dilation, ceilMode).squeeze(0);
        }
        check("maxPool2d", input, kernel, padding);
        Windows windows = Windows.regular("maxPool2d", input.size(2), input.size(3), kernel, stride, padding, dilation, ceilMode);
        Tensor x = input.contiguous();
        int planes = x.size(0) * x.size(1);
        int positions = windows.positions();
        Tensor output = Tensor.zeros(x.dtype(), x.size(0), x.size(1), windows.outH(), windows.outW());
        int[] argmax = new int[planes * positions];      // plane offset of the winner of each output
        Storage in = x.storage();
        Storage out = output.storage();
        for (int p = 0; p < planes; p++) {
            int plane = x.storageOffset() + p * windows.planeSize();
            for (int l = 0; l < positions; l++) {
                double best = Double.NEGATIVE_INFINITY;
                int bestAt = -1;
                for (int k = 0; k < windows.kernelArea(); k++) {
                    int at = windows.offset(k, l);
                    if (at < 0) {
                        continue;
                    }
                    double v = in.get(plane + at);
                    if (bestAt < 0 || v > best || Double.isNaN(v)) {
                        best = v;
                        bestAt = at;
                        if (Double.isNaN(v)) break;
                    }
                }
                out.set(p * positions + l, best);
                argmax[p * positions + l] = bestAt;
            }
        }
        int[] inputShape = input.shape();
        return Grad.record(output, "MaxPool2DBackward", gradOutput -> {
            Tensor g = gradOutput.contiguous();
            Tensor inputGrad = Tensor.zeros(g.dtype(), inputShape);
            Storage gs = g.storage();
            Storage dx = inputGrad.storage();
            int plane = windows.planeSize();
            for (int p = 0; p < planes; p++) {
                for (int l = 0; l < positions; l++) {
                    int winner = argmax[p * positions + l];
                    if (winner < 0) continue;        // a window that saw only padding outputs -inf
                    int at = p * plane + winner;
                    dx.set(at, dx.get(at) + gs.get(g.storageOffset() + p * positions + l));
                }
            }
            return new Tensor[] {inputGrad};
        }, input);
    }

    /**
     * Average pooling: the sum over each window's pixels divided by {@code divisor[l]}. PyTorch's
     * divisor: with {@code countIncludePad} the window's size clipped to the padded input, without it
     * only the real pixels it covers; {@code divisorOverride > 0} replaces both.
     */
    static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                            boolean countIncludePad, int divisorOverride) {
        if (input.dim() == 3) {
            return avgPool2d(input.unsqueeze(0), kernel, stride, padding, ceilMode, countIncludePad, divisorOverride).squeeze(0);
        }
        check("avgPool2d", input, kernel, padding);
        int[] noDilation = {1, 1};
        Windows windows = Windows.regular("avgPool2d", input.size(2), input.size(3), kernel, stride, padding, noDilation, ceilMode);
        double[] divisor = new double[windows.positions()];
        for (int oh = 0; oh < windows.outH(); oh++) {
            for (int ow = 0; ow < windows.outW(); ow++) {
                int l = oh * windows.outW() + ow;
                if (divisorOverride > 0) {
                    divisor[l] = divisorOverride;
                } else if (countIncludePad) {
                    int h0 = oh * stride[0] - padding[0], w0 = ow * stride[1] - padding[1];
                    int h1 = Math.min(h0 + kernel[0], input.size(2) + padding[0]);
                    int w1 = Math.min(w0 + kernel[1], input.size(3) + padding[1]);
                    divisor[l] = (h1 - h0) * (w1 - w0);
                } else {
                    divisor[l] = realPixels(windows, l);
                }
            }
        }
        return windowMean(input, windows, divisor, "AvgPool2DBackward");
    }

    /** Each output is the mean of an adaptive window (see {@link Windows#adaptive}). */
    static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
        if (input.dim() == 3) {
            return adaptiveAvgPool2d(input.unsqueeze(0), outH, outW).squeeze(0);
        }
        check("adaptiveAvgPool2d", input, new int[] {1, 1}, new int[] {0, 0});
        Windows windows = Windows.adaptive(input.size(2), input.size(3), outH, outW);
        double[] divisor = new double[windows.positions()];
        for (int l = 0; l < divisor.length; l++) {
            divisor[l] = realPixels(windows, l);
        }
        return windowMean(input, windows, divisor, "AdaptiveAvgPool2DBackward");
    }

    private static int realPixels(Windows windows, int l) {
        int count = 0;
        for (int k = 0; k < windows.kernelArea(); k++) {
            if (windows.offset(k, l) >= 0) count++;
        }
        return count;
    }

    // y[p][l] = (sum over the window's pixels of x[p][offset(k, l)]) / divisor[l]
    // dx[p][offset(k, l)] += dy[p][l] / divisor[l]
    private static Tensor windowMean(Tensor input, Windows windows, double[] divisor, String backwardName) {
        Tensor x = input.contiguous();
        int planes = x.size(0) * x.size(1);
        int positions = windows.positions();
        Tensor output = Tensor.zeros(x.dtype(), x.size(0), x.size(1), windows.outH(), windows.outW());
        Storage in = x.storage();
        Storage out = output.storage();
        for (int p = 0; p < planes; p++) {
            int plane = x.storageOffset() + p * windows.planeSize();
            for (int l = 0; l < positions; l++) {
                double sum = 0;
                for (int k = 0; k < windows.kernelArea(); k++) {
                    int at = windows.offset(k, l);
                    if (at >= 0) sum += in.get(plane + at);
                }
                out.set(p * positions + l, sum / divisor[l]);
            }
        }
        int[] inputShape = input.shape();
        return Grad.record(output, backwardName, gradOutput -> {
            Tensor g = gradOutput.contiguous();
            Tensor inputGrad = Tensor.zeros(g.dtype(), inputShape);
            Storage gs = g.storage();
            Storage dx = inputGrad.storage();
            for (int p = 0; p < planes; p++) {
                int plane = p * windows.planeSize();
                for (int l = 0; l < positions; l++) {
                    double share = gs.get(g.storageOffset() + p * positions + l) / divisor[l];
                    for (int k = 0; k < windows.kernelArea(); k++) {
                        int at = windows.offset(k, l);
                        if (at >= 0) dx.set(plane + at, dx.get(plane + at) + share);
                    }
                }
            }
            return new Tensor[] {inputGrad};
        }, input);
    }

    private static void check(String op, Tensor input, int[] kernel, int[] padding) {
        if (input.dim() != 4 || !input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": expected a floating input of shape (N, C, H, W) or (C, H, W), got "
                    + input.dtype() + " " + Shape.format(input.shape()));
        }
        for (int d = 0; d < 2; d++) {
            if (padding[d] > kernel[d] / 2) {
                throw new IllegalArgumentException(op + ": padding " + padding[d] + " must be at most half the kernel size "
                        + kernel[d] + " (otherwise a window could see only padding)");
            }
        }
    }
}
