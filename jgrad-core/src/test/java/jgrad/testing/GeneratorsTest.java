package jgrad.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.testing.Shapes.ShapePair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The generators keep the promises the gradient checks rely on. */
class GeneratorsTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return Shapes.shapes(0);
    }

    @Provide
    Arbitrary<ShapePair> pairs() {
        return Shapes.broadcastPairs();
    }

    @Property(tries = 300)
    void shapesHaveRankAtMostFourAndFewElements(@ForAll("shapes") int[] shape) {
        assertThat(shape.length).isBetween(0, Shapes.MAX_RANK);
        assertThat(Shapes.numel(shape)).isLessThanOrEqualTo(Shapes.MAX_NUMEL);
        for (int size : shape) {
            assertThat(size).isBetween(0, 4);
        }
        // the bias towards size-1 dims is the point of the generator: about half the shapes have one
        Statistics.label("size-1 dim").collect(Arrays.stream(shape).anyMatch(s -> s == 1));
        Statistics.label("size-1 dim").coverage(c -> c.check(true).percentage(p -> p >= 30));
        Statistics.label("rank").collect(shape.length);
        Statistics.label("rank").coverage(c -> {
            c.check(0).count(n -> n > 0);
            c.check(4).count(n -> n > 0);
        });
    }

    @Property(tries = 300)
    void broadcastPairsAreCompatible(@ForAll("pairs") ShapePair pair) {
        Statistics.label("ranks differ").collect(pair.a().length != pair.b().length);
        Statistics.label("ranks differ").coverage(c -> c.check(true).percentage(p -> p >= 20));
        int[] result = Shape.broadcast("test", pair.a(), pair.b());
        assertThat(Shapes.numel(result)).isLessThanOrEqualTo(Shapes.MAX_NUMEL);
    }

    @Property(tries = 200)
    void randomReshapeKeepsTheElementCount(@ForAll("shapes") int[] shape, @ForAll Random random) {
        int[] target = Shapes.randomReshape(random, shape);
        Tensor x = Tensor.zeros(shape);
        assertThat(Shapes.numel(x.reshape(target).shape())).as("reshape %s to %s", Arrays.toString(shape), Arrays.toString(target))
                .isEqualTo(Shapes.numel(shape));
    }

    @Property(tries = 100)
    void valuesKeepTheirPromisedDistances(@ForAll("shapes") int[] shape, @ForAll Random random) {
        for (double v : RandomTensors.awayFrom(random, shape, -2, 2, 0.0, 0.5).toDoubleArray()) {
            assertThat(Math.min(Math.abs(v), Math.abs(v - 0.5))).isGreaterThan(RandomTensors.KINK_MARGIN);
        }
        double[] distinct = RandomTensors.distinct(random, shape).toDoubleArray();
        Arrays.sort(distinct);
        for (int i = 1; i < distinct.length; i++) {
            assertThat(distinct[i] - distinct[i - 1]).as("gap between sorted distinct values").isGreaterThanOrEqualTo(0.06 - 1e-12);
        }
        double[] a = RandomTensors.nearGrid(random, shape, 0.0).toDoubleArray();
        double[] b = RandomTensors.nearGrid(random, shape, 0.05).toDoubleArray();
        for (double u : a) {
            for (double v : b) {
                assertThat(Math.abs(u - v)).as("|%s - %s|", u, v).isGreaterThanOrEqualTo(0.01 - 1e-12);
            }
        }
    }
}
