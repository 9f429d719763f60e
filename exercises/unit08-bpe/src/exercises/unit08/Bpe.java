package exercises.unit08;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.text.BpeTokenizer;
import jgrad.text.Gpt2PreTokenizer;

/**
 * Unit 8 exercise: byte-level byte-pair encoding, written the plain way.
 *
 * <p>Read {@code lectures/08-tokenization.md} first. A "word" below is one chunk of the text after
 * GPT-2 pre-tokenization, held as token ids; at the start its ids are its UTF-8 bytes (0..255),
 * see {@link #words}. Each method is one task; replace the {@code throw} with your code, then
 * grade one task at a time, from the repository root:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit08-bpe --task task1"
 * </pre>
 * The graded tests compare your merges and encodings with {@link BpeTokenizer}'s.
 */
public final class Bpe {
    private Bpe() {
    }

    /**
     * Given: the words of {@code text}: {@link Gpt2PreTokenizer#split} cuts it into chunks, and each
     * chunk becomes the array of its UTF-8 bytes as ids 0..255. A chunk that occurs twice is listed
     * twice. The result is a mutable list, so training can replace words as it merges.
     *
     * <pre>{@code
     * words("hi hi")   // [[104, 105], [32, 104, 105]]   ("hi", " hi")
     * }</pre>
     */
    public static List<int[]> words(String text) {
        List<int[]> words = new ArrayList<>();
        for (String chunk : Gpt2PreTokenizer.split(text)) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                ids[i] = bytes[i] & 0xFF;
            }
            words.add(ids);
        }
        return words;
    }

    /**
     * Task 1: how often each pair of adjacent ids occurs, over all words. Pairs never span two
     * words. Overlapping pairs all count: the word {@code [7, 7, 7]} holds {@code (7, 7)} twice.
     *
     * <pre>{@code
     * countPairs(List.of(new int[] {1, 2, 3}, new int[] {1, 2}))   // {Pair[1, 2]=2, Pair[2, 3]=1}
     * }</pre>
     *
     * @param words the words, each an array of token ids
     * @return each pair that occurs, with its count (pairs that do not occur are absent)
     */
    public static Map<Pair, Long> countPairs(List<int[]> words) {
        // TODO(task 1): one pass over every word, adding 1 for each (ids[i], ids[i + 1]).
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: {@code ids} with every occurrence of {@code pair} replaced by {@code newId}, scanning
     * left to right: after a replacement, continue after the pair, so {@code [7, 7, 7]} with pair
     * {@code (7, 7)} becomes {@code [newId, 7]}. {@code ids} itself is not changed.
     *
     * <pre>{@code
     * merge(new int[] {1, 2, 3, 1, 2}, new Pair(1, 2), 256)   // [256, 3, 256]
     * }</pre>
     */
    public static int[] merge(int[] ids, Pair pair, int newId) {
        // TODO(task 2): copy ids to a new array, writing newId (and skipping one id) wherever the pair starts.
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: learn merges until the vocabulary has {@code vocabSize} tokens. Ids 0..255 are the
     * bytes; merge {@code i} creates id {@code 256 + i}. Each step counts the pairs of all words
     * (task 1), takes the most frequent one — among equally frequent pairs the smallest, in
     * {@link Pair}'s order — records {@code new Merge(left, right, newId)} and merges it in every
     * word (task 2). Stop early when no word has two ids left.
     *
     * <pre>{@code
     * train("aaabdaaabac", 259)   // merges (97, 97) -> 256, (97, 98) -> 257, (256, 257) -> 258
     * }</pre>
     *
     * @param vocabSize at least 256
     * @return the merges in the order learned (their rank order)
     */
    public static List<BpeTokenizer.Merge> train(String text, int vocabSize) {
        // TODO(task 3): words(text), then repeat: countPairs, pick the best pair, merge it everywhere.
        throw new UnsupportedOperationException("TODO task 3");
    }

    /**
     * Task 4: the token ids of {@code text} under {@code merges}. For each word: while some
     * adjacent pair of the word has a merge, apply the merge of <em>lowest rank</em> (smallest
     * index in {@code merges}) that occurs in the word; then append the word's ids to the output.
     *
     * <p>The order matters: with merges {@code [(b, c) -> 256, (a, b) -> 257]} the word "abc" is
     * {@code [97, 256]}, although (a, b) comes first in the text.
     *
     * @param merges merges in rank order, as returned by task 3 or {@link BpeTokenizer#merges()}
     */
    public static int[] encode(String text, List<BpeTokenizer.Merge> merges) {
        // TODO(task 4): a map from Pair to rank helps; words(text), merge each word by lowest rank, concatenate.
        throw new UnsupportedOperationException("TODO task 4");
    }
}
