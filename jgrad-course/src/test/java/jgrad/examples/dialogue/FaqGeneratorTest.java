package jgrad.examples.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaqGeneratorTest {

    @Test
    void aFewStepsLowerTheLossAndAnswersUseOnlyFaqCharacters() {
        var generator = FaqGenerator.train(8, 1, false);
        assertThat(generator.lastLoss()).as("loss after 8 steps vs the first").isLessThan(0.8 * generator.firstLoss());
        String answer = generator.answer("do you ship abroad");
        assertThat(answer.length()).isLessThanOrEqualTo(100);
        for (char c : answer.toCharArray()) {
            assertThat(FaqRetriever.FAQ.stream().anyMatch(e -> e.answer().indexOf(c) >= 0 || e.phrasings().stream().anyMatch(p -> p.indexOf(c) >= 0)))
                    .as("character '%s' comes from the FAQ", c).isTrue();
        }
    }
}
