package jgrad.data;

import java.util.Random;

/**
 * The two-moons toy data set: two interleaving half circles in the plane, a classic
 * test that a classifier can learn a non-linear boundary. Same geometry as
 * scikit-learn's {@code make_moons}:
 *
 * <pre>
 *   class 0 (outer moon): (cos t,      sin t)           t evenly spaced in [0, π]
 *   class 1 (inner moon): (1 - cos t,  1 - sin t - 0.5)
 * </pre>
 *
 * plus Gaussian noise of standard deviation {@code noise} on each coordinate.
 * The first {@code n/2} (rounded down) points are class 0, the rest class 1; they are
 * not shuffled.
 *
 * <pre>{@code
 * Moons moons = Moons.generate(100, 0.1, 42);
 * double[] first = moons.points()[0];   // {x, y}
 * int label = moons.labels()[0];        // 0 or 1
 * }</pre>
 *
 * @param points {@code n} rows of {@code {x, y}}
 * @param labels {@code n} class labels, 0 or 1
 */
public record Moons(double[][] points, int[] labels) {

    /**
     * Generates {@code n} points; the same arguments always give the same points.
     *
     * @param n     number of points, at least 2 (so both moons get one)
     * @param noise standard deviation of the Gaussian noise, finite and {@code >= 0}
     * @param seed  seed of the {@link Random} that draws the noise
     */
    public static Moons generate(int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("Moons.generate: n must be at least 2, got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(
                    "Moons.generate: noise must be a finite standard deviation >= 0, got " + noise);
        }
        int outer = n / 2;
        int inner = n - outer;
        var points = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < outer; i++) {
            double t = evenlySpacedAngle(i, outer);
            points[i] = new double[] {Math.cos(t), Math.sin(t)};
            labels[i] = 0;
        }
        for (int i = 0; i < inner; i++) {
            double t = evenlySpacedAngle(i, inner);
            points[outer + i] = new double[] {1 - Math.cos(t), 1 - Math.sin(t) - 0.5};
            labels[outer + i] = 1;
        }
        var random = new Random(seed);
        for (double[] point : points) {
            point[0] += noise * random.nextGaussian();
            point[1] += noise * random.nextGaussian();
        }
        return new Moons(points, labels);
    }

    /** Number of points. */
    public int size() {
        return labels.length;
    }

    /** The {@code i}-th of {@code count} angles evenly spaced from 0 to π, both ends included. */
    private static double evenlySpacedAngle(int i, int count) {
        return count == 1 ? 0.0 : Math.PI * i / (count - 1);
    }
}
