package jgrad;

/**
 * A fast copy between two same-shaped strided views of float or double arrays: the loop behind
 * {@link Tensor#contiguous()}, permutes, broadcasts and gradient copies. {@link Views#copyIntoReference}
 * is the readable version (one storage offset per element, from {@link Tensor#elementOffsets()});
 * this one computes no offset arrays:
 * <ol>
 *   <li>{@link Walk#of} drops size-1 dims and merges neighbouring dims that both views lay out
 *       row-major between them, so a contiguous copy becomes one dim and a batch of transposed
 *       matrices three;</li>
 *   <li>the innermost dim is one loop with its two strides ({@code System.arraycopy} when both
 *       are 1), and an odometer steps through the other dims.</li>
 * </ol>
 * {@code StridedCopyTest} ties it to the reference on random views, for float32 and float64.
 */
final class StridedCopy {
    private StridedCopy() {
    }

    /** The coalesced dims of a copy: sizes and the two views' strides, outermost first. */
    record Walk(int[] shape, int[] targetStrides, int[] sourceStrides, int numel) {

        static Walk of(int[] shape, int[] targetStrides, int[] sourceStrides) {
            int rank = shape.length;
            int[] sizes = new int[rank], to = new int[rank], from = new int[rank];
            int kept = 0, numel = 1;
            for (int d = 0; d < rank; d++) {
                numel *= shape[d];
                if (shape[d] == 1) {
                    continue;
                }
                // dim d merges into the previous kept dim p when stepping p once equals stepping d all the way
                if (kept > 0 && to[kept - 1] == targetStrides[d] * shape[d] && from[kept - 1] == sourceStrides[d] * shape[d]) {
                    sizes[kept - 1] *= shape[d];
                    to[kept - 1] = targetStrides[d];
                    from[kept - 1] = sourceStrides[d];
                } else {
                    sizes[kept] = shape[d];
                    to[kept] = targetStrides[d];
                    from[kept] = sourceStrides[d];
                    kept++;
                }
            }
            return new Walk(java.util.Arrays.copyOf(sizes, kept), java.util.Arrays.copyOf(to, kept),
                    java.util.Arrays.copyOf(from, kept), numel);
        }
    }

    static void copy(float[] out, int outAt, float[] in, int inAt, Walk walk) {
        if (walk.numel() == 0) {
            return;
        }
        int rank = walk.shape().length;
        if (rank == 0) {
            out[outAt] = in[inAt];
            return;
        }
        int[] shape = walk.shape(), to = walk.targetStrides(), from = walk.sourceStrides();
        int inner = shape[rank - 1], toStep = to[rank - 1], fromStep = from[rank - 1];
        int[] index = new int[rank - 1];
        for (int row = walk.numel() / inner; row > 0; row--) {
            if (toStep == 1 && fromStep == 1) {
                System.arraycopy(in, inAt, out, outAt, inner);
            } else {
                for (int i = 0; i < inner; i++) {
                    out[outAt + i * toStep] = in[inAt + i * fromStep];
                }
            }
            for (int d = rank - 2; d >= 0; d--) {   // the odometer: tick dim d, carry into d - 1
                outAt += to[d];
                inAt += from[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                outAt -= to[d] * shape[d];
                inAt -= from[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    /**
     * {@link #copy(float[], int, float[], int, Walk)} for doubles: the same loop, kept as a copy on
     * purpose (a fix to one belongs in both; {@code StridedCopyTest} checks both against the
     * reference copy). Java has no generics over primitive arrays, and writing the walk once over
     * {@code Object} arrays, with the element type tested once per row, slowed the short rows that
     * permutes produce: measured A/B in one JVM (interleaved rounds, median of 41, 2 shared cores),
     * rows of 4 contiguous floats were copied 1.2-1.3x slower (1.8x when {@code System.arraycopy}
     * got the {@code Object} arrays), rows of 64 about 1.1x slower.
     */
    static void copy(double[] out, int outAt, double[] in, int inAt, Walk walk) {
        if (walk.numel() == 0) {
            return;
        }
        int rank = walk.shape().length;
        if (rank == 0) {
            out[outAt] = in[inAt];
            return;
        }
        int[] shape = walk.shape(), to = walk.targetStrides(), from = walk.sourceStrides();
        int inner = shape[rank - 1], toStep = to[rank - 1], fromStep = from[rank - 1];
        int[] index = new int[rank - 1];
        for (int row = walk.numel() / inner; row > 0; row--) {
            if (toStep == 1 && fromStep == 1) {
                System.arraycopy(in, inAt, out, outAt, inner);
            } else {
                for (int i = 0; i < inner; i++) {
                    out[outAt + i * toStep] = in[inAt + i * fromStep];
                }
            }
            for (int d = rank - 2; d >= 0; d--) {
                outAt += to[d];
                inAt += from[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                outAt -= to[d] * shape[d];
                inAt -= from[d] * shape[d];
                index[d] = 0;
            }
        }
    }
}
