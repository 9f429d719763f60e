package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** BLEU worked by hand from sacreBLEU's definition (13a tokens, exp smoothing, corpus statistics). */
class BleuTest {

    @Test
    void thirteenATokenizationSplitsPunctuationButKeepsNumbersApostrophesAndHyphens() {
        assertThat(Bleu.tokenize13a("Hello, world! It's 3.5-4 km."))
                .containsExactly("Hello", ",", "world", "!", "It's", "3.5", "-", "4", "km", ".");
        assertThat(Bleu.tokenize13a("He said &quot;no&quot; (twice) -- at 10:30, 1,000 times."))
                .containsExactly("He", "said", "\"", "no", "\"", "(", "twice", ")", "--", "at", "10", ":", "30", ",", "1,000", "times", ".");
        assertThat(Bleu.tokenize13a("e.g. a/b [c] {d} 50% $5 x@y #1"))
                .containsExactly("e", ".", "g", ".", "a", "/", "b", "[", "c", "]", "{", "d", "}", "50", "%", "$", "5", "x", "@", "y", "#", "1");
        assertThat(Bleu.tokenize13a("   ")).isEmpty();
    }

    @Test
    void oneSentenceByHand() {
        // hyp: the cat sat on the mat      ref: the cat is on the mat
        // 1-grams 5/6 (all but "sat"), 2-grams 3/5 (the cat, on the, the mat), 3-grams 1/4 (on the mat),
        // 4-grams 0/3 -> exp smoothing: 100 / (2 * 3); same length -> BP 1
        var bleu = Bleu.corpus(List.of("the cat sat on the mat"), List.of(List.of("the cat is on the mat")));
        double expected = Math.pow((500 / 6.0) * 60 * 25 * (100 / 6.0), 0.25);    // geometric mean = 37.99
        assertThat(bleu.score()).isCloseTo(expected, within(1e-9)).isCloseTo(37.99, within(0.005));
        assertThat(bleu.precisions()).containsExactly(new double[] {500 / 6.0, 60, 25, 100 / 6.0}, within(1e-12));
        assertThat(bleu.toString()).isEqualTo("BLEU = 37.99 83.3/60.0/25.0/16.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)");
    }

    @Test
    void statisticsAreSummedOverTheCorpusWithABrevityPenalty() {
        // sentence 1 exact (4 words), sentence 2 "a b c d" against "a b c d e f": all n-grams match, but
        // c = 8 words against r = 10 -> BP = exp(1 - 10/8); precisions 100 each
        var bleu = Bleu.corpus(List.of("w x y z", "a b c d"), List.of(List.of("w x y z"), List.of("a b c d e f")));
        assertThat(bleu.brevityPenalty()).isCloseTo(Math.exp(1 - 10 / 8.0), within(1e-15));
        assertThat(bleu.score()).isCloseTo(100 * Math.exp(-0.25), within(1e-9));
        assertThat(bleu.hypothesisLength()).isEqualTo(8);
        assertThat(bleu.referenceLength()).isEqualTo(10);
    }

    @Test
    void multipleReferencesClipByTheLargestCountAndTakeTheClosestLength() {
        // "the the the" : ref 1 has "the" twice, ref 2 once -> 2 of 3 unigrams count; lengths 2 and 4 are
        // both 1 away from 3: the shorter, 2, is taken (no brevity penalty since 3 >= 2)
        var bleu = Bleu.corpus(List.of("the the the"), List.of(List.of("the the", "the cat sat down")));
        assertThat(bleu.precisions()[0]).isCloseTo(200 / 3.0, within(1e-12));
        assertThat(bleu.referenceLength()).isEqualTo(2);
        // fewer than 4 words in the whole corpus: no 4-grams, so sacreBLEU's score is 0
        assertThat(bleu.score()).isEqualTo(0.0);
        assertThat(Bleu.corpus(List.of("a b c d"), List.of(List.of("a b c d"))).score()).isCloseTo(100, within(1e-12));
        assertThat(Bleu.corpus(List.of("x y z w"), List.of(List.of("a b c d"))).score()).as("nothing matches").isEqualTo(0.0);
    }

    @Test
    void mismatchedInputsAreNamed() {
        assertThatThrownBy(() -> Bleu.corpus(List.of("a"), List.of())).hasMessageContaining("1 hypotheses but 0");
        assertThatThrownBy(() -> Bleu.corpus(List.of("a"), List.of(List.of()))).hasMessageContaining("no reference");
    }
}
