package exercises.unit02;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jgrad.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of the unit 2 exercise. jgrad's own tensors are the reference: whatever shape,
 * stride or element a {@link Tensor} reports is the expected answer.
 */
class StridesTest {

    // ---- task 1: contiguous strides -------------------------------------------------------------

    @Test
    @Tag("task1")
    void stridesOfA3dShapeAreProductsOfTheLaterSizes() {
        assertArrayEquals(new int[] {12, 4, 1}, Strides.contiguousStrides(new int[] {2, 3, 4}),
                "contiguousStrides((2, 3, 4))");
    }

    @Test
    @Tag("task1")
    void scalarAndVectorStrides() {
        assertArrayEquals(new int[] {}, Strides.contiguousStrides(new int[] {}), "contiguousStrides(())");
        assertArrayEquals(new int[] {1}, Strides.contiguousStrides(new int[] {7}), "contiguousStrides((7,))");
    }

    @Test
    @Tag("task1")
    void sizeZeroDimsCountAsOne() {
        int[] shape = {2, 0, 3};
        assertArrayEquals(Tensor.zeros(shape).stride(), Strides.contiguousStrides(shape), "contiguousStrides((2, 0, 3))");
    }

    @Test
    @Tag("task1")
    void stridesMatchJgradOnRandomShapes() {
        var random = new Random(2);
        for (int trial = 0; trial < 200; trial++) {
            int[] shape = randomShape(random, 5, 6);
            assertArrayEquals(Tensor.zeros(shape).stride(), Strides.contiguousStrides(shape),
                    "contiguousStrides(" + Arrays.toString(shape) + ")");
        }
    }

    // ---- task 2: broadcast shape ----------------------------------------------------------------

    @Test
    @Tag("task2")
    void broadcastAlignsFromTheRightAndStretchesOnes() {
        assertArrayEquals(new int[] {3, 4}, Strides.broadcastShape(new int[] {3, 1}, new int[] {4}),
                "broadcastShape((3, 1), (4,))");
        assertArrayEquals(new int[] {2, 7, 5}, Strides.broadcastShape(new int[] {2, 1, 5}, new int[] {7, 1}),
                "broadcastShape((2, 1, 5), (7, 1))");
    }

    @Test
    @Tag("task2")
    void aScalarBroadcastsToAnyShape() {
        assertArrayEquals(new int[] {2, 3}, Strides.broadcastShape(new int[] {}, new int[] {2, 3}),
                "broadcastShape((), (2, 3))");
        assertArrayEquals(new int[] {2, 3}, Strides.broadcastShape(new int[] {2, 3}, new int[] {}),
                "broadcastShape((2, 3), ())");
    }

    @Test
    @Tag("task2")
    void incompatibleSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Strides.broadcastShape(new int[] {3}, new int[] {4}),
                "broadcastShape((3,), (4,)) must throw IllegalArgumentException");
        assertThrows(IllegalArgumentException.class, () -> Strides.broadcastShape(new int[] {2, 3}, new int[] {3, 3}),
                "broadcastShape((2, 3), (3, 3)) must throw IllegalArgumentException");
    }

    @Test
    @Tag("task2")
    void broadcastMatchesJgradOnRandomShapes() {
        var random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int[] a = randomShape(random, 4, 4);
            int[] b = compatibleShape(random, a);
            int[] expected = Tensor.zeros(a).add(Tensor.zeros(b)).shape();
            assertArrayEquals(expected, Strides.broadcastShape(a, b),
                    "broadcastShape(" + Arrays.toString(a) + ", " + Arrays.toString(b) + ")");
        }
    }

    // ---- task 3: index -> storage offset --------------------------------------------------------

    @Test
    @Tag("task3")
    void contiguousOffsetIsTheRowMajorPosition() {
        assertEquals(1 * 12 + 2 * 4 + 3, Strides.offset(new int[] {2, 3, 4}, new int[] {12, 4, 1}, 0, new int[] {1, 2, 3}),
                "offset of (1, 2, 3) in a contiguous (2, 3, 4) tensor");
        assertEquals(5, Strides.offset(new int[] {}, new int[] {}, 5, new int[] {}), "offset of a scalar view at offset 5");
    }

    /**
     * The storage holds 0, 1, 2, ... so the value jgrad reads at an index is the storage position:
     * the student's offset must equal it for every element of every view.
     */
    @Test
    @Tag("task3")
    void offsetsMatchJgradViews() {
        Tensor base = Tensor.arange(120).reshape(2, 3, 4, 5);
        List<Tensor> views = List.of(
                base,
                base.transpose(0, 3),
                base.permute(2, 0, 3, 1),
                base.narrow(2, 1, 2),
                base.select(1, 2),
                base.narrow(3, 1, 3).transpose(1, 2),
                base.select(0, 1).narrow(0, 1, 2).unsqueeze(1),
                Tensor.arange(5).reshape(5, 1).expand(5, 4));
        for (Tensor view : views) {
            for (int[] index : allIndices(view.shape())) {
                int expected = (int) view.get(index);
                int actual = Strides.offset(view.shape(), view.stride(), view.storageOffset(), index);
                assertEquals(expected, actual, "offset(shape " + Arrays.toString(view.shape()) + ", strides "
                        + Arrays.toString(view.stride()) + ", storage offset " + view.storageOffset() + ", index "
                        + Arrays.toString(index) + ")");
            }
        }
    }

    @Test
    @Tag("task3")
    void badIndicesAreRejected() {
        int[] shape = {2, 3};
        int[] strides = {3, 1};
        assertThrows(IndexOutOfBoundsException.class, () -> Strides.offset(shape, strides, 0, new int[] {2, 0}),
                "index (2, 0) in shape (2, 3) must throw IndexOutOfBoundsException");
        assertThrows(IndexOutOfBoundsException.class, () -> Strides.offset(shape, strides, 0, new int[] {0, -1}),
                "index (0, -1) in shape (2, 3) must throw IndexOutOfBoundsException");
        assertThrows(IllegalArgumentException.class, () -> Strides.offset(shape, strides, 0, new int[] {1}),
                "index (1,) in shape (2, 3) must throw IllegalArgumentException");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static int[] randomShape(Random random, int maxRank, int maxSize) {
        int[] shape = new int[random.nextInt(maxRank + 1)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = 1 + random.nextInt(maxSize);
        }
        return shape;
    }

    /**
     * A shape that broadcasts with {@code a}: its trailing dims, each kept or replaced by 1, plus
     * sometimes a new leading dim.
     */
    private static int[] compatibleShape(Random random, int[] a) {
        int kept = random.nextInt(a.length + 1);
        int extra = kept == a.length ? random.nextInt(2) : 0;
        int[] b = new int[kept + extra];
        for (int i = 0; i < extra; i++) {
            b[i] = 1 + random.nextInt(3);
        }
        for (int i = 0; i < kept; i++) {
            int size = a[a.length - kept + i];
            b[extra + i] = random.nextBoolean() ? size : 1;
        }
        return b;
    }

    private static List<int[]> allIndices(int[] shape) {
        var out = new ArrayList<int[]>();
        int count = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        for (int flat = 0; flat < count; flat++) {
            int[] index = new int[shape.length];
            int rest = flat;
            for (int d = shape.length - 1; d >= 0; d--) {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            out.add(index);
        }
        return out;
    }
}
