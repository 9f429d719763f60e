package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link StridedCopy} (coalesced dims, no offset arrays) against {@link Views#copyIntoReference}
 * (one offset per element): on random views made by permuting, narrowing and broadcasting, for
 * float32 and float64, into contiguous and into strided targets, the copies are identical.
 */
class StridedCopyTest {

    @Property(tries = 200)
    void fastCopyEqualsReferenceCopy(@ForAll @IntRange(min = 0, max = 4) int rank,
                                     @ForAll boolean float64,
                                     @ForAll boolean stridedTarget,
                                     @ForAll long seed) {
        var random = new SplittableRandom(seed);
        DType type = float64 ? DType.FLOAT64 : DType.FLOAT32;
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = random.nextInt(5);          // sizes 0..4: empty and size-1 dims included
        }
        Tensor source = randomView(random, type, shape);
        Tensor fast = stridedTarget ? randomView(random, type, shape) : Tensor.empty(type, shape.clone());
        Tensor reference = new Tensor(fast.storage().copy(), fast.shapeRef(), fast.stridesRef(), fast.storageOffset());

        Views.copyInto(fast, source);
        Views.copyIntoReference(reference, source);

        assertThat(fast.storage().length()).isEqualTo(reference.storage().length());
        for (int i = 0; i < fast.storage().length(); i++) {
            assertThat(fast.storage().get(i)).as("storage element %d, shape %s", i, Shape.format(shape))
                    .isEqualTo(reference.storage().get(i));
        }
    }

    /** A view of {@code shape} over a larger random storage: permuted, narrowed and maybe broadcast. */
    private static Tensor randomView(SplittableRandom random, DType type, int[] shape) {
        int rank = shape.length;
        int[] perm = new int[rank];
        for (int d = 0; d < rank; d++) {
            perm[d] = d;
        }
        for (int d = rank - 1; d > 0; d--) {
            int j = random.nextInt(d + 1);
            int t = perm[d];
            perm[d] = perm[j];
            perm[j] = t;
        }
        // base[perm[d]] holds view dim d, with room to narrow; a size-1 dim may later broadcast
        int[] baseShape = new int[rank];
        boolean[] broadcast = new boolean[rank];
        for (int d = 0; d < rank; d++) {
            broadcast[d] = shape[d] > 1 && random.nextInt(4) == 0;
            baseShape[perm[d]] = (broadcast[d] ? 1 : shape[d]) + random.nextInt(2);
        }
        Tensor view = Tensor.randn(random, type, baseShape);
        view = view.permute(perm).detach();
        for (int d = 0; d < rank; d++) {
            int want = broadcast[d] ? 1 : shape[d];
            int start = random.nextInt(view.size(d) - want + 1);
            view = view.narrow(d, start, want).detach();
        }
        return Views.broadcastView(view, shape);
    }
}
