package jgrad;

import static jgrad.testing.Gradchecks.assertGradientsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.UnaryOperator;
import jgrad.testing.RandomTensors;
import jgrad.testing.Shapes;
import jgrad.testing.Shapes.ShapePair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Gradient checks of the view ops and copies. Half the time the op is applied to a permuted view
 * of a tensor of the reversed shape, so each view op also meets non-contiguous, strided inputs.
 */
class ViewGradcheckTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return Shapes.shapes(1);
    }

    @Provide
    Arbitrary<int[]> nonEmptyShapes() {
        return Shapes.shapes(1, Shapes.MAX_RANK, 1);
    }

    @Provide
    Arbitrary<int[]> tensorShapes() {
        return Shapes.shapes(1, Shapes.MAX_RANK, 1);
    }

    @Property(tries = 40)
    void viewGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        int[] target = Shapes.randomReshape(random, shape);
        // view needs a contiguous input, so no permuted source here
        assertGradientsMatch("view/reshape", random.nextLong(), in -> in.get(0).view(target),
                RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 40)
    void reshapeGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        int[] target = Shapes.randomReshape(random, shape);
        checkView("view/reshape", random, shape, x -> x.reshape(target));
    }

    @Property(tries = 30)
    void transposeGradientMatchesFiniteDifferences(@ForAll("tensorShapes") int[] shape, @ForAll Random random) {
        int dim0 = Shapes.randomDim(random, shape.length);
        int dim1 = Shapes.randomDim(random, shape.length);
        checkView("transpose/permute", random, shape, x -> x.transpose(dim0, dim1));
    }

    @Property(tries = 30)
    void permuteGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        int[] dims = Shapes.permutation(random, shape.length);
        for (int i = 0; i < dims.length; i++) {
            if (random.nextBoolean()) {
                dims[i] -= shape.length;
            }
        }
        checkView("transpose/permute", random, shape, x -> x.permute(dims));
    }

    @Property(tries = 30)
    void narrowGradientMatchesFiniteDifferences(@ForAll("tensorShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        int size = shape[Math.floorMod(dim, shape.length)];
        int start = random.nextInt(size + 1);
        int length = random.nextInt(size - start + 1);
        checkView("narrow/slice/select", random, shape, x -> x.narrow(dim, start, length));
    }

    @Property(tries = 30)
    void sliceWithNegativeBoundsGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        int size = shape[Math.floorMod(dim, shape.length)];
        int start = random.nextInt(size);
        int end = start + 1 + random.nextInt(size - start);
        int from = random.nextBoolean() ? start - size : start;
        int to = random.nextBoolean() && end < size ? end - size : end;
        checkView("narrow/slice/select", random, shape, x -> x.slice(dim, from, to));
    }

    @Property(tries = 30)
    void selectGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        int size = shape[Math.floorMod(dim, shape.length)];
        int index = random.nextInt(size) - (random.nextBoolean() ? size : 0);
        checkView("narrow/slice/select", random, shape, x -> x.select(dim, index));
    }

    /** (input shape, target shape) pairs that expand does accept. */
    @Provide
    Arbitrary<ShapePair> expandable() {
        return Shapes.shapes(1).flatMap(target -> Shapes.operandOf(target).map(shape -> new ShapePair(shape, target)));
    }

    @Property(tries = 40)
    void expandGradientMatchesFiniteDifferences(@ForAll("expandable") ShapePair pair, @ForAll Random random) {
        int[] shape = pair.a();
        int[] target = pair.b();
        int lead = target.length - shape.length;
        int[] sizes = target.clone();
        for (int d = lead; d < target.length; d++) {
            if (shape[d - lead] == target[d] && random.nextBoolean()) {
                sizes[d] = -1;   // -1 keeps an existing size
            }
        }
        checkView("expand", random, shape, x -> x.expand(sizes));
    }

    @Property(tries = 30)
    void squeezeGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        if (random.nextBoolean()) {
            checkView("squeeze/unsqueeze", random, shape, Tensor::squeeze);
        } else {
            int dim = Shapes.randomDim(random, shape.length);
            checkView("squeeze/unsqueeze", random, shape, x -> x.squeeze(dim));
        }
    }

    @Property(tries = 30)
    void unsqueezeGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length + 1);
        checkView("squeeze/unsqueeze", random, shape, x -> x.unsqueeze(dim));
    }

    @Property(tries = 30)
    void flattenGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        if (shape.length == 0 || random.nextBoolean()) {
            checkView("flatten", random, shape, Tensor::flatten);
        } else {
            int a = random.nextInt(shape.length);
            int b = a + random.nextInt(shape.length - a);
            checkView("flatten", random, shape, x -> x.flatten(a, b - shape.length));
        }
    }

    @Property(tries = 30)
    void contiguousGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        checkView("contiguous/copy", random, shape, Tensor::contiguous);
    }

    @Property(tries = 30)
    void copyGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        checkView("contiguous/copy", random, shape, Tensor::copy);
    }

    @Property(tries = 30)
    void toSameDtypeGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        checkView("to(dtype)", random, shape, x -> x.to(DType.FLOAT64).mul(3.0));
    }

    /**
     * float64 to float32 and back cannot be checked by finite differences: rounding to float32 moves
     * x by up to ~1e-7 |x|, as much as Gradcheck's eps. The backward of a cast is a cast of the
     * gradient, so this checks it exactly instead: every float32 gradient value is a float64 too.
     */
    @Property(tries = 30)
    void castBackwardCastsTheGradientBackExactly(@ForAll("shapes") int[] shape, @ForAll Random random) {
        Tensor x = RandomTensors.uniform(random, shape, -2, 2).requiresGrad(true);
        Tensor upstream = RandomTensors.uniform(random, shape, -2, 2).float32();
        Tensor y = x.to(DType.FLOAT32);
        y.backward(upstream);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.grad().dtype()).as("gradient dtype of a float64 leaf").isEqualTo(DType.FLOAT64);
        assertThat(x.grad().toDoubleArray()).as("x.grad vs the float32 upstream gradient, exactly")
                .containsExactly(upstream.toDoubleArray());
    }

    /** Runs the check on x, or (half the time, rank >= 2) on a permuted, non-contiguous view of a leaf of the reversed shape. */
    private static void checkView(String family, Random random, int[] shape, UnaryOperator<Tensor> op) {
        if (shape.length < 2 || random.nextBoolean()) {
            assertGradientsMatch(family, random.nextLong(), in -> op.apply(in.get(0)), RandomTensors.uniform(random, shape, -2, 2));
            return;
        }
        int rank = shape.length;
        int[] reversed = new int[rank];
        int[] reverse = new int[rank];
        for (int d = 0; d < rank; d++) {
            reversed[d] = shape[rank - 1 - d];
            reverse[d] = rank - 1 - d;
        }
        assertGradientsMatch(family, random.nextLong(), in -> op.apply(in.get(0).permute(reverse)),
                RandomTensors.uniform(random, reversed, -2, 2));
    }
}
