package jgrad.examples.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistantParaphrasesTest {

    @Test
    void questionsAreNewDistinctAndKeepTheirEntry() {
        var split = FaqParaphrases.generate(16, List.of("When is your store in Lyon open ?"), 5, 1);
        Set<String> seen = new HashSet<>();
        split.train().forEach(x -> seen.add(x.question()));
        split.validation().forEach(x -> seen.add(x.question()));
        List<DistantParaphrases.Question> questions = DistantParaphrases.generate(4, seen, 3);
        assertThat(questions).hasSize(4 * FaqRetriever.HELD_OUT.size());
        assertThat(questions).extracting(DistantParaphrases.Question::text).doesNotHaveDuplicates().doesNotContainAnyElementsOf(seen)
                .doesNotContainAnyElementsOf(FaqRetriever.HELD_OUT.stream().map(FaqRetriever.Probe::question).toList());
        for (int i = 0; i < questions.size(); i++) {
            assertThat(questions.get(i).entry()).as(questions.get(i).text()).isEqualTo(FaqRetriever.HELD_OUT.get(i / 4).entry());
        }
        assertThat(DistantParaphrases.generate(4, seen, 3)).as("same seed, same set").isEqualTo(questions);
    }

    @Test
    void reorderingMovesATrailingPhraseToTheFrontOrAddsAPreamble() {
        var random = new SplittableRandom(1);
        assertThat(DistantParaphrases.reordered("is parking free at the store", random)).isEqualTo("at the store, is parking free");
        String withPreamble = DistantParaphrases.reordered("how do i register", random);
        assertThat(DistantParaphrases.PREAMBLES).anyMatch(p -> withPreamble.equals(p + "how do i register"));
    }
}
