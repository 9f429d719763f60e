package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import jgrad.data.Conll;
import jgrad.train.EntityScores;
import org.junit.jupiter.api.Test;

class NamedEntityRecognitionTest {

    /** The surface strings of all entities in the sentences, e.g. "Angela Schmidt". */
    private static Set<String> entities(Iterable<Conll.Sentence> sentences) {
        var out = new HashSet<String>();
        for (Conll.Sentence sentence : sentences) {
            for (EntityScores.Chunk chunk : EntityScores.chunks(sentence.tags())) {
                out.add(String.join(" ", sentence.tokens().subList(chunk.start(), chunk.end() + 1)));
            }
        }
        return out;
    }

    @Test
    void testEntitiesNeverOccurInTrainingAndTagsAreLegalBio() {
        var corpus = NerCorpus.generate(1500, 500, 3);
        var shared = entities(corpus.train());
        shared.retainAll(entities(corpus.test()));
        assertThat(shared).as("entities in both training and test sentences").isEmpty();
        assertThat(entities(corpus.test())).hasSizeGreaterThan(50);
        var bio = jgrad.nn.CRF.Constraints.bio(NerCorpus.TAGS);
        for (Conll.Sentence sentence : corpus.train()) {
            assertThat(bio.permits(sentence.tags().stream().mapToInt(NerCorpus.TAGS::indexOf).toArray())).as("%s", sentence).isTrue();
        }
        assertThat(NerCorpus.generate(10, 10, 3)).isEqualTo(NerCorpus.generate(10, 10, 3));
    }

    /**
     * A fast run (600 sentences, 3 epochs): the tagger finds entities it has never seen. The full demo
     * (2,000 sentences, 6 epochs) is reported in the README; 0.75 here leaves room for seed and thread
     * differences.
     */
    @Test
    void biLstmCrfFindsUnseenEntities() {
        var corpus = NerCorpus.generate(600, 200, 42);
        var result = NamedEntityRecognition.train(corpus, 3, 32, 1, false);
        assertThat(result.scores().f1()).as("entity F1 on unseen entities%n%s", result.scores().report()).isGreaterThanOrEqualTo(0.75);
        var legal = jgrad.nn.CRF.Constraints.bio(NerCorpus.TAGS);
        for (var tags : result.predicted()) {
            assertThat(legal.permits(tags.stream().mapToInt(NerCorpus.TAGS::indexOf).toArray())).as("Viterbi output %s", tags).isTrue();
        }
    }
}
