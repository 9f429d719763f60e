package jgrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import jgrad.train.EntityScores.Chunk;
import org.junit.jupiter.api.Test;

/** Hand-worked cases of entity-level scoring as conlleval / seqeval (default mode) define it. */
class EntityScoresTest {

    private static List<String> tags(String text) {
        return List.of(text.split(" "));
    }

    @Test
    void chunksFollowConllevalsLenientRules() {
        assertThat(EntityScores.chunks(tags("B-PER I-PER O B-LOC"))).containsExactly(new Chunk("PER", 0, 1), new Chunk("LOC", 3, 3));
        assertThat(EntityScores.chunks(tags("O I-PER I-PER"))).as("I- after O starts a chunk").containsExactly(new Chunk("PER", 1, 2));
        assertThat(EntityScores.chunks(tags("B-PER I-LOC I-LOC"))).as("a change of type ends one and starts another")
                .containsExactly(new Chunk("PER", 0, 0), new Chunk("LOC", 1, 2));
        assertThat(EntityScores.chunks(tags("B-ORG B-ORG I-ORG"))).as("B- always starts a new chunk")
                .containsExactly(new Chunk("ORG", 0, 0), new Chunk("ORG", 1, 2));
        assertThat(EntityScores.chunks(tags("S-PER B-LOC E-LOC O"))).as("IOBES").containsExactly(new Chunk("PER", 0, 0), new Chunk("LOC", 1, 2));
        assertThatThrownBy(() -> EntityScores.chunks(tags("O PER"))).hasMessageContaining("'PER'");
    }

    @Test
    void seqevalsDocumentedExampleScoresOneHalf() {
        // one MISC chunk starts a token early (wrong boundary), the PER chunk is right: 1 of 2 predicted, 1 of 2 true
        var scores = new EntityScores()
                .add(tags("O O O B-MISC I-MISC I-MISC O"), tags("O O B-MISC I-MISC I-MISC I-MISC O"))
                .add(tags("B-PER I-PER O"), tags("B-PER I-PER O"));
        assertThat(scores.precision()).isEqualTo(0.5);
        assertThat(scores.recall()).isEqualTo(0.5);
        assertThat(scores.f1()).isEqualTo(0.5);
        assertThat(scores.type("PER").f1()).isEqualTo(1.0);
        assertThat(scores.type("MISC").f1()).isEqualTo(0.0);
        assertThat(scores.tokenAccuracy()).as("8 of 10 tokens: positions 2 and 3 of the first sentence differ").isEqualTo(0.8);
    }

    @Test
    void missedAndSpuriousChunksMoveRecallAndPrecisionApart() {
        // true: PER (0-1), LOC (3), ORG (5-6); predicted: PER (0-1) right, LOC missed, ORG (5) too short, spurious LOC (7)
        var scores = new EntityScores().add(tags("B-PER I-PER O B-LOC O B-ORG I-ORG O"), tags("B-PER I-PER O O O B-ORG O B-LOC"));
        assertThat(scores.overall()).isEqualTo(new EntityScores.Counts(1, 3, 3));
        assertThat(scores.precision()).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(scores.recall()).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(scores.type("LOC")).isEqualTo(new EntityScores.Counts(0, 1, 1));
        assertThat(scores.types()).containsExactly("LOC", "ORG", "PER");
        assertThat(scores.report()).contains("overall", "33.33");
        assertThat(new EntityScores().f1()).as("nothing to find, nothing found: 0, not NaN").isEqualTo(0.0);
    }
}
