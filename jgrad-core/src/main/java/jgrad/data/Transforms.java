package jgrad.data;

import jgrad.Shape;
import jgrad.Tensor;

/**
 * The usual image augmentations as {@link Transform}s on one image {@code (C, H, W)}, with
 * torchvision's meaning. They work on a copy of the values (no autograd: data preparation).
 */
public final class Transforms {
    private Transforms() {
    }

    /**
     * Pads every side with {@code padding} zeros, then cuts a {@code size x size} window at a uniformly
     * random position: the picture moves by up to {@code padding} pixels each way. Output {@code (C, size, size)}.
     */
    public static Transform randomCrop(int size, int padding) {
        if (size <= 0 || padding < 0) {
            throw new IllegalArgumentException("randomCrop: size must be positive and padding non-negative, got "
                    + size + " and " + padding);
        }
        return (image, random) -> {
            check("randomCrop", image);
            int channels = image.size(0), height = image.size(1), width = image.size(2);
            if (height + 2 * padding < size || width + 2 * padding < size) {
                throw new IllegalArgumentException("randomCrop: a " + size + "x" + size + " window does not fit into image "
                        + Shape.format(image.shape()) + " padded by " + padding);
            }
            int top = random.nextInt(height + 2 * padding - size + 1) - padding;   // window origin in image coordinates
            int left = random.nextInt(width + 2 * padding - size + 1) - padding;
            double[] in = image.contiguous().toDoubleArray();
            double[] out = new double[channels * size * size];
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < size; y++) {
                    int sy = y + top;
                    if (sy < 0 || sy >= height) continue;
                    for (int x = 0; x < size; x++) {
                        int sx = x + left;
                        if (sx >= 0 && sx < width) {
                            out[(c * size + y) * size + x] = in[(c * height + sy) * width + sx];
                        }
                    }
                }
            }
            return Tensor.of(out, channels, size, size).to(image.dtype());
        };
    }

    /** Mirrors the image left to right with probability {@code p}. */
    public static Transform randomHorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("randomHorizontalFlip: probability must be in [0, 1], got " + p);
        }
        return (image, random) -> {
            check("randomHorizontalFlip", image);
            if (random.nextDouble() >= p) {
                return image;
            }
            int width = image.size(2);
            long[] reversed = new long[width];
            for (int x = 0; x < width; x++) reversed[x] = width - 1 - x;
            return image.indexSelect(2, Tensor.of(reversed));
        };
    }

    /** {@code (x[c] - mean[c]) / std[c]} per channel (one value each applies to every channel). */
    public static Transform normalize(double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalize: mean and std need the same, non-zero number of values, got "
                    + mean.length + " and " + std.length);
        }
        for (double s : std) {
            if (!(s > 0)) throw new IllegalArgumentException("normalize: every std must be positive, got " + s);
        }
        return (image, random) -> {
            check("normalize", image);
            int channels = image.size(0);
            if (mean.length != 1 && mean.length != channels) {
                throw new IllegalArgumentException("normalize: " + mean.length + " means for an image of " + channels + " channels");
            }
            double[] m = new double[channels], s = new double[channels];
            for (int c = 0; c < channels; c++) {
                m[c] = mean[mean.length == 1 ? 0 : c];
                s[c] = std[std.length == 1 ? 0 : c];
            }
            Tensor meanT = Tensor.of(m, channels, 1, 1).to(image.dtype());
            Tensor stdT = Tensor.of(s, channels, 1, 1).to(image.dtype());
            return image.sub(meanT).div(stdT);
        };
    }

    private static void check(String op, Tensor image) {
        if (image.dim() != 3) {
            throw new IllegalArgumentException(op + ": expected one image (C, H, W), got " + Shape.format(image.shape()));
        }
    }
}
