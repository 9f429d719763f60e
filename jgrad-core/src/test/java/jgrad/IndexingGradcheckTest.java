package jgrad;

import static jgrad.testing.Gradchecks.assertGradientsMatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jgrad.testing.RandomTensors;
import jgrad.testing.Shapes;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Gradient checks of gather, indexSelect (scatter-add backwards), cat, stack, split and chunk. */
class IndexingGradcheckTest {

    @Provide
    Arbitrary<int[]> nonEmptyShapes() {
        return Shapes.shapes(1);
    }

    @Provide
    Arbitrary<int[]> tensorShapes() {
        return Shapes.shapes(1, Shapes.MAX_RANK, 1);
    }

    @Property(tries = 40)
    void gatherGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        int d = shape.length == 0 ? 0 : Math.floorMod(dim, shape.length);
        // index: same rank, no larger than x outside dim, any length along dim (so values repeat)
        int[] indexShape = shape.clone();
        for (int i = 0; i < shape.length; i++) {
            indexShape[i] = i == d ? 1 + random.nextInt(4) : 1 + random.nextInt(shape[i]);
        }
        Tensor index = RandomTensors.indices(random, indexShape, shape.length == 0 ? 1 : shape[d]);
        assertGradientsMatch("gather", random.nextLong(), in -> in.get(0).gather(dim, index),
                RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 40)
    void indexSelectWithRepeatedIndicesGradientMatchesFiniteDifferences(@ForAll("tensorShapes") int[] shape, @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        int size = shape[Math.floorMod(dim, shape.length)];
        int length = size == 0 ? 0 : 1 + random.nextInt(5);
        long[] picks = new long[length];
        for (int j = 0; j < length; j++) {
            picks[j] = random.nextInt(size);
        }
        if (length >= 2) {
            picks[length - 1] = picks[0];   // at least one repeat: its gradient must be the sum of both
        }
        Tensor index = Tensor.of(picks);
        assertGradientsMatch("indexSelect", random.nextLong(), in -> in.get(0).indexSelect(dim, index),
                RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 40)
    void catGradientMatchesFiniteDifferences(@ForAll("tensorShapes") int[] shape, @ForAll @IntRange(min = 1, max = 3) int count,
                                             @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        int d = Math.floorMod(dim, shape.length);
        Tensor[] inputs = new Tensor[count];
        for (int i = 0; i < count; i++) {
            int[] partShape = shape.clone();
            partShape[d] = i == 0 ? 1 + random.nextInt(3) : random.nextInt(4);   // later parts may be empty; the first is not, so there is something to check
            inputs[i] = RandomTensors.uniform(random, partShape, -2, 2);
        }
        assertGradientsMatch("cat", random.nextLong(), in -> Tensor.cat(in, dim), inputs);
    }

    @Property(tries = 40)
    void stackGradientMatchesFiniteDifferences(@ForAll("nonEmptyShapes") int[] shape, @ForAll @IntRange(min = 1, max = 3) int count,
                                               @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length + 1);
        Tensor[] inputs = new Tensor[count];
        for (int i = 0; i < count; i++) {
            inputs[i] = RandomTensors.uniform(random, shape, -2, 2);
        }
        assertGradientsMatch("stack", random.nextLong(), in -> Tensor.stack(in, dim), inputs);
    }

    @Property(tries = 40)
    void splitGradientMatchesFiniteDifferences(@ForAll("tensorShapes") int[] shape, @ForAll @IntRange(min = 1, max = 4) int splitSize,
                                               @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        assertGradientsMatch("split/chunk", random.nextLong(), in -> weightedCat(in.get(0).split(splitSize, dim), dim),
                RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 40)
    void chunkGradientMatchesFiniteDifferences(@ForAll("tensorShapes") int[] shape, @ForAll @IntRange(min = 1, max = 4) int chunks,
                                               @ForAll Random random) {
        int dim = Shapes.randomDim(random, shape.length);
        assertGradientsMatch("split/chunk", random.nextLong(), in -> weightedCat(in.get(0).chunk(chunks, dim), dim),
                RandomTensors.uniform(random, shape, -2, 2));
    }

    /** Joins the parts again, part i scaled by i + 1, so a gradient routed to the wrong part is caught. */
    private static Tensor weightedCat(List<Tensor> parts, int dim) {
        List<Tensor> scaled = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            scaled.add(parts.get(i).mul(i + 1.0));
        }
        return Tensor.cat(scaled, dim);
    }
}
