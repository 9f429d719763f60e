package jgrad;

import java.util.Arrays;

/**
 * Shape arithmetic: element counts, row-major strides, broadcasting and dim normalisation.
 *
 * <p>All methods are pure functions of {@code int[]} shapes, so they are easy to test on their own.
 */
public final class Shape {
    private Shape() {
    }

    /**
     * The most elements a tensor may hold: the longest array every JVM can allocate (a few words
     * below {@code Integer.MAX_VALUE}, which HotSpot refuses with "Requested array size exceeds VM limit").
     */
    public static final int MAX_NUMEL = Integer.MAX_VALUE - 8;

    /** Number of elements of a tensor of this shape (1 for a scalar, shape {@code []}). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int size : shape) {
            n *= size;
            if (n > MAX_NUMEL) {
                throw new IllegalArgumentException("shape " + format(shape) + " has more than " + MAX_NUMEL
                        + " elements, the longest array a JVM can allocate");
            }
        }
        return (int) n;
    }

    /** The multi-index of flat (row-major) position {@code flat}: in shape (2, 3), 4 is (1, 1). */
    public static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /**
     * Row-major strides: the last dim moves by 1, each earlier dim by the product of the sizes after it.
     * Shape (2, 3, 4) has strides (12, 4, 1).
     */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= Math.max(shape[d], 1);
        }
        return strides;
    }

    /**
     * The broadcast shape of two shapes, following NumPy/PyTorch: align from the right; two sizes
     * are compatible when equal or when one of them is 1; missing leading dims count as 1.
     *
     * @throws IllegalArgumentException naming {@code op} and both shapes when they are incompatible
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int sa = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int sb = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast: dim " + (i - rank) + " has sizes " + sa + " and " + sb
                        + " (expected equal sizes or one of them 1)");
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** Turns a possibly negative dim into 0..rank-1, or throws naming the op and the valid range. */
    public static int normalizeDim(String op, int dim, int rank) {
        int lo = rank == 0 ? -1 : -rank;
        int hi = rank == 0 ? 0 : rank - 1;
        if (dim < lo || dim > hi) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank
                    + " (expected a dim in [" + lo + ", " + hi + "])");
        }
        return dim < 0 ? dim + Math.max(rank, 1) : dim;
    }

    /** Normalises a list of dims, rejecting duplicates. */
    public static int[] normalizeDims(String op, int[] dims, int rank) {
        int[] out = new int[dims.length];
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int i = 0; i < dims.length; i++) {
            out[i] = normalizeDim(op, dims[i], rank);
            if (seen[out[i]]) {
                throw new IllegalArgumentException(op + ": dim " + dims[i] + " appears more than once in " + Arrays.toString(dims));
            }
            seen[out[i]] = true;
        }
        return out;
    }

    /** {@code (2, 3, 4)} style text, as PyTorch prints shapes. */
    public static String format(int[] shape) {
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        if (shape.length == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /** Validates sizes given by a user: none negative. */
    static int[] checkSizes(String op, int[] shape) {
        for (int size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException(op + ": negative size in shape " + format(shape));
            }
        }
        try {
            numel(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
        }
        return shape.clone();
    }
}
