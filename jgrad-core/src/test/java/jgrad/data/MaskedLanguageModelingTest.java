package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.SplittableRandom;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** BERT's 15% / 80-10-10 masking: proportions on many tokens, and what is never touched. */
class MaskedLanguageModelingTest {
    private static final int VOCAB = 50, MASK = 4;
    private static final Set<Integer> SPECIALS = Set.of(0, 1, 2, 3, 4);

    @Test
    void chosenTokensAreFifteenPercentSplitEightyTenTen() {
        int rows = 200, length = 100;
        long[] ids = new long[rows * length];
        var random = new SplittableRandom(7);
        for (int i = 0; i < ids.length; i++) ids[i] = 5 + random.nextInt(VOCAB - 5);
        var masked = MaskedLanguageModeling.mask(Tensor.of(ids, rows, length), null, SPECIALS, MASK, VOCAB, 0.15,
                new SplittableRandom(1));
        long[] inputs = masked.inputIds().toLongArray(), labels = masked.labels().toLongArray();
        int chosen = 0, asMask = 0, kept = 0, randomised = 0;
        for (int i = 0; i < ids.length; i++) {
            if (labels[i] == MaskedLanguageModeling.IGNORE) {
                assertThat(inputs[i]).as("unchosen token %d is unchanged", i).isEqualTo(ids[i]);
                continue;
            }
            chosen++;
            assertThat(labels[i]).as("label is the original token").isEqualTo(ids[i]);
            if (inputs[i] == MASK) asMask++;
            else if (inputs[i] == ids[i]) kept++;
            else randomised++;
            assertThat(SPECIALS.contains((int) inputs[i]) && inputs[i] != MASK).as("random replacements are ordinary tokens").isFalse();
        }
        // 20,000 tokens: the binomial standard deviation of the chosen share is 0.25%, of the 80/10/10 split about 1%;
        // the bounds are 4 standard deviations wide. (A random replacement equal to the original, 1 in 45, counts as kept.)
        assertThat(chosen / 20000.0).isBetween(0.14, 0.16);
        assertThat(asMask / (double) chosen).isBetween(0.76, 0.84);
        assertThat(kept / (double) chosen).isBetween(0.07, 0.13);
        assertThat(randomised / (double) chosen).isBetween(0.07, 0.13);
    }

    @Test
    void specialTokensAndPaddingAreNeverChosen() {
        long[] ids = {2, 7, 8, 9, 3, 0, 0};
        long[] keep = {1, 1, 1, 1, 1, 0, 0};
        var masked = MaskedLanguageModeling.mask(Tensor.of(ids, 1, 7), Tensor.of(keep, 1, 7), SPECIALS, MASK, VOCAB, 1.0,
                new SplittableRandom(3));
        assertThat(masked.labels().toLongArray()).containsExactly(-100, 7, 8, 9, -100, -100, -100);
        long[] inputs = masked.inputIds().toLongArray();
        assertThat(new long[] {inputs[0], inputs[4], inputs[5], inputs[6]}).containsExactly(2, 3, 0, 0);
        assertThatThrownBy(() -> MaskedLanguageModeling.mask(Tensor.of(ids, 1, 7), Tensor.of(keep, 7, 1), SPECIALS, MASK,
                VOCAB, 0.15, new SplittableRandom(3))).hasMessageContaining("(1, 7)").hasMessageContaining("(7, 1)");
    }
}
