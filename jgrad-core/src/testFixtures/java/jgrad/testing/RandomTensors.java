package jgrad.testing;

import java.util.Random;
import jgrad.Tensor;

/**
 * float64 random tensors for gradient checks, with values kept away from the points where an op is
 * not differentiable.
 *
 * <p>Gradcheck perturbs each element by {@code eps = 1e-6}; a value closer than that to a kink (0 for
 * relu/abs, the bounds of clamp, the other operand of maximum) makes the central difference straddle
 * the kink and disagree with any one-sided analytic gradient. Every generator here keeps values at
 * least {@value #KINK_MARGIN} (a thousand eps) from such points.
 */
public final class RandomTensors {
    private RandomTensors() {
    }

    public static final double KINK_MARGIN = 1e-3;

    /** Uniform values in {@code [lo, hi)}. */
    public static Tensor uniform(Random random, int[] shape, double lo, double hi) {
        double[] values = new double[Shapes.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = lo + (hi - lo) * random.nextDouble();
        }
        return tensor(values, shape);
    }

    /** Uniform values in {@code [lo, hi)} that keep {@link #KINK_MARGIN} away from every kink (rejection sampling). */
    public static Tensor awayFrom(Random random, int[] shape, double lo, double hi, double... kinks) {
        double[] values = new double[Shapes.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            do {
                values[i] = lo + (hi - lo) * random.nextDouble();
            } while (nearAny(values[i], kinks));
        }
        return tensor(values, shape);
    }

    /** Values with {@code lo <= |x| < hi} and a random sign: nonzero, e.g. for denominators and abs. */
    public static Tensor signedMagnitude(Random random, int[] shape, double lo, double hi) {
        double[] values = new double[Shapes.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            double magnitude = lo + (hi - lo) * random.nextDouble();
            values[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return tensor(values, shape);
    }

    /**
     * Pairwise distinct values at least 0.06 apart, in random order: a shuffled grid {@code 0.1 k}
     * plus jitter of at most 0.02, so max/min along any dim has a unique winner even after a
     * perturbation by eps.
     */
    public static Tensor distinct(Random random, int[] shape) {
        int n = Shapes.numel(shape);
        int[] order = Shapes.permutation(random, n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 0.1 * (order[i] - n / 2) + jitter(random, 0.02);
        }
        return tensor(values, shape);
    }

    /**
     * Values near the grid {@code 0.1 k + offset} in [-2, 2] (jitter at most 0.02). Two tensors drawn
     * with offsets 0 and 0.05 never come closer than 0.01, wherever broadcasting lines them up: the
     * inputs for maximum and minimum.
     */
    public static Tensor nearGrid(Random random, int[] shape, double offset) {
        double[] values = new double[Shapes.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.1 * (random.nextInt(41) - 20) + offset + jitter(random, 0.02);
        }
        return tensor(values, shape);
    }

    /** A random boolean mask; true with probability one half. */
    public static Tensor mask(Random random, int[] shape) {
        boolean[] values = new boolean[Shapes.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean();
        }
        return Tensor.of(values, shape.length == 0 ? new int[] {1} : shape).reshape(shape);
    }

    /** int64 indices uniform in {@code [0, bound)}. */
    public static Tensor indices(Random random, int[] shape, int bound) {
        long[] values = new long[Shapes.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(bound);
        }
        return Tensor.of(values, shape.length == 0 ? new int[] {1} : shape).reshape(shape);
    }

    /** A float64 tensor of {@code shape} (any rank, including 0) holding {@code values}. */
    public static Tensor tensor(double[] values, int[] shape) {
        return Tensor.of(values, shape.length == 0 ? new int[] {1} : shape).reshape(shape);
    }

    private static double jitter(Random random, double bound) {
        return bound * (2 * random.nextDouble() - 1);
    }

    private static boolean nearAny(double value, double[] kinks) {
        for (double kink : kinks) {
            if (Math.abs(value - kink) <= KINK_MARGIN) {
                return true;
            }
        }
        return false;
    }
}
