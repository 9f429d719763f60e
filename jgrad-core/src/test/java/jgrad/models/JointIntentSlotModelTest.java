package jgrad.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.testing.ModuleGradchecks;
import jgrad.text.WordVocabulary;
import org.junit.jupiter.api.Test;

class JointIntentSlotModelTest {

    private static final List<String> TAGS = List.of("O", "B-CITY", "I-CITY");
    private static final List<List<String>> UTTERANCES = List.of(
            List.of("open", "in", "Lyon", "?"), List.of("hours", "New", "York"), List.of("hello", "there"));

    private static JointIntentSlotModel tiny() {
        var vocabulary = WordVocabulary.build(List.of("open in lyon ?", "hours new york", "hello"), 1, 100);
        var model = new JointIntentSlotModel(vocabulary, List.of("greet", "store_hours"), TAGS, 3, 2, 0.0, new SplittableRandom(5));
        model.to(DType.FLOAT64);
        model.eval();
        return model;
    }

    /**
     * Both heads' losses reach every parameter through the shared encoder; eval mode makes the loss
     * deterministic. The suffix table (513 x 16, a plain embedding lookup checked with Embedding) is
     * frozen so that the central differences run over 600 entries instead of 8,800.
     */
    @Test
    void gradientsOfTheJointLossMatchFiniteDifferences() {
        var model = tiny();
        model.namedParameters().get("tagger.suffix.weight").requiresGrad(false);
        List<List<String>> tags = List.of(List.of("O", "O", "B-CITY", "O"), List.of("O", "B-CITY", "I-CITY"), List.of("O", "O"));
        ModuleGradchecks.assertGradientsMatch("models.JointIntentSlotModel", 11, model, name -> !name.equals("tagger.suffix.weight"),
                () -> model.loss(UTTERANCES, new int[] {1, 1, 0}, tags));
    }

    @Test
    void parseGivesOneIntentAndOneLegalBioTagPerToken() {
        var model = tiny();
        List<JointIntentSlotModel.Parse> parses = model.parse(UTTERANCES);
        assertThat(parses).hasSize(3);
        var bio = jgrad.nn.CRF.Constraints.bio(TAGS);
        for (int i = 0; i < 3; i++) {
            assertThat(model.intents()).contains(parses.get(i).intent());
            assertThat(parses.get(i).slotTags()).hasSameSizeAs(UTTERANCES.get(i));
            assertThat(bio.permits(parses.get(i).slotTags().stream().mapToInt(TAGS::indexOf).toArray()))
                    .as("Viterbi tags %s", parses.get(i).slotTags()).isTrue();
        }
    }
}
