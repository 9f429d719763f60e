package jgrad.nn.functional;

import jgrad.Grad;
import jgrad.KernelChoice;
import jgrad.Shape;
import jgrad.Storage;
import jgrad.Tensor;
import jgrad.kernels.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max and average pooling over 2-D windows, each with a hand-written backward. Every plane
 * {@code (n, c)} is pooled on its own; {@link Windows} says which input pixels a window covers.
 *
 * <p>Shapes: input {@code (N, C, H, W)} or {@code (C, H, W)}, output {@code (N, C, Ho, Wo)}.
 * Max pooling runs the reference loop over {@link Storage} for float64 and the same loop on the
 * raw float arrays for float32 (PoolingTest ties the two).
 */
final class Pooling {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());

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
        Tensor x = input.detach().contiguous();
        int planes = x.size(0) * x.size(1);
        int positions = windows.positions();
        Tensor output = Tensor.zeros(x.dtype(), x.size(0), x.size(1), windows.outH(), windows.outW());
        int[] argmax = new int[planes * positions];      // plane offset of the winner of each output
        if (KernelChoice.fastFloat32(x)) {
            maxPoolFloat32(floats(x), x.storageOffset(), floats(output), argmax, planes, windows, kernel, stride, padding, dilation);
        } else {
            maxPoolReference(x.storage(), x.storageOffset(), output.storage(), argmax, planes, windows);
        }
        int[] inputShape = input.shape();
        return Grad.record(output, "MaxPool2DBackward", gradOutput -> {
            Tensor g = gradOutput.to(output.dtype()).contiguous();
            Tensor inputGrad = Tensor.zeros(g.dtype(), inputShape);
            int plane = windows.planeSize();
            if (KernelChoice.fastFloat32(g)) {
                float[] gs = floats(g), dx = floats(inputGrad);
                int base = g.storageOffset();
                Parallel.forRange(0, planes, grain(positions), (from, to) -> {
                    for (int p = from; p < to; p++) {
                        for (int l = 0; l < positions; l++) {
                            int winner = argmax[p * positions + l];
                            if (winner >= 0) dx[p * plane + winner] += gs[base + p * positions + l];
                        }
                    }
                });
                return new Tensor[] {inputGrad};
            }
            Storage gs = g.storage();
            Storage dx = inputGrad.storage();
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

    /** The reference max-pool loop, for any dtype: the first maximum of each window wins, NaN wins at once. */
    private static void maxPoolReference(Storage in, int offset, Storage out, int[] argmax, int planes, Windows windows) {
        int positions = windows.positions();
        for (int p = 0; p < planes; p++) {
            int plane = offset + p * windows.planeSize();
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
    }

    /**
     * {@link #maxPoolReference} on float arrays (no virtual get/set, no widening), planes split over
     * threads; the same winners, so the same outputs and gradients. When a window reaches into the
     * padding (or past the edge in ceil mode) every window goes through the offset table like the
     * reference. Otherwise (the usual case) a window starts at pixel
     * {@code (oh sH, ow sW)} and tap {@code t = (i, j)} sits {@code taps[t] = (i dH) W + j dW} further
     * on, and the running maximum is updated without branches: whether {@code v > best} is a coin flip
     * on real data, which a branch predictor loses (measured 3x slower). For finite values
     * {@code v > best} exactly when {@code best - v} is negative (IEEE subtraction of distinct values
     * is never 0), so the sign bit of {@code best - v}, spread to a mask, selects the new index and
     * value. A window holding a NaN or an infinity, where that does not hold, is redone by the exact loop.
     */
    private static void maxPoolFloat32(float[] in, int offset, float[] out, int[] argmax, int planes, Windows windows,
                                       int[] kernel, int[] stride, int[] padding, int[] dilation) {
        int positions = windows.positions();
        boolean someWindowLeavesTheInput = padding[0] > 0 || padding[1] > 0;   // padding, or ceilMode's last windows
        for (int at : windows.offsets()) {
            someWindowLeavesTheInput |= at < 0;
        }
        if (someWindowLeavesTheInput) {
            Parallel.forRange(0, planes, grain(positions), (from, to) -> {
                for (int p = from; p < to; p++) {
                    int first = p * positions;
                    for (int l = 0; l < positions; l++) {
                        maxPoolWindowExactly(in, offset + p * windows.planeSize(), out, argmax, first + l, windows, l);
                    }
                }
            });
            return;
        }
        if (kernel[0] == 2 && kernel[1] == 2 && stride[0] == 2 && stride[1] == 2 && dilation[0] == 1 && dilation[1] == 1) {
            maxPool2x2(in, offset, out, argmax, planes, windows);
            return;
        }
        int width = windows.width(), outH = windows.outH(), outW = windows.outW();
        int[] taps = new int[kernel[0] * kernel[1]];
        for (int i = 0; i < kernel[0]; i++) {
            for (int j = 0; j < kernel[1]; j++) {
                taps[i * kernel[1] + j] = i * dilation[0] * width + j * dilation[1];
            }
        }
        int rowStep = stride[0] * width, columnStep = stride[1];
        Parallel.forRange(0, planes, grain(positions), (from, to) -> {
            for (int p = from; p < to; p++) {
                int plane = offset + p * windows.planeSize();
                int o = p * positions;
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++, o++) {
                        int corner = oh * rowStep + ow * columnStep;
                        float best = in[plane + corner];
                        int bestAt = corner;
                        float notFinite = best * 0f;                 // NaN once any tap is NaN or infinite
                        for (int t = 1; t < taps.length; t++) {
                            int at = corner + taps[t];
                            float v = in[plane + at];
                            notFinite += v * 0f;
                            int takes = Float.floatToRawIntBits(best - v) >> 31;   // -1 when v > best, else 0
                            bestAt ^= (bestAt ^ at) & takes;
                            int bestBits = Float.floatToRawIntBits(best);
                            best = Float.intBitsToFloat(bestBits ^ ((bestBits ^ Float.floatToRawIntBits(v)) & takes));
                        }
                        out[o] = best;
                        argmax[o] = bestAt;
                        if (notFinite != notFinite) {
                            maxPoolWindowExactly(in, plane, out, argmax, o, windows, oh * outW + ow);
                        }
                    }
                }
            }
        });
    }

    /**
     * The common case of {@link #maxPoolFloat32}, 2x2 windows at stride 2 inside the input, a vector
     * of outputs at a time: the window corners {@code (2 oh, 2 ow)} of consecutive outputs are
     * gathered through a table ({@code corners[l] = 2 oh W + 2 ow}), so a vector may span output
     * rows, and its four taps are compared in the reference's order with {@code >}: a later tap
     * wins only when strictly greater, the reference's rule for everything but NaN. A vector whose
     * taps hold a NaN (or add up to one, as +inf and -inf do) is redone by the exact loop; so are
     * the outputs past the last whole vector. W3 step, 1 thread: 45.8 -> 42.4 ms CPU.
     */
    private static void maxPool2x2(float[] in, int offset, float[] out, int[] argmax, int planes, Windows windows) {
        int width = windows.width(), outW = windows.outW(), positions = windows.positions();
        int[] corners = new int[positions];
        for (int l = 0; l < positions; l++) {
            corners[l] = l / outW * 2 * width + l % outW * 2;
        }
        int lanes = FLOATS.length(), wholeVectors = FLOATS.loopBound(positions);
        Parallel.forRange(0, planes, grain(positions), (from, to) -> {
            for (int p = from; p < to; p++) {
                int plane = offset + p * windows.planeSize();
                int o = p * positions;
                for (int l = 0; l < wholeVectors; l += lanes) {
                    var topLeft = FloatVector.fromArray(FLOATS, in, plane, corners, l);
                    var topRight = FloatVector.fromArray(FLOATS, in, plane + 1, corners, l);
                    var bottomLeft = FloatVector.fromArray(FLOATS, in, plane + width, corners, l);
                    var bottomRight = FloatVector.fromArray(FLOATS, in, plane + width + 1, corners, l);
                    var corner = IntVector.fromArray(INTS, corners, l);
                    var best = topLeft;
                    var winner = corner;
                    VectorMask<Float> takes = topRight.compare(VectorOperators.GT, best);
                    best = best.blend(topRight, takes);
                    winner = winner.blend(corner.add(1), takes.cast(INTS));
                    takes = bottomLeft.compare(VectorOperators.GT, best);
                    best = best.blend(bottomLeft, takes);
                    winner = winner.blend(corner.add(width), takes.cast(INTS));
                    takes = bottomRight.compare(VectorOperators.GT, best);
                    best = best.blend(bottomRight, takes);
                    winner = winner.blend(corner.add(width + 1), takes.cast(INTS));
                    best.intoArray(out, o + l);
                    winner.intoArray(argmax, o + l);
                    if (topLeft.add(topRight).add(bottomLeft).add(bottomRight).test(VectorOperators.IS_NAN).anyTrue()) {
                        for (int k = l; k < l + lanes; k++) {
                            maxPoolWindowExactly(in, plane, out, argmax, o + k, windows, k);
                        }
                    }
                }
                for (int l = wholeVectors; l < positions; l++) {
                    maxPoolWindowExactly(in, plane, out, argmax, o + l, windows, l);
                }
            }
        });
    }

    /** Output {@code l} of one plane through the offset table: the reference loop on floats. */
    private static void maxPoolWindowExactly(float[] in, int plane, float[] out, int[] argmax, int o, Windows windows, int l) {
        float best = Float.NEGATIVE_INFINITY;
        int bestAt = -1;
        for (int k = 0; k < windows.kernelArea(); k++) {
            int at = windows.offset(k, l);
            if (at < 0) {
                continue;
            }
            float v = in[plane + at];
            if (bestAt < 0 || v > best || v != v) {
                best = v;
                bestAt = at;
                if (v != v) break;
            }
        }
        out[o] = best;
        argmax[o] = bestAt;
    }

    /** Planes per thread chunk: some 16 Ki outputs. */
    private static int grain(int positions) {
        return Math.max(1, (1 << 14) / Math.max(1, positions));
    }

    private static float[] floats(Tensor t) {
        return ((Storage.F32) t.storage()).array();
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
