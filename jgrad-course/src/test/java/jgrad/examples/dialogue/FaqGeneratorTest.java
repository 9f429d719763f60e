package jgrad.examples.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqGeneratorTest {

    private static final FaqParaphrases.Split SPLIT = FaqParaphrases.generate(16,
            FaqRetriever.utterances(ServiceDialogues.generate(60, 0, 3).train()), 5, 1);

    private static List<FaqParaphrases.Example> heldOut() {
        return FaqRetriever.HELD_OUT.stream().map(p -> new FaqParaphrases.Example(p.question(), p.entry())).toList();
    }

    /**
     * A short run on two FAQ entries with answers of about 40 characters (payment methods, parking): for
     * each held-out question about them, the right answer becomes more likely than the other entry's, so
     * the model reads the question and does not only learn to spell answers. Measured after 60 steps of 8:
     * 0.11 to 0.18 nats per character lower for all four held-out questions (about 5 to 7 nats per answer).
     */
    @Test
    void aShortRunPrefersTheRightAnswerForHeldOutQuestions() {
        List<FaqParaphrases.Example> train = SPLIT.train().stream().filter(x -> x.entry() == PAYMENT || x.entry() == PARKING).toList();
        var generator = FaqGenerator.create(train, 1);
        generator.train(train, STEPS, 8, 7, false);
        for (var probe : FaqRetriever.HELD_OUT) {
            if (probe.entry() != PAYMENT && probe.entry() != PARKING) continue;
            double right = generator.loss(List.of(new FaqParaphrases.Example(probe.question(), probe.entry())));
            double other = generator.loss(List.of(new FaqParaphrases.Example(probe.question(), probe.entry() == PAYMENT ? PARKING : PAYMENT)));
            assertThat(right).as("'%s': loss of the right answer vs the other entry's", probe.question()).isLessThan(other - MARGIN);
        }
    }

    @Test
    void aCheckpointGivesBackTheSameAnswersAndGate(@TempDir Path folder) throws IOException {
        var generator = FaqGenerator.create(SPLIT.train(), 1);
        generator.train(SPLIT.train(), 3, 8, 7, false);
        double threshold = generator.chooseThreshold(SPLIT.validation().subList(0, 6));
        var questions = List.of("do you ship abroad", "tell me a joke");
        Path file = folder.resolve("sub/generator.safetensors");
        generator.save(file);
        var loaded = FaqGenerator.load(file);
        assertThat(loaded.threshold()).isEqualTo(threshold);
        assertThat(loaded.generate(questions)).isEqualTo(generator.generate(questions));

        Path other = folder.resolve("other.safetensors");
        Safetensors.save(Map.of("x", Tensor.of(new float[] {1f}, 1)), other);
        assertThatThrownBy(() -> FaqGenerator.load(other)).isInstanceOf(IOException.class).hasMessageContaining("FaqGenerator.load")
                .hasMessageContaining(other.toString());
        assertThat(Files.list(folder.resolve("sub"))).as("only the checkpoint, no temporary file left").hasSize(1);
    }

    /**
     * The gate's two rules on hand-made answers. Choosing: the threshold goes just above the most
     * confident wrong answer (-0.2), whatever the right and the empty answers' confidences. Answering: a
     * non-empty answer passes when its confidence reaches the threshold, so only the right answer at -0.1
     * passes; the wrong ones at -0.2 and -0.3, the empty one and the right one at -0.5 are abstentions; with no wrong answer to
     * learn from, every non-empty answer passes.
     */
    @Test
    void theGateChoosesItsThresholdAboveTheMostConfidentWrongAnswerAndAbstainsBelowIt() {
        var generated = List.of(new FaqGenerator.Generated("A", -0.1), new FaqGenerator.Generated("B", -0.3),
                new FaqGenerator.Generated("", -0.01), new FaqGenerator.Generated("C", -0.2), new FaqGenerator.Generated("D", -0.5));
        var expected = List.of("A", "X", "X", "", "D");
        double threshold = FaqGenerator.thresholdAbove(generated, expected);
        assertThat(threshold).isEqualTo(Math.nextUp(-0.2));
        assertThat(FaqGenerator.tally(generated, expected, threshold)).isEqualTo(new FaqGenerator.Tally(1, 0, 4));
        assertThat(FaqGenerator.tally(generated, expected, -0.35)).as("a looser gate lets the wrong B and C through")
                .isEqualTo(new FaqGenerator.Tally(1, 2, 2));
        var allRight = List.of(new FaqGenerator.Generated("A", -3.0), new FaqGenerator.Generated("", -0.5));
        double open = FaqGenerator.thresholdAbove(allRight, List.of("A", "A"));
        assertThat(open).isEqualTo(Math.nextUp(Double.NEGATIVE_INFINITY));
        assertThat(FaqGenerator.tally(allRight, List.of("A", "A"), open)).isEqualTo(new FaqGenerator.Tally(1, 0, 1));
    }

    private static final int PAYMENT = 3, PARKING = 11, STEPS = 60;
    private static final double MARGIN = 0.05;
}
