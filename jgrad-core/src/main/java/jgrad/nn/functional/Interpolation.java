package jgrad.nn.functional;

import jgrad.Shape;
import jgrad.Tensor;

/**
 * Resizing of {@code (N, C, H, W)} images, composed from {@link Tensor#indexSelect} and
 * elementwise ops, so autograd derives the backward (each output pixel sends its gradient back to
 * the input pixels it was read from, with the same weights).
 *
 * <p>Each output coordinate {@code dst} of a dim with {@code in} input and {@code out} output
 * pixels reads from the source coordinate (PyTorch's rules, {@code scale = 1 / scale_factor} when a
 * factor is given, else {@code in / out}):
 * <pre>
 *   nearest:                       src = min(floor(dst scale), in - 1)
 *   bilinear, align_corners=True:  src = dst (in - 1) / (out - 1)          (0 when out = 1)
 *   bilinear, align_corners=False: src = max((dst + 0.5) scale - 0.5, 0)
 *   bilinear: y = (1 - t) x[floor(src)] + t x[min(floor(src) + 1, in - 1)],  t = src - floor(src)
 * </pre>
 * Bilinear interpolation is separable: it is linear interpolation along H, then along W.
 */
final class Interpolation {
    private Interpolation() {
    }

    /** {@code scaleH}, {@code scaleW}: the scale factors the caller gave, or NaN when it gave the sizes. */
    static Tensor interpolate(Tensor input, int outH, int outW, double scaleH, double scaleW, String mode,
                              boolean alignCorners) {
        if (input.dim() != 4 || !input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("interpolate: expected a floating (N, C, H, W) input, got "
                    + input.dtype() + " " + Shape.format(input.shape()));
        }
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("interpolate: output size must be positive, got (" + outH + ", " + outW
                    + ") for input " + Shape.format(input.shape()));
        }
        return switch (mode) {
            case "nearest" -> {
                if (alignCorners) {
                    throw new IllegalArgumentException("interpolate: align_corners only applies to mode bilinear, not nearest");
                }
                yield input.indexSelect(2, nearest(input.size(2), outH, scaleH))
                        .indexSelect(3, nearest(input.size(3), outW, scaleW));
            }
            case "bilinear" -> linear(linear(input, 2, outH, scaleH, alignCorners), 3, outW, scaleW, alignCorners);
            default -> throw new IllegalArgumentException("interpolate: mode must be \"nearest\" or \"bilinear\", got \"" + mode + "\"");
        };
    }

    private static Tensor nearest(int in, int out, double scaleFactor) {
        double scale = Double.isNaN(scaleFactor) ? (double) in / out : 1 / scaleFactor;
        long[] source = new long[out];
        for (int dst = 0; dst < out; dst++) {
            source[dst] = Math.min((long) Math.floor(dst * scale), in - 1);
        }
        return Tensor.of(source);
    }

    // Linear interpolation along one dim: y = x[lo] + t (x[hi] - x[lo]), t broadcast along that dim.
    private static Tensor linear(Tensor x, int dim, int out, double scaleFactor, boolean alignCorners) {
        int in = x.size(dim);
        long[] lo = new long[out];
        long[] hi = new long[out];
        double[] weight = new double[out];
        for (int dst = 0; dst < out; dst++) {
            double src = sourceCoordinate(dst, in, out, scaleFactor, alignCorners);
            lo[dst] = Math.min((long) Math.floor(src), in - 1);
            hi[dst] = Math.min(lo[dst] + 1, in - 1);
            weight[dst] = src - lo[dst];
        }
        int[] weightShape = {1, 1, 1, 1};
        weightShape[dim] = out;
        Tensor t = Tensor.of(weight, weightShape).to(x.dtype());
        Tensor low = x.indexSelect(dim, Tensor.of(lo));
        return low.add(x.indexSelect(dim, Tensor.of(hi)).sub(low).mul(t));
    }

    private static double sourceCoordinate(int dst, int in, int out, double scaleFactor, boolean alignCorners) {
        if (alignCorners) {
            return out == 1 ? 0 : dst * (double) (in - 1) / (out - 1);
        }
        double scale = Double.isNaN(scaleFactor) ? (double) in / out : 1 / scaleFactor;
        return Math.max((dst + 0.5) * scale - 0.5, 0);
    }

    /** PyTorch's output size for a scale factor: {@code floor(in * factor)}. */
    static int scaledSize(int in, double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("interpolate: scale factor must be positive, got " + factor);
        }
        return (int) Math.floor(in * factor);
    }
}
