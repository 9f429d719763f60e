package jgrad.data;

import jgrad.Tensor;

import java.util.SplittableRandom;

/**
 * Small 2-D classification problems made by code, deterministic by seed: points float32 {@code (N, 2)},
 * labels int64 {@code (N)}. Good for watching a decision boundary form.
 */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * Two concentric circles (scikit-learn's {@code make_circles}): {@code n / 2} points on the unit
     * circle (label 0) and the rest on a circle of radius {@code factor} (label 1), evenly spaced in
     * angle, in random order, plus Gaussian noise of standard deviation {@code noise}.
     */
    public static TensorDataset circles(int n, double noise, double factor, long seed) {
        if (n <= 0 || !(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("circles: expected n > 0 and 0 < factor < 1, got " + n + ", " + factor);
        }
        var random = new SplittableRandom(seed);
        int outer = n / 2;
        float[] points = new float[2 * n];
        long[] labels = new long[n];
        int[] order = Dataset.permutation(n, random);
        for (int i = 0; i < n; i++) {
            boolean isOuter = i < outer;
            int count = isOuter ? outer : n - outer;
            int k = isOuter ? i : i - outer;
            double angle = 2 * Math.PI * k / count;
            double radius = isOuter ? 1 : factor;
            int at = order[i];
            points[2 * at] = (float) (radius * Math.cos(angle) + noise * random.nextGaussian());
            points[2 * at + 1] = (float) (radius * Math.sin(angle) + noise * random.nextGaussian());
            labels[at] = isOuter ? 0 : 1;
        }
        return new TensorDataset(Tensor.of(points, n, 2), Tensor.of(labels));
    }

    /**
     * {@code classes} interleaved spiral arms of {@code perClass} points each (the cs231n toy set):
     * point j of arm c has radius {@code r = j / (perClass - 1)} and angle
     * {@code 4c + 4r + noise * N(0, 1)} (radians), at {@code (r sin t, r cos t)}.
     */
    public static TensorDataset spirals(int perClass, int classes, double noise, long seed) {
        if (perClass < 2 || classes < 1) {
            throw new IllegalArgumentException("spirals: expected perClass >= 2 and classes >= 1, got " + perClass + ", " + classes);
        }
        var random = new SplittableRandom(seed);
        int n = perClass * classes;
        float[] points = new float[2 * n];
        long[] labels = new long[n];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < perClass; j++) {
                double r = (double) j / (perClass - 1);
                double t = 4.0 * c + 4.0 * r + noise * random.nextGaussian();
                int at = c * perClass + j;
                points[2 * at] = (float) (r * Math.sin(t));
                points[2 * at + 1] = (float) (r * Math.cos(t));
                labels[at] = c;
            }
        }
        return new TensorDataset(Tensor.of(points, n, 2), Tensor.of(labels));
    }
}
