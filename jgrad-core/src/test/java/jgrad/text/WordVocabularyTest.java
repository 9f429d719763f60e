package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordVocabularyTest {

    @Test
    void wordsAreLowerCasedWithApostrophesKeptAndPunctuationSplitOff() {
        assertThat(WordVocabulary.words("Don't PANIC! It's 42, Ζεύς."))
                .containsExactly("don't", "panic", "!", "it's", "42", ",", "ζεύς", ".");
    }

    @Test
    void idsGoToFrequentWordsFirstTiesAlphabeticallyAndRareWordsAreUnknown() {
        var vocabulary = WordVocabulary.build(List.of("the cat sat", "the dog sat", "the end"), 2, 100);
        assertThat(vocabulary.size()).isEqualTo(4);
        assertThat(vocabulary.decode(0, 1, 2, 3)).isEqualTo("<pad> <unk> the sat");
        assertThat(vocabulary.encode("The cat SAT")).containsExactly(2, WordVocabulary.UNK_ID, 3);
        assertThat(vocabulary.encode("the the the the", 2)).containsExactly(2, 2);
        assertThat(WordVocabulary.build(List.of("b a a b c"), 1, 3).decode(2)).as("maxSize keeps the most frequent, a before b").isEqualTo("a");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> WordVocabulary.build(List.of(), 0, 10)).hasMessageContaining("minCount");
        assertThatThrownBy(() -> WordVocabulary.of(List.of("a", "a"))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> WordVocabulary.build(List.of("a"), 1, 10).word(5)).hasMessageContaining("id 5");
    }
}
