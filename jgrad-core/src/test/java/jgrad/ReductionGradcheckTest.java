package jgrad;

import static jgrad.testing.Gradchecks.assertGradientsMatch;

import java.util.Random;
import jgrad.testing.RandomTensors;
import jgrad.testing.Shapes;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Gradient checks of reductions, softmax and logSoftmax over random dims (negative ones included) and keepdim both ways. */
class ReductionGradcheckTest {

    @Provide
    Arbitrary<int[]> nonEmptyShapes() {
        return Shapes.shapes(1);
    }

    @Provide
    Arbitrary<int[]> nonScalarShapes() {
        return Shapes.shapes(1, Shapes.MAX_RANK, 1);
    }

    @Property(tries = 30)
    void sumOfAllElementsGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("sum", random.nextLong(), in -> in.get(0).sum(), RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 40)
    void sumOverDimsGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") int[] shape, @ForAll Random random) {
        int[] dims = Shapes.randomDims(random, shape.length);
        boolean keepdim = random.nextBoolean();
        assertGradientsMatch("sum", random.nextLong(), in -> in.get(0).sum(dims, keepdim),
                RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 30)
    void meanOfAllElementsGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("mean", random.nextLong(), in -> in.get(0).mean(), RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 40)
    void meanOverDimsGradientMatchesFiniteDifferences(@ForAll("nonScalarShapes") int[] shape, @ForAll Random random) {
        int[] dims = Shapes.randomDims(random, shape.length);
        boolean keepdim = random.nextBoolean();
        assertGradientsMatch("mean", random.nextLong(), in -> in.get(0).mean(dims, keepdim),
                RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 40)
    void maxValuesAlongDimGradientMatchesFiniteDifferencesWithoutTies(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        boolean keepdim = random.nextBoolean();
        assertGradientsMatch("max/min (dim)", random.nextLong(), in -> in.get(0).max(dim, keepdim).values(),
                RandomTensors.distinct(random, shape));
    }

    @Property(tries = 40)
    void minValuesAlongDimGradientMatchesFiniteDifferencesWithoutTies(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        boolean keepdim = random.nextBoolean();
        assertGradientsMatch("max/min (dim)", random.nextLong(), in -> in.get(0).min(dim, keepdim).values(),
                RandomTensors.distinct(random, shape));
    }

    @Property(tries = 30)
    void maxAndMinOfAllElementsGradientMatchesFiniteDifferencesWithoutTies(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        boolean isMax = random.nextBoolean();
        assertGradientsMatch("max/min (all)", random.nextLong(), in -> isMax ? in.get(0).max() : in.get(0).min(),
                RandomTensors.distinct(random, shape));
    }

    @Property(tries = 40)
    void varOverDimsGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        Assume.that(shape.length > 0);
        int[] dims = Shapes.randomDims(random, shape.length);
        // at least two reduced elements: the unbiased variance of one element divides by zero
        Assume.that(reducedCount(shape, dims) >= 2);
        boolean unbiased = random.nextBoolean();
        boolean keepdim = random.nextBoolean();
        assertGradientsMatch("var", random.nextLong(), in -> in.get(0).var(dims, unbiased, keepdim),
                RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 40)
    void stdOverDimsGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        Assume.that(shape.length > 0);
        int[] dims = Shapes.randomDims(random, shape.length);
        // at least two distinct reduced elements: std's gradient 1/(2 std) is infinite where std = 0
        Assume.that(reducedCount(shape, dims) >= 2);
        boolean unbiased = random.nextBoolean();
        boolean keepdim = random.nextBoolean();
        assertGradientsMatch("std", random.nextLong(), in -> in.get(0).std(dims, unbiased, keepdim),
                RandomTensors.distinct(random, shape));
    }

    @Property(tries = 30)
    void varAndStdOfAllElementsGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        Assume.that(Shapes.numel(shape) >= 2);
        boolean unbiased = random.nextBoolean();
        assertGradientsMatch("var", random.nextLong(), in -> in.get(0).var(unbiased), RandomTensors.distinct(random, shape));
        assertGradientsMatch("std", random.nextLong(), in -> in.get(0).std(unbiased), RandomTensors.distinct(random, shape));
    }

    @Property(tries = 40)
    void logsumexpGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        boolean keepdim = random.nextBoolean();
        double shift = 20 * random.nextDouble() - 10;
        assertGradientsMatch("logsumexp", random.nextLong(), in -> in.get(0).logsumexp(dim, keepdim),
                RandomTensors.uniform(random, shape, shift - 3, shift + 3));
    }

    @Property(tries = 40)
    void softmaxGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        assertGradientsMatch("softmax", random.nextLong(), in -> in.get(0).softmax(dim),
                RandomTensors.uniform(random, shape, -3, 3));
    }

    @Property(tries = 40)
    void logSoftmaxGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        assertGradientsMatch("logSoftmax", random.nextLong(), in -> in.get(0).logSoftmax(dim),
                RandomTensors.uniform(random, shape, -3, 3));
    }

    private static int reducedCount(int[] shape, int[] dims) {
        int count = 1;
        for (int dim : dims) {
            count *= shape[dim < 0 ? dim + shape.length : dim];
        }
        return count;
    }
}
