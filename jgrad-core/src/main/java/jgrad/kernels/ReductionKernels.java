package jgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Reductions along the last axis of a contiguous {@code (rows, cols)} block:
 * {@code out[r] = Σ_j x[r][j]} and {@code out[r] = max_j x[r][j]}. Rows are split over threads;
 * each row is reduced by one thread in a fixed order, so the bits do not depend on the thread
 * count.
 *
 * <p><b>A sum in a fixed order, the same on every vector width.</b> A row is summed as
 * {@value #BLOCK} running partial sums: partial l adds columns l, l+16, l+32, … of the whole blocks of
 * 16 columns. The 16 partials are then added pairwise in a fixed tree ((0+8, 1+9, …), then (0+4, …),
 * then (0+2, …), then 0+1), and the columns past the last whole block are added to that one by one.
 * An AVX-512 register holds the 16 partials as one vector, AVX2 as two vectors of 8, NEON as four of
 * 4: every width adds the same numbers in the same order, so the bits agree across CPUs, and do not
 * depend on the JIT either (the Vector API's {@code reduceLanes(ADD)} leaves its order unspecified,
 * and its compiled and interpreted forms add in different orders).
 */
public final class ReductionKernels {

    /** Partial sums per row: 16 floats, one AVX-512 vector, two AVX2 vectors, four NEON vectors. */
    static final int BLOCK = 16;
    private static final VectorSpecies<Float> S = sumSpecies(FloatVector.SPECIES_PREFERRED);
    private static final int LANES = S.length();
    /** Vectors that hold the {@value #BLOCK} partial sums: 1, 2 or 4. */
    private static final int VECTORS = BLOCK / LANES;
    /** Shuffles that move lane l + width to lane l, for width = LANES/2, LANES/4, …, 1. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] FOLDS = java.util.stream.IntStream.iterate(LANES / 2, width -> width >= 1, width -> width / 2)
            .mapToObj(width -> VectorShuffle.fromOp(S, l -> (l + width) % LANES)).toArray(VectorShuffle[]::new);

    private ReductionKernels() {
    }

    /**
     * Row sums, in the fixed order of the class comment: a different association than the
     * reference's left-to-right sum, so results differ by rounding (about sqrt(cols)·2⁻²⁴ relative).
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

    /** Σ of {@code x[at .. at+count)} in the fixed order of the class comment. */
    static float sumRow(float[] x, int at, int count) {
        int blocked = count - count % BLOCK;
        float sum = 0f;
        if (blocked > 0) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < blocked; j += BLOCK) {
                s0 = s0.add(FloatVector.fromArray(S, x, at + j));
                if (VECTORS > 1) {
                    s1 = s1.add(FloatVector.fromArray(S, x, at + j + LANES));
                }
                if (VECTORS > 2) {
                    s2 = s2.add(FloatVector.fromArray(S, x, at + j + 2 * LANES));
                    s3 = s3.add(FloatVector.fromArray(S, x, at + j + 3 * LANES));
                }
            }
            sum = addPartials(s0, s1, s2, s3);
        }
        for (int j = blocked; j < count; j++) {
            sum += x[at + j];
        }
        return sum;
    }

    /** Σ_j a[aAt + j]·b[bAt + j] for {@code j < count}: {@link #sumRow}'s order, each product fused into its partial sum. */
    static float dotRow(float[] a, int aAt, float[] b, int bAt, int count) {
        int blocked = count - count % BLOCK;
        float sum = 0f;
        if (blocked > 0) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < blocked; j += BLOCK) {
                s0 = FloatVector.fromArray(S, a, aAt + j).fma(FloatVector.fromArray(S, b, bAt + j), s0);
                if (VECTORS > 1) {
                    s1 = FloatVector.fromArray(S, a, aAt + j + LANES).fma(FloatVector.fromArray(S, b, bAt + j + LANES), s1);
                }
                if (VECTORS > 2) {
                    s2 = FloatVector.fromArray(S, a, aAt + j + 2 * LANES).fma(FloatVector.fromArray(S, b, bAt + j + 2 * LANES), s2);
                    s3 = FloatVector.fromArray(S, a, aAt + j + 3 * LANES).fma(FloatVector.fromArray(S, b, bAt + j + 3 * LANES), s3);
                }
            }
            sum = addPartials(s0, s1, s2, s3);
        }
        for (int j = blocked; j < count; j++) {
            sum = Math.fma(a[aAt + j], b[bAt + j], sum);
        }
        return sum;
    }

    /**
     * The {@value #BLOCK} partial sums held in the first {@link #VECTORS} of s0..s3, added in the
     * fixed pairwise tree: first whole vectors (for 4 vectors of 4, partials l and l+8 are s0 + s2
     * and s1 + s3, then l and l+4 are those two), then halves of the last vector folded onto each
     * other ({@link #FOLDS}) down to lane 0.
     */
    private static float addPartials(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
        FloatVector v = VECTORS == 4 ? s0.add(s2).add(s1.add(s3)) : VECTORS == 2 ? s0.add(s1) : s0;
        for (VectorShuffle<Float> fold : FOLDS) {
            v = v.add(v.rearrange(fold));   // lane l += lane l + width; lanes from width on are not used again
        }
        return v.lane(0);
    }

    /** max of {@code x[at .. at+count)}; any NaN makes it NaN. Max is exact, so its order does not matter. */
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

    /**
     * The species for the partial sums: the CPU's own when 4, 8 or 16 floats wide, so that whole
     * vectors tile a block of {@value #BLOCK}; else 4 floats (slower there, but the same bits).
     */
    private static VectorSpecies<Float> sumSpecies(VectorSpecies<Float> preferred) {
        int lanes = preferred.length();
        return lanes == 4 || lanes == 8 || lanes == 16 ? preferred : FloatVector.SPECIES_128;
    }

    private static void requireColumns(String op, int rows, int cols) {
        if (cols < 1 && rows > 0) {
            throw new IllegalArgumentException(op + ": max over an empty row (shape (" + rows + ", " + cols + "))");
        }
    }
}
