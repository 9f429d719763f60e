package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions along the last axis of a contiguous {@code (rows, cols)} block:
 * {@code out[r] = Σ_j x[r][j]} and {@code out[r] = max_j x[r][j]}. Rows are split over threads;
 * each row is reduced by one thread in a fixed order, so the bits do not depend on the thread
 * count.
 */
public final class ReductionKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private ReductionKernels() {
    }

    /**
     * Row sums. The fast path keeps one partial sum per lane (lane l adds columns l, l+LANES, …),
     * then adds the lanes and the ragged tail: a different association than the reference's
     * left-to-right sum, so results differ by rounding (about sqrt(cols)·2⁻²⁴ relative).
     */
    public static void sumRows(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        Parallel.forRange(0, rows, grain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                out[outOffset + r] = sumRow(x, xOffset + r * cols, cols);
            }
        });
    }

    /** Reference for {@link #sumRows}: left to right. */
    public static void sumRowsReference(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float sum = 0f;
            for (int j = 0; j < cols; j++) {
                sum += x[xOffset + r * cols + j];
            }
            out[outOffset + r] = sum;
        }
    }

    /** Row maxima; exact (max does not round), NaN if the row has a NaN. Needs {@code cols >= 1}. */
    public static void maxRows(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        requireColumns("ReductionKernels.maxRows", rows, cols);
        Parallel.forRange(0, rows, grain(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                out[outOffset + r] = maxRow(x, xOffset + r * cols, cols);
            }
        });
    }

    /** Reference for {@link #maxRows}. */
    public static void maxRowsReference(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols) {
        requireColumns("ReductionKernels.maxRowsReference", rows, cols);
        for (int r = 0; r < rows; r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[xOffset + r * cols + j]);
            }
            out[outOffset + r] = max;
        }
    }

    /** Σ of {@code x[at .. at+count)}: per-lane partial sums, then lanes, then the tail. */
    static float sumRow(float[] x, int at, int count) {
        FloatVector partial = FloatVector.zero(S);
        int j = 0;
        for (int end = S.loopBound(count); j < end; j += S.length()) {
            partial = partial.add(FloatVector.fromArray(S, x, at + j));
        }
        float sum = partial.reduceLanes(VectorOperators.ADD);
        for (; j < count; j++) {
            sum += x[at + j];
        }
        return sum;
    }

    /** max of {@code x[at .. at+count)}. */
    static float maxRow(float[] x, int at, int count) {
        FloatVector partial = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (int end = S.loopBound(count); j < end; j += S.length()) {
            partial = partial.max(FloatVector.fromArray(S, x, at + j));
        }
        float max = partial.reduceLanes(VectorOperators.MAX);
        for (; j < count; j++) {
            max = Math.max(max, x[at + j]);
        }
        return max;
    }

    /** Rows per thread chunk so that a chunk is at least ~16 Ki elements. */
    static int grain(int cols) {
        return Math.max(1, (1 << 14) / Math.max(1, cols));
    }

    private static void requireColumns(String op, int rows, int cols) {
        if (cols < 1 && rows > 0) {
            throw new IllegalArgumentException(op + ": max over an empty row (shape (" + rows + ", " + cols + "))");
        }
    }
}
