package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import jgrad.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SamplerTest {
    /** Probabilities 0.5, 0.3, 0.15, 0.05 placed at indices 2, 0, 3, 1. */
    private static final float[] FOUR = logitsOf(0.3, 0.05, 0.5, 0.15);

    private static float[] logitsOf(double... probabilities) {
        float[] logits = new float[probabilities.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.log(probabilities[i]);
        }
        return logits;
    }

    private static Set<Integer> support(double[] probabilities) {
        Set<Integer> kept = new HashSet<>();
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > 0) {
                kept.add(i);
            }
        }
        return kept;
    }

    // ---------------------------------------------------------------------------------------------
    // Parameters
    // ---------------------------------------------------------------------------------------------

    @Test
    void badParametersAreRejected() {
        var sampler = new Sampler();
        assertThatThrownBy(() -> sampler.withTemperature(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sampler.withTemperature: temperature must be a finite number >= 0 (0 means greedy), got -0.5");
        assertThatThrownBy(() -> sampler.withTemperature(Double.NaN)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> sampler.withTemperature(Double.POSITIVE_INFINITY)).hasMessageContaining("got Infinity");
        assertThatThrownBy(() -> sampler.withTopK(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sampler.withTopK: k must be >= 1, got 0");
        assertThatThrownBy(() -> sampler.withTopP(0)).hasMessage("Sampler.withTopP: p must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> sampler.withTopP(1.01)).hasMessageContaining("got 1.01");
        assertThatThrownBy(() -> sampler.withTopP(Double.NaN)).hasMessageContaining("got NaN");
    }

    @Test
    void badLogitsAreRejected() {
        var sampler = new Sampler();
        var rng = new Random(0);
        assertThatThrownBy(() -> sampler.sample(new float[0], rng)).hasMessageContaining("the logits are empty");
        assertThatThrownBy(() -> sampler.sample(new float[] {0, Float.NaN}, rng)).hasMessage(
                "Sampler: logit 1 is NaN; logits must be finite or -inf");
        float[] allMasked = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        assertThatThrownBy(() -> sampler.sample(allMasked, rng)).hasMessageContaining("all 2 logits are -inf");
        assertThatThrownBy(() -> sampler.sample(Tensor.scalar(1.0), rng)).hasMessageContaining("expected logits of shape (..., V)");
    }

    // ---------------------------------------------------------------------------------------------
    // Greedy and temperature
    // ---------------------------------------------------------------------------------------------

    @Test
    void temperatureZeroIsArgmaxWithTheLowestIndexAmongTies() {
        assertThat(Sampler.greedy().sample(new float[] {1, 5, 5, 2}, new Random(0))).isEqualTo(1);
        assertThat(Sampler.greedy().probabilities(FOUR)).containsExactly(0, 0, 1, 0);
    }

    @Test
    void temperatureNearZeroApproachesArgmax() {
        var sampler = new Sampler().withTemperature(1e-3);
        var rng = new Random(1);
        for (int draw = 0; draw < 1000; draw++) {
            assertThat(sampler.sample(FOUR, rng)).isEqualTo(2);
        }
    }

    @Test
    void temperatureDividesTheLogits() {
        double[] probabilities = new Sampler().withTemperature(2).probabilities(new float[] {0, 2});
        // softmax([0, 1]) = [1, e] / (1 + e)
        assertThat(probabilities[1]).isCloseTo(Math.E / (1 + Math.E), within(1e-12));
    }

    // ---------------------------------------------------------------------------------------------
    // Top-k and top-p
    // ---------------------------------------------------------------------------------------------

    @Test
    void topKNeverPicksOutsideTheKLargestAndMatchesTheRenormalizedDistribution() {
        var rng = new Random(7);
        float[] logits = new float[50];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (2 * rng.nextGaussian());
        }
        int[] byLogit = IntStream.range(0, 50).boxed().sorted(Comparator.comparingDouble(i -> -logits[i]))
                .mapToInt(Integer::intValue).toArray();
        Set<Integer> topFive = new HashSet<>();
        double mass = 0;
        for (int r = 0; r < 5; r++) {
            topFive.add(byLogit[r]);
            mass += Math.exp(logits[byLogit[r]]);
        }
        var sampler = new Sampler().withTopK(5);
        int draws = 20_000;
        int[] counts = new int[50];
        for (int draw = 0; draw < draws; draw++) {
            counts[sampler.sample(logits, rng)]++;
        }
        for (int token = 0; token < 50; token++) {
            if (!topFive.contains(token)) {
                assertThat(counts[token]).as("draws of token %d outside the top 5", token).isZero();
                continue;
            }
            double expected = Math.exp(logits[token]) / mass;
            double sigma = Math.sqrt(expected * (1 - expected) / draws);
            // 5 standard errors: a false alarm has probability below 1e-6 per token.
            assertThat((double) counts[token] / draws).as("frequency of token %d", token).isCloseTo(expected, within(5 * sigma));
        }
    }

    @Test
    void topPKeepsExactlyTheNucleus() {
        // Sorted probabilities 0.5 (index 2), 0.3 (0), 0.15 (3), 0.05 (1); cumulative 0.5, 0.8, 0.95, 1.
        assertThat(support(new Sampler().withTopP(0.45).probabilities(FOUR))).containsExactlyInAnyOrder(2);
        assertThat(support(new Sampler().withTopP(0.75).probabilities(FOUR))).containsExactlyInAnyOrder(2, 0);
        assertThat(support(new Sampler().withTopP(0.85).probabilities(FOUR))).containsExactlyInAnyOrder(2, 0, 3);
        assertThat(support(new Sampler().withTopP(1.0).probabilities(FOUR))).containsExactlyInAnyOrder(0, 1, 2, 3);
        double[] nucleus = new Sampler().withTopP(0.75).probabilities(FOUR);
        // Renormalized over the kept mass 0.8; float logits carry ~1e-7 relative error.
        assertThat(nucleus[2]).isCloseTo(0.5 / 0.8, within(1e-6));
        assertThat(nucleus[0]).isCloseTo(0.3 / 0.8, within(1e-6));
    }

    @Test
    void topPAlwaysKeepsTheMostLikelyToken() {
        assertThat(support(new Sampler().withTopP(1e-9).probabilities(FOUR))).containsExactly(2);
    }

    @Test
    void topPAppliesToTheTopKRenormalizedDistribution() {
        // After top-3 the probabilities are 0.5, 0.3, 0.15 over 0.95: cumulative 0.526, 0.842 >= 0.83.
        assertThat(support(new Sampler().withTopK(3).withTopP(0.83).probabilities(FOUR))).containsExactlyInAnyOrder(2, 0);
        // Without top-k the cumulative 0.8 < 0.83, so a third token is needed.
        assertThat(support(new Sampler().withTopP(0.83).probabilities(FOUR))).containsExactlyInAnyOrder(2, 0, 3);
    }

    /**
     * HuggingFace's TopPLogitsWarper: sort ascending, take the cumulative softmax, drop tokens
     * whose cumulative probability is <= 1 - p, and never drop the last (most likely) one.
     */
    @Property(tries = 300)
    void topPMatchesHuggingFacesRule(@ForAll("logits") float[] logits, @ForAll @DoubleRange(min = 0.01, max = 1.0) double p) {
        Integer[] ascending = IntStream.range(0, logits.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> logits[i]).thenComparing(Comparator.reverseOrder()))
                .toArray(Integer[]::new);
        double max = logits[ascending[ascending.length - 1]];
        double sum = Arrays.stream(ascending).mapToDouble(i -> Math.exp(logits[i] - max)).sum();
        Set<Integer> expected = new HashSet<>();
        double cumulative = 0;
        for (int r = 0; r < ascending.length; r++) {
            cumulative += Math.exp(logits[ascending[r]] - max) / sum;
            Assume.that(Math.abs(cumulative - (1 - p)) > 1e-9);   // too close to call in floating point
            if (cumulative > 1 - p || r == ascending.length - 1) {
                expected.add(ascending[r]);
            }
        }
        assertThat(support(new Sampler().withTopP(p).probabilities(logits))).isEqualTo(expected);
    }

    @Provide
    Arbitrary<float[]> logits() {
        return Arbitraries.floats().between(-5, 5).array(float[].class).ofMinSize(1).ofMaxSize(30);
    }

    // ---------------------------------------------------------------------------------------------
    // Draws
    // ---------------------------------------------------------------------------------------------

    @Test
    void maskedTokensAreNeverDrawn() {
        float[] logits = {Float.NEGATIVE_INFINITY, 0, Float.NEGATIVE_INFINITY, 0};
        var sampler = new Sampler().withTopK(3);
        var rng = new Random(3);
        for (int draw = 0; draw < 2000; draw++) {
            assertThat(sampler.sample(logits, rng)).isIn(1, 3);
        }
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        var sampler = new Sampler().withTemperature(0.9).withTopK(3).withTopP(0.99);
        int[] first = IntStream.range(0, 100).map(i -> 0).toArray();
        int[] second = first.clone();
        var rngA = new Random(42);
        var rngB = new Random(42);
        for (int i = 0; i < 100; i++) {
            first[i] = sampler.sample(FOUR, rngA);
            second[i] = sampler.sample(FOUR, rngB);
        }
        assertThat(first).containsExactly(second);
        assertThat(Arrays.stream(first).distinct().count()).as("a non-greedy sampler varies").isGreaterThan(1);
    }

    @Test
    void tensorLogitsGiveOneIdPerRow() {
        Tensor logits = Tensor.of(new float[] {0, 5, 1, 7, 0, 0, 0, 0, 9, 3, 8, 0}, 2, 2, 3);   // (B=2, T=2, V=3)
        assertThat(Sampler.greedy().sample(logits, new Random(0))).containsExactly(1, 0, 2, 1);
        assertThat(Sampler.greedy().sample(logits.select(1, -1), new Random(0))).as("last position of each batch row")
                .containsExactly(0, 1);
    }
}
