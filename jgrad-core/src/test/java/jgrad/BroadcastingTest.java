package jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.Random;
import jgrad.testing.RandomTensors;
import jgrad.testing.Shapes;
import jgrad.testing.Shapes.ShapePair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Shape.broadcast against an independent statement of the NumPy rule, and broadcasting binary ops. */
class BroadcastingTest {

    /** Two unrelated shapes: often incompatible, sometimes compatible. */
    @Provide
    Arbitrary<ShapePair> anyPairs() {
        return Combinators.combine(Shapes.shapes(0), Shapes.shapes(0)).as(ShapePair::new);
    }

    @Provide
    Arbitrary<ShapePair> compatiblePairs() {
        return Shapes.broadcastPairs();
    }

    /**
     * The NumPy rule, written independently of Shape.broadcast: compare sizes from the last dim
     * backwards; a missing dim counts as 1; equal sizes or a 1 on either side are compatible and
     * give the larger size. Returns null when incompatible.
     */
    private static int[] numpyBroadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int fromEnd = 1; fromEnd <= rank; fromEnd++) {
            int sa = fromEnd <= a.length ? a[a.length - fromEnd] : 1;
            int sb = fromEnd <= b.length ? b[b.length - fromEnd] : 1;
            if (sa == sb || sb == 1) {
                out[rank - fromEnd] = sa;
            } else if (sa == 1) {
                out[rank - fromEnd] = sb;
            } else {
                return null;
            }
        }
        return out;
    }

    @Property(tries = 200)
    void broadcastIsSymmetric(@ForAll("anyPairs") ShapePair pair) {
        Throwable ab = catchThrowable(() -> Shape.broadcast("test", pair.a(), pair.b()));
        Throwable ba = catchThrowable(() -> Shape.broadcast("test", pair.b(), pair.a()));
        assertThat(ab == null).as("broadcast(a, b) succeeds iff broadcast(b, a) does, for %s", pair).isEqualTo(ba == null);
        if (ab == null) {
            assertThat(Shape.broadcast("test", pair.a(), pair.b())).isEqualTo(Shape.broadcast("test", pair.b(), pair.a()));
        }
    }

    @Property(tries = 200)
    void broadcastFollowsTheNumpyRule(@ForAll("anyPairs") ShapePair pair) {
        int[] expected = numpyBroadcast(pair.a(), pair.b());
        if (expected == null) {
            assertThatThrownBy(() -> Shape.broadcast("test", pair.a(), pair.b()))
                    .as("incompatible by the NumPy rule: %s", pair)
                    .isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(Shape.broadcast("test", pair.a(), pair.b())).as("broadcast of %s", pair).isEqualTo(expected);
        }
    }

    @Property(tries = 100)
    void incompatibleShapesThrowNamingTheOpAndBothShapes(@ForAll("compatiblePairs") ShapePair pair,
                                                          @ForAll @IntRange(min = 2, max = 4) int p,
                                                          @ForAll @IntRange(min = 2, max = 4) int q) {
        // a trailing dim of sizes p != q (neither 1) makes any compatible pair incompatible
        int[] a = Arrays.copyOf(pair.a(), pair.a().length + 1);
        int[] b = Arrays.copyOf(pair.b(), pair.b().length + 1);
        a[a.length - 1] = p;
        b[b.length - 1] = p == q ? q + 1 : q;
        assertThatThrownBy(() -> Shape.broadcast("add", a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add")
                .hasMessageContaining(Shape.format(a))
                .hasMessageContaining(Shape.format(b));
    }

    @Property(tries = 50)
    void addOfBroadcastTensorsAddsTheAlignedElements(@ForAll("compatiblePairs") ShapePair pair, @ForAll Random random) {
        Tensor a = RandomTensors.uniform(random, pair.a(), -2, 2);
        Tensor b = RandomTensors.uniform(random, pair.b(), -2, 2);
        Tensor sum = a.add(b);
        int[] shape = numpyBroadcast(pair.a(), pair.b());
        assertThat(sum.shape()).isEqualTo(shape);
        double[] actual = sum.toDoubleArray();
        int[] index = new int[shape.length];
        for (int i = 0; i < actual.length; i++) {
            double expected = a.get(aligned(index, pair.a())) + b.get(aligned(index, pair.b()));
            assertThat(actual[i]).as("element %s of %s", Arrays.toString(index), pair).isEqualTo(expected);
            increment(index, shape);
        }
    }

    /** The index into an operand of {@code shape} that broadcasting pairs with {@code index} of the result. */
    private static int[] aligned(int[] index, int[] shape) {
        int lead = index.length - shape.length;
        int[] out = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            out[d] = shape[d] == 1 ? 0 : index[d + lead];
        }
        return out;
    }

    private static void increment(int[] index, int[] shape) {
        for (int d = shape.length - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) {
                return;
            }
            index[d] = 0;
        }
    }
}
