package exercises.unit15;

import java.util.ArrayList;
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
        int[] chars = word.codePoints().toArray();
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < chars.length) {
            int end = chars.length;
            String found = null;
            while (end > start) {
                String piece = (start > 0 ? "##" : "") + new String(chars, start, end - start);
                if (vocab.contains(piece)) {
                    found = piece;
                    break;
                }
                end--;
            }
            if (found == null) {
                return List.of("[UNK]");
            }
            pieces.add(found);
            start = end;
        }
        return pieces;
    }
}
