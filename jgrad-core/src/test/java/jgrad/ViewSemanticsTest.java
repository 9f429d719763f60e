package jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import jgrad.testing.RandomTensors;
import jgrad.testing.Shapes;
import jgrad.testing.Shapes.ShapePair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What it means to be a view: shared storage, copies only where promised, round trips that are exact. */
class ViewSemanticsTest {

    @Provide
    Arbitrary<int[]> nonEmptyShapes() {
        return Shapes.shapes(1, Shapes.MAX_RANK, 1);
    }

    /** Rank >= 2 with the first and last dims of size >= 2, so transposing them really reorders memory. */
    @Provide
    Arbitrary<int[]> transposableShapes() {
        return Shapes.shapes(2, Shapes.MAX_RANK, 1).filter(s -> s[0] >= 2 && s[s.length - 1] >= 2);
    }

    @Provide
    Arbitrary<ShapePair> expandable() {
        return Shapes.shapes(0).flatMap(target -> Shapes.operandOf(target).map(shape -> new ShapePair(shape, target)));
    }

    @Property(tries = 50)
    void aViewSeesWritesToItsBase(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int rank = shape.length;
        int dim = Shapes.randomDim(random, rank);
        int size = shape[Math.floorMod(dim, rank)];
        int[] perm = Shapes.permutation(random, rank);
        int[] threeCopies = new int[rank + 1];
        Arrays.fill(threeCopies, -1);
        threeCopies[0] = 3;
        List<UnaryOperator<Tensor>> viewOps = List.of(
                x -> x.transpose(0, rank - 1),
                x -> x.permute(perm),
                x -> x.narrow(dim, size / 2, size - size / 2),
                x -> x.select(dim, size - 1),
                x -> x.unsqueeze(0).expand(threeCopies).select(0, 2),
                x -> x.view(-1),
                x -> x.unsqueeze(rank).squeeze());
        UnaryOperator<Tensor> op = viewOps.get(random.nextInt(viewOps.size()));
        Tensor base = RandomTensors.uniform(random, shape, -2, 2).requiresGrad(true);
        Tensor view = op.apply(base);
        int[] at = new int[rank];
        for (int d = 0; d < rank; d++) {
            at[d] = random.nextInt(shape[d]);
        }
        try (var ignored = Grad.noGrad()) {
            base.set(1000.0, at);
        }
        Tensor fresh = op.apply(base.detach());
        assertThat(view.storage()).as("storage of the view and of its base").isSameAs(base.storage());
        assertThat(view.toDoubleArray()).as("view made before the write vs the same view made after it")
                .containsExactly(fresh.toDoubleArray());
    }

    @Property(tries = 30)
    void aTransposeShowsTheWrittenElementAtTheSwappedIndex(@ForAll("transposableShapes") int[] shape, @ForAll Random random) {
        Tensor base = RandomTensors.uniform(random, shape, -2, 2);
        Tensor view = base.transpose(0, -1);
        int[] at = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            at[d] = random.nextInt(shape[d]);
        }
        int[] swapped = at.clone();
        swapped[0] = at[at.length - 1];
        swapped[at.length - 1] = at[0];
        base.set(-42.5, at);
        assertThat(view.get(swapped)).as("view at %s after base.set at %s", Arrays.toString(swapped),
                Arrays.toString(at)).isEqualTo(-42.5);
    }

    @Property(tries = 30)
    void contiguousCopiesANonContiguousView(@ForAll("transposableShapes") int[] shape, @ForAll Random random) {
        Tensor transposed = RandomTensors.uniform(random, shape, -2, 2).transpose(0, -1);
        Tensor copy = transposed.contiguous();
        assertThat(transposed.isContiguous()).as("a transposed view with both dims >= 2").isFalse();
        assertThat(copy.isContiguous()).isTrue();
        assertThat(copy.storage()).as("storage of contiguous() of a non-contiguous view").isNotSameAs(transposed.storage());
        assertThat(copy.shape()).isEqualTo(transposed.shape());
        assertThat(copy.toDoubleArray()).containsExactly(transposed.toDoubleArray());
    }

    @Property(tries = 30)
    void contiguousReturnsTheSameTensorWhenAlreadyContiguous(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        Tensor x = RandomTensors.uniform(random, shape, -2, 2);
        assertThat(x.contiguous()).isSameAs(x);
    }

    @Property(tries = 40)
    void transposingTwiceIsTheIdentity(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        Tensor x = RandomTensors.uniform(random, shape, -2, 2);
        int dim0 = Shapes.randomDim(random, shape.length);
        int dim1 = Shapes.randomDim(random, shape.length);
        Tensor twice = x.transpose(dim0, dim1).transpose(dim0, dim1);
        assertThat(twice.shape()).isEqualTo(x.shape());
        assertThat(twice.stride()).as("strides after transposing dims %d and %d twice", dim0, dim1).isEqualTo(x.stride());
        assertThat(twice.storage()).isSameAs(x.storage());
        assertThat(twice.toDoubleArray()).containsExactly(x.toDoubleArray());
    }

    @Property(tries = 40)
    void reshapingThereAndBackRestoresShapeAndValues(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        Tensor x = RandomTensors.uniform(random, shape, -2, 2);
        int[] target = Shapes.randomReshape(random, shape);
        Tensor there = x.reshape(target);
        Tensor back = there.reshape(shape);
        assertThat(Shapes.numel(there.shape())).isEqualTo(x.numel());
        assertThat(back.shape()).isEqualTo(shape);
        assertThat(back.toDoubleArray()).as("values after reshape to %s and back", Arrays.toString(target))
                .containsExactly(x.toDoubleArray());
        assertThat(there.storage()).as("reshape of a contiguous tensor is a view").isSameAs(x.storage());
    }

    @Property(tries = 50)
    void expandGivesStrideZeroExactlyOnBroadcastDims(@ForAll("expandable") ShapePair pair, @ForAll Random random) {
        int[] shape = pair.a();
        int[] target = pair.b();
        Tensor x = RandomTensors.uniform(random, shape, -2, 2);
        Tensor expanded = x.expand(target);
        int lead = target.length - shape.length;
        int[] strides = expanded.stride();
        assertThat(expanded.shape()).isEqualTo(target);
        for (int d = 0; d < target.length; d++) {
            boolean broadcast = d < lead || (shape[d - lead] == 1 && target[d] != 1);
            if (broadcast) {
                assertThat(strides[d]).as("stride of broadcast dim %d expanding %s to %s", d,
                        Arrays.toString(shape), Arrays.toString(target)).isZero();
            } else {
                assertThat(strides[d]).as("stride of kept dim %d", d).isEqualTo(x.stride()[d - lead]);
            }
        }
        assertThat(expanded.storage()).isSameAs(x.storage());
    }
}
