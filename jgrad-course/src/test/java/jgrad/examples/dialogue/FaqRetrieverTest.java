package jgrad.examples.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaqRetrieverTest {

    @Test
    void heldOutParaphrasesAreNeverFaqPhrasings() {
        Set<String> phrasings = new HashSet<>();
        for (var entry : FaqRetriever.FAQ) phrasings.addAll(entry.phrasings());
        for (var probe : FaqRetriever.HELD_OUT) assertThat(phrasings).doesNotContain(probe.question());
        assertThat(FaqRetriever.FAQ).hasSize(15);
    }

    @Test
    void answersHeldOutParaphrasesAndLeavesAssistantTurnsToTheSlotModel() {
        var corpus = ServiceDialogues.generate(100, 60, 7);
        var faq = FaqRetriever.train(FaqRetriever.utterances(corpus.train()), 32, 200, 0.5, 1);
        assertThat(faq.heldOutAccuracy()).as("held-out paraphrases answered with the right entry").isGreaterThanOrEqualTo(0.8);
        assertThat(faq.offTopicRejection()).as("off-topic questions refused").isGreaterThanOrEqualTo(0.8);
        assertThat(faq.capturedShare(FaqRetriever.utterances(corpus.test()))).as("held-out assistant turns taken by the FAQ")
                .isLessThanOrEqualTo(0.02);
        var hit = faq.retrieve("do you deliver outside the country");
        assertThat(hit.answer()).contains(FaqRetriever.FAQ.get(0).answer());
        assertThat(faq.retrieve("who won the football match").answer()).isEmpty();
    }
}
