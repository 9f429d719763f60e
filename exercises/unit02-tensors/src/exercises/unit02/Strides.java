package exercises.unit02;

/**
 * Unit 2 exercise: the index arithmetic behind every tensor view.
 *
 * <p>Read {@code lectures/02-tensors.md} first. Each method below is one task: replace the
 * {@code throw} with your code, then grade one task at a time, from the repository root:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit02-tensors --task task1"
 * </pre>
 * The graded tests compare your answers with jgrad's own {@code Tensor} on many random shapes.
 */
public final class Strides {
    private Strides() {
    }

    /**
     * Task 1: the strides of a contiguous (row-major) tensor of this shape.
     *
     * <p>The last dim moves by 1 element; every earlier dim moves by the product of the sizes after
     * it. Shape {@code (2, 3, 4)} has strides {@code (12, 4, 1)}; a scalar (shape {@code ()}) has
     * none. A size-0 dim counts as size 1 in that product, as in PyTorch: {@code (2, 0, 3)} has
     * strides {@code (3, 3, 1)}.
     */
    public static int[] contiguousStrides(int[] shape) {
        // TODO(task 1): walk the dims from last to first, keeping a running product.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: the shape that two broadcast operands produce, e.g. for {@code a.add(b)}.
     *
     * <p>Align the shapes from the right; a missing leading dim counts as size 1. At each position
     * the sizes must be equal or one of them 1, and the result takes the larger. {@code (3, 1)} and
     * {@code (4,)} give {@code (3, 4)}.
     *
     * @throws IllegalArgumentException when some position has two different sizes, neither 1
     */
    public static int[] broadcastShape(int[] a, int[] b) {
        // TODO(task 2): build the result from its last dim backwards.
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: where element {@code index} of a strided view lives in its storage.
     *
     * <p>A view is (storage, shape, strides, storage offset); element {@code (i0, i1, ...)} is at
     * {@code storageOffset + i0*strides[0] + i1*strides[1] + ...}. This one formula serves every
     * view: transposed, narrowed, expanded (stride 0) or plain.
     *
     * @throws IllegalArgumentException when {@code index} has a different number of entries than {@code shape}
     * @throws IndexOutOfBoundsException when some {@code index[d]} is outside {@code [0, shape[d])}
     */
    public static int offset(int[] shape, int[] strides, int storageOffset, int[] index) {
        // TODO(task 3): check the index, then add up index times stride over the dims.
        throw new UnsupportedOperationException("TODO task 3");
    }
}
