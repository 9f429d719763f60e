package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class MoonsTest {

    @Test
    void hasNPointsOfTwoCoordinatesAndHalfOfEachClass() {
        Moons moons = Moons.generate(101, 0.1, 1);
        assertThat(moons.size()).isEqualTo(101);
        assertThat(moons.points()).hasDimensions(101, 2);
        assertThat(Arrays.stream(moons.labels()).filter(label -> label == 0).count()).as("outer moon: n/2 rounded down").isEqualTo(50);
        assertThat(Arrays.stream(moons.labels()).filter(label -> label == 1).count()).as("inner moon: the rest").isEqualTo(51);
    }

    @Test
    void theSameSeedGivesTheSamePointsAndAnotherSeedDoesNot() {
        Moons first = Moons.generate(50, 0.2, 7);
        Moons again = Moons.generate(50, 0.2, 7);
        Moons other = Moons.generate(50, 0.2, 8);
        assertThat(again.points()).isDeepEqualTo(first.points());
        assertThat(again.labels()).containsExactly(first.labels());
        assertThat(other.points()).isNotEqualTo(first.points());
    }

    @Test
    void withoutNoisePointsLieOnTheTwoHalfCircles() {
        Moons moons = Moons.generate(10, 0.0, 0);
        for (int i = 0; i < moons.size(); i++) {
            double x = moons.points()[i][0];
            double y = moons.points()[i][1];
            if (moons.labels()[i] == 0) {
                // (cos t, sin t): unit circle around (0, 0), upper half
                assertThat(Math.hypot(x, y)).as("outer point %d", i).isCloseTo(1.0, within(1e-12));
                assertThat(y).isGreaterThanOrEqualTo(0.0);
            } else {
                // (1 - cos t, 0.5 - sin t): unit circle around (1, 0.5), lower half
                assertThat(Math.hypot(x - 1, y - 0.5)).as("inner point %d", i).isCloseTo(1.0, within(1e-12));
                assertThat(y).isLessThanOrEqualTo(0.5 + 1e-12);
            }
        }
        // t runs over [0, π] with both ends included
        assertThat(moons.points()[0]).containsExactly(1.0, 0.0);
        assertThat(moons.points()[4][0]).isCloseTo(-1.0, within(1e-12));
        assertThat(moons.points()[5]).containsExactly(0.0, 0.5);
        assertThat(moons.points()[9][0]).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void noiseHasTheRequestedStandardDeviation() {
        Moons clean = Moons.generate(20_000, 0.0, 3);
        Moons noisy = Moons.generate(20_000, 0.3, 3);
        double sumOfSquares = 0;
        for (int i = 0; i < clean.size(); i++) {
            for (int axis = 0; axis < 2; axis++) {
                double offset = noisy.points()[i][axis] - clean.points()[i][axis];
                sumOfSquares += offset * offset;
            }
        }
        double std = Math.sqrt(sumOfSquares / (2 * clean.size()));
        assertThat(std).as("sample std of 40 000 draws, std error ≈ 0.3/√80000 ≈ 0.001").isCloseTo(0.3, within(0.005));
    }

    @Test
    void rejectsTooFewPointsAndBadNoise() {
        assertThatThrownBy(() -> Moons.generate(1, 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be at least 2, got 1");
        assertThatThrownBy(() -> Moons.generate(10, -0.1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> Moons.generate(10, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Moons.generate(10, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }
}
