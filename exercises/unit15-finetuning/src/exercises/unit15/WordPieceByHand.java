package exercises.unit15;

import java.util.List;
import java.util.Set;

/**
 * Unit 15 exercise, task 1: WordPiece's split of one word, greedy longest match first.
 * From the start of the word take the longest prefix that is in the vocabulary; then, from where
 * it ended, the longest piece that is in the vocabulary written with the continuation mark
 * {@code ##}; and so on to the end of the word. If at some position no piece (not even one
 * character) is in the vocabulary, the whole word is {@code [UNK]}.
 * <pre>
 *   vocab {un, ##aff, ##able, ##a, ...}:  "unaffable" -> [un, ##aff, ##able]
 * </pre>
 * Count characters as Unicode code points ({@code word.codePoints()}), not Java chars.
 */
public final class WordPieceByHand {
    private WordPieceByHand() {
    }

    /**
     * Task 1.
     *
     * @param word  one word, no spaces
     * @param vocab the vocabulary (continuation pieces start with "##")
     * @return the pieces, or {@code ["[UNK]"]}
     */
    public static List<String> split(String word, Set<String> vocab) {
        // TODO(task 1): two loops: over start positions, and from the longest end down to start + 1.
        throw new UnsupportedOperationException("TODO task 1");
    }
}
