package jgrad.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WordPiece's split of one word into vocabulary pieces: greedy longest match first. From the
 * start of the word take the longest prefix that is in the vocabulary, then from where it ended
 * the longest piece that is in the vocabulary written with the continuation mark {@code ##}, and
 * so on to the end. If some position has no piece at all, or the word is longer than
 * {@code maxInputCharsPerWord} characters (code points), the whole word becomes {@code unkToken}:
 * <pre>{@code
 * vocab {un, ##aff, ##able, ...}:   "unaffable" -> [un, ##aff, ##able]
 * vocab without "##x":              "unx"       -> [[UNK]]        (not [un, [UNK]])
 * }</pre>
 * Greedy is not always the split with the fewest pieces, but it is the rule BERT was trained with.
 *
 * @param vocab                 token -> id
 * @param unkToken              what a word without a split becomes (BERT: {@code [UNK]})
 * @param maxInputCharsPerWord  longer words become {@code unkToken} (BERT: 100)
 */
public record WordPiece(Map<String, Integer> vocab, String unkToken, int maxInputCharsPerWord) {
    /** The mark of a piece that continues a word. */
    public static final String CONTINUATION = "##";

    /** The pieces of one word (a word from {@link BasicTokenizer}, without spaces). */
    public List<String> split(String word) {
        int[] chars = word.codePoints().toArray();
        if (chars.length > maxInputCharsPerWord) {
            return List.of(unkToken);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < chars.length) {
            String found = null;
            for (int end = chars.length; end > start && found == null; end--) {
                String piece = new String(chars, start, end - start);
                if (start > 0) {
                    piece = CONTINUATION + piece;
                }
                if (vocab.containsKey(piece)) {
                    found = piece;
                    start = end;
                }
            }
            if (found == null) {
                return List.of(unkToken);
            }
            pieces.add(found);
        }
        return pieces;
    }
}
