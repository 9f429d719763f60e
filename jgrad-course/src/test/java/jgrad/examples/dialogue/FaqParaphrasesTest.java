package jgrad.examples.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaqParaphrasesTest {

    private static final List<String> TASK_TURNS = List.of("When is your store in Lyon open ?", "Where is my order K4821 ?");

    @Test
    void heldOutQuestionsStayUnseenAndSplitsAreDisjoint() {
        var split = FaqParaphrases.generate(16, TASK_TURNS, 5, 1);
        var heldOut = new HashSet<String>();
        FaqRetriever.HELD_OUT.forEach(p -> heldOut.add(p.question()));
        var trainQuestions = new HashSet<String>();
        for (var example : split.train()) {
            assertThat(heldOut).as("training question '%s'", example.question()).doesNotContain(FaqParaphrases.stripped(example.question()));
            trainQuestions.add(example.question());
        }
        for (var example : split.validation()) {
            assertThat(heldOut).as("validation question '%s'", example.question()).doesNotContain(FaqParaphrases.stripped(example.question()));
            assertThat(trainQuestions).as("validation question also in training").doesNotContain(example.question());
        }
        assertThat(split.train()).extracting(FaqParaphrases.Example::question).doesNotContainAnyElementsOf(FaqRetriever.OFF_TOPIC);
        assertThat(split.validation()).extracting(FaqParaphrases.Example::question).doesNotContainAnyElementsOf(FaqRetriever.OFF_TOPIC);
        for (int entry = 0; entry < FaqRetriever.FAQ.size(); entry++) {
            int e = entry;
            long count = split.train().stream().filter(x -> x.entry() == e).count() + split.validation().stream().filter(x -> x.entry() == e).count();
            assertThat(count).as("phrasings of entry %d (3 own + 16 generated)", entry).isEqualTo(19);
        }
        var all = new java.util.ArrayList<>(split.train());
        all.addAll(split.validation());
        assertThat(all).as("task turns lower-cased, without an answer").contains(new FaqParaphrases.Example("where is my order k4821 ?", -1))
                .contains(new FaqParaphrases.Example("when is your store in lyon open ?", -1));
        assertThat(split.train()).as("the FAQ's own phrasings are trained on").contains(new FaqParaphrases.Example("do you ship abroad", 0));
        assertThat(split.validation()).as("validation has questions with and without answers")
                .anyMatch(x -> x.entry() >= 0).anyMatch(x -> x.entry() < 0);
        assertThat(FaqParaphrases.generate(16, TASK_TURNS, 5, 1)).as("same seed, same examples").isEqualTo(split);
    }

    @Test
    void typosChangeOneLetterOfALongWordAndStrippingUndoesOpeningsAndEndings() {
        var random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            String typo = FaqParaphrases.typo("where can i park my car", random);
            assertThat(Math.abs(typo.length() - "where can i park my car".length())).as("'%s'", typo).isLessThanOrEqualTo(1);
            assertThat(typo.split(" ")).as("'%s' keeps the short words", typo).contains("can", "i", "my");
        }
        assertThat(FaqParaphrases.typo("a b c", random)).as("no word of four letters: unchanged").isEqualTo("a b c");
        assertThat(FaqParaphrases.stripped("hello where do i park? thank you")).isEqualTo("where do i park");
        assertThat(FaqParaphrases.generate(16, TASK_TURNS, 5, 1).train()).noneMatch(x -> x.question().contains("  "));
    }
}
