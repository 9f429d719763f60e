package jgrad;

import static jgrad.testing.Gradchecks.assertGradientsMatch;

import java.util.Random;
import jgrad.testing.RandomTensors;
import jgrad.testing.Shapes;
import jgrad.testing.Shapes.ShapePair;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Gradient checks of the elementwise ops (issue 2): random shapes of rank 0..4 with size-1 dims,
 * random broadcast pairs for binary ops, values kept off each op's kinks, a random upstream gradient.
 */
class ElementwiseGradcheckTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return Shapes.shapes(1);
    }

    @Provide
    Arbitrary<ShapePair> pairs() {
        return Shapes.broadcastPairs(Shapes.MAX_RANK, 1);
    }

    // ---- unary ------------------------------------------------------------------------------------

    @Property(tries = 30)
    void negGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("neg", random.nextLong(), in -> in.get(0).neg(), RandomTensors.uniform(random, shape, -2, 2));
    }

    @Property(tries = 30)
    void expGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("exp", random.nextLong(), in -> in.get(0).exp(), RandomTensors.uniform(random, shape, -3, 3));
    }

    @Property(tries = 30)
    void logGradientMatchesFiniteDifferencesOnPositiveInputs(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("log", random.nextLong(), in -> in.get(0).log(), RandomTensors.uniform(random, shape, 0.2, 4));
    }

    @Property(tries = 30)
    void sqrtGradientMatchesFiniteDifferencesOnPositiveInputs(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("sqrt", random.nextLong(), in -> in.get(0).sqrt(), RandomTensors.uniform(random, shape, 0.2, 4));
    }

    @Property(tries = 30)
    void absGradientMatchesFiniteDifferencesAwayFromZero(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("abs", random.nextLong(), in -> in.get(0).abs(), RandomTensors.awayFrom(random, shape, -2, 2, 0.0));
    }

    @Property(tries = 30)
    void tanhGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("tanh", random.nextLong(), in -> in.get(0).tanh(), RandomTensors.uniform(random, shape, -3, 3));
    }

    @Property(tries = 30)
    void sigmoidGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("sigmoid", random.nextLong(), in -> in.get(0).sigmoid(), RandomTensors.uniform(random, shape, -5, 5));
    }

    @Property(tries = 30)
    void reluGradientMatchesFiniteDifferencesAwayFromZero(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("relu", random.nextLong(), in -> in.get(0).relu(), RandomTensors.awayFrom(random, shape, -2, 2, 0.0));
    }

    @Property(tries = 30)
    void exactGeluGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("gelu(none)", random.nextLong(), in -> in.get(0).gelu("none"), RandomTensors.uniform(random, shape, -4, 4));
    }

    @Property(tries = 30)
    void tanhGeluGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("gelu(tanh)", random.nextLong(), in -> in.get(0).gelu("tanh"), RandomTensors.uniform(random, shape, -4, 4));
    }

    @Property(tries = 30)
    void powWithConstantExponentGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        double[] exponents = {2.0, 3.0, 0.5, -1.0, -1.5, 1.7};
        double exponent = exponents[random.nextInt(exponents.length)];
        assertGradientsMatch("pow(scalar)", random.nextLong(), in -> in.get(0).pow(exponent),
                RandomTensors.uniform(random, shape, 0.5, 2));
    }

    @Property(tries = 30)
    void clampGradientMatchesFiniteDifferencesAwayFromTheBounds(@ForAll("shapes") int[] shape, @ForAll Random random) {
        double lo = -1.5 + random.nextDouble();
        double hi = 0.5 + random.nextDouble();
        assertGradientsMatch("clamp", random.nextLong(), in -> in.get(0).clamp(lo, hi),
                RandomTensors.awayFrom(random, shape, -2.5, 2.5, lo, hi));
    }

    @Property(tries = 20)
    void oneSidedClampGradientMatchesFiniteDifferences(@ForAll("shapes") int[] shape, @ForAll Random random) {
        assertGradientsMatch("clamp", random.nextLong(), in -> in.get(0).clamp(0.25, Double.POSITIVE_INFINITY),
                RandomTensors.awayFrom(random, shape, -2, 2, 0.25));
    }

    // ---- binary, broadcasting ---------------------------------------------------------------------

    @Property(tries = 40)
    void addGradientMatchesFiniteDifferencesUnderBroadcasting(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        assertGradientsMatch("add", random.nextLong(), in -> in.get(0).add(in.get(1)),
                RandomTensors.uniform(random, pair.a(), -2, 2), RandomTensors.uniform(random, pair.b(), -2, 2));
    }

    @Property(tries = 40)
    void subGradientMatchesFiniteDifferencesUnderBroadcasting(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        assertGradientsMatch("sub", random.nextLong(), in -> in.get(0).sub(in.get(1)),
                RandomTensors.uniform(random, pair.a(), -2, 2), RandomTensors.uniform(random, pair.b(), -2, 2));
    }

    @Property(tries = 40)
    void mulGradientMatchesFiniteDifferencesUnderBroadcasting(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        assertGradientsMatch("mul", random.nextLong(), in -> in.get(0).mul(in.get(1)),
                RandomTensors.uniform(random, pair.a(), -2, 2), RandomTensors.uniform(random, pair.b(), -2, 2));
    }

    @Property(tries = 40)
    void divGradientMatchesFiniteDifferencesWithDenominatorsAwayFromZero(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        assertGradientsMatch("div", random.nextLong(), in -> in.get(0).div(in.get(1)),
                RandomTensors.uniform(random, pair.a(), -2, 2), RandomTensors.signedMagnitude(random, pair.b(), 0.5, 2));
    }

    @Property(tries = 40)
    void powWithTensorExponentGradientMatchesFiniteDifferencesOnPositiveBases(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        assertGradientsMatch("pow(tensor)", random.nextLong(), in -> in.get(0).pow(in.get(1)),
                RandomTensors.uniform(random, pair.a(), 0.5, 2), RandomTensors.uniform(random, pair.b(), -2, 2));
    }

    @Property(tries = 40)
    void maximumGradientMatchesFiniteDifferencesWithoutTies(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        assertGradientsMatch("maximum", random.nextLong(), in -> in.get(0).maximum(in.get(1)),
                RandomTensors.nearGrid(random, pair.a(), 0.0), RandomTensors.nearGrid(random, pair.b(), 0.05));
    }

    @Property(tries = 40)
    void minimumGradientMatchesFiniteDifferencesWithoutTies(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        assertGradientsMatch("minimum", random.nextLong(), in -> in.get(0).minimum(in.get(1)),
                RandomTensors.nearGrid(random, pair.a(), 0.0), RandomTensors.nearGrid(random, pair.b(), 0.05));
    }

    // ---- selection ----------------------------------------------------------------------------------

    @Property(tries = 40)
    void whereGradientMatchesFiniteDifferencesUnderBroadcasting(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        // the condition broadcasts too: give it the shape of one operand, or of the other
        Tensor condition = RandomTensors.mask(random, random.nextBoolean() ? pair.a() : pair.b());
        assertGradientsMatch("where", random.nextLong(), in -> Tensor.where(condition, in.get(0), in.get(1)),
                RandomTensors.uniform(random, pair.a(), -2, 2), RandomTensors.uniform(random, pair.b(), -2, 2));
    }

    @Property(tries = 40)
    void maskedFillGradientMatchesFiniteDifferencesWithABroadcastMask(@ForAll("pairs") ShapePair pair, @ForAll Random random) {
        // the mask must broadcast to x's shape, so x takes the broadcast result shape
        int[] xShape = Shape.broadcast("test", pair.a(), pair.b());
        Tensor mask = RandomTensors.mask(random, pair.b());
        assertGradientsMatch("maskedFill", random.nextLong(), in -> in.get(0).maskedFill(mask, -7.5),
                RandomTensors.uniform(random, xShape, -2, 2));
    }
}
