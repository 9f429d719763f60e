package exercises.unit08;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jgrad.text.BpeTokenizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded tests of the unit 8 exercise. The reference is {@link BpeTokenizer}: its training gives
 * the merges your {@code train} must find, in the same order, and its {@code encode} the ids your
 * {@code encode} must produce. Everything is integer arithmetic, so results must match exactly.
 */
class BpeTest {
    /** A training text with repeated words, punctuation, digits, a contraction and non-ASCII letters. */
    private static final String TRAINING_TEXT = """
            The baker's oven was warm before dawn. The baker weighed the flour, the water and the salt,
            then mixed them slowly; the dough rested while the baker swept the floor. At six the first
            loaves went in, at seven the second, and by eight the street smelled of bread. Neighbours
            came early: the teacher, the postman, the café owner from the corner. Each one asked for
            the same thing, a warm loaf and the news. The baker's answer was always the same, too:
            the flour is good this year, the water is cold, the oven is older than the street.
            In 1987 the oven broke twice; in 2003 it broke once. Naïve visitors thought it new.
            """;

    /** Texts the tokenizer was not trained on, including characters it never saw (é, ß, 日本, 🙂). */
    private static final List<String> HELD_OUT = List.of(
            "The teacher baked bread before dawn.",
            "the the the  the\n\nthe",
            "Straße, café, 日本語, 🙂 and 1234567890!",
            "",
            "   leading spaces and trailing ones   ");

    // ---- task 1: count adjacent pairs ------------------------------------------------------------

    @Test
    @Tag("task1")
    void countPairsOnAHandExample() {
        Map<Pair, Long> counts = Bpe.countPairs(List.of(new int[] {1, 2, 3}, new int[] {1, 2}, new int[] {5}));
        assertEquals(Map.of(new Pair(1, 2), 2L, new Pair(2, 3), 1L), counts, "countPairs([[1, 2, 3], [1, 2], [5]])");
    }

    @Test
    @Tag("task1")
    void overlappingPairsAllCountButPairsNeverSpanTwoWords() {
        Map<Pair, Long> counts = Bpe.countPairs(List.of(new int[] {7, 7, 7}, new int[] {8}, new int[] {9}));
        assertEquals(Map.of(new Pair(7, 7), 2L), counts, "countPairs([[7, 7, 7], [8], [9]]): (8, 9) spans two words");
    }

    @Test
    @Tag("task1")
    void theMostFrequentPairIsJgradsFirstMerge() {
        for (String text : List.of(TRAINING_TEXT, "aaabdaaabac", "low lower lowest newer wider")) {
            Map<Pair, Long> counts = Bpe.countPairs(Bpe.words(text));
            assertNotNull(counts, "countPairs returned null");
            BpeTokenizer.Merge first = BpeTokenizer.train(text, 257).merges().get(0);
            assertEquals(new Pair(first.left(), first.right()), mostFrequent(counts),
                    "the most frequent pair of your counts vs jgrad's first merge, for text \"" + abbreviate(text) + "\"");
        }
    }

    // ---- task 2: apply one merge -----------------------------------------------------------------

    @Test
    @Tag("task2")
    void mergeOnHandExamples() {
        assertArrayEquals(new int[] {256, 3, 256}, Bpe.merge(new int[] {1, 2, 3, 1, 2}, new Pair(1, 2), 256),
                "merge([1, 2, 3, 1, 2], (1, 2), 256)");
        assertArrayEquals(new int[] {256, 7}, Bpe.merge(new int[] {7, 7, 7}, new Pair(7, 7), 256),
                "merge([7, 7, 7], (7, 7), 256): left to right, a merged id is not reused");
        assertArrayEquals(new int[] {256, 256}, Bpe.merge(new int[] {7, 7, 7, 7}, new Pair(7, 7), 256),
                "merge([7, 7, 7, 7], (7, 7), 256)");
        assertArrayEquals(new int[] {2, 1}, Bpe.merge(new int[] {2, 1}, new Pair(1, 2), 256),
                "merge([2, 1], (1, 2), 256): the pair is ordered");
        assertArrayEquals(new int[] {}, Bpe.merge(new int[] {}, new Pair(1, 2), 256), "merge([], (1, 2), 256)");
    }

    @Test
    @Tag("task2")
    void mergeLeavesItsInputAlone() {
        int[] ids = {1, 2, 1, 2};
        Bpe.merge(ids, new Pair(1, 2), 300);
        assertArrayEquals(new int[] {1, 2, 1, 2}, ids, "the array passed to merge was changed");
    }

    @Test
    @Tag("task2")
    void oneMergeEncodesLikeJgradWithOneMerge() {
        BpeTokenizer tokenizer = BpeTokenizer.train(TRAINING_TEXT, 257);
        BpeTokenizer.Merge only = tokenizer.merges().get(0);
        for (String text : concat(List.of(TRAINING_TEXT), HELD_OUT)) {
            List<Integer> ids = new ArrayList<>();
            for (int[] word : Bpe.words(text)) {
                for (int id : Bpe.merge(word, new Pair(only.left(), only.right()), only.result())) {
                    ids.add(id);
                }
            }
            assertArrayEquals(tokenizer.encode(text), ids.stream().mapToInt(Integer::intValue).toArray(),
                    "every word merged with " + only + ", text \"" + abbreviate(text) + "\"");
        }
    }

    // ---- task 3: train k merges ------------------------------------------------------------------

    @Test
    @Tag("task3")
    void trainOnTheClassicExample() {
        assertEquals(List.of(new BpeTokenizer.Merge(97, 97, 256), new BpeTokenizer.Merge(97, 98, 257),
                        new BpeTokenizer.Merge(256, 257, 258)),
                Bpe.train("aaabdaaabac", 259), "train(\"aaabdaaabac\", 259)");
    }

    @Test
    @Tag("task3")
    void trainFindsJgradsMergesInJgradsOrder() {
        for (int vocabSize : new int[] {256, 257, 270, 320}) {
            assertEquals(BpeTokenizer.train(TRAINING_TEXT, vocabSize).merges(), Bpe.train(TRAINING_TEXT, vocabSize),
                    "train(TRAINING_TEXT, " + vocabSize + ")");
        }
    }

    @Test
    @Tag("task3")
    void trainStopsWhenEveryWordIsOneToken() {
        for (String text : List.of("abab abab", "zz", "a b c")) {
            List<BpeTokenizer.Merge> expected = BpeTokenizer.train(text, 400).merges();
            assertEquals(expected, Bpe.train(text, 400), "train(\"" + text + "\", 400): jgrad learns " + expected.size()
                    + " merges and then has no pair left");
        }
    }

    // ---- task 4: encode by merge rank ------------------------------------------------------------

    @Test
    @Tag("task4")
    void encodeAppliesTheLowestRankFirst() {
        var merges = List.of(new BpeTokenizer.Merge('b', 'c', 256), new BpeTokenizer.Merge('a', 'b', 257));
        assertArrayEquals(new int[] {'a', 256}, Bpe.encode("abc", merges),
                "encode(\"abc\") with merges [(b, c) -> 256, (a, b) -> 257]: (b, c) has the lower rank");
        assertArrayEquals(new int[] {257, 257}, Bpe.encode("abab", merges),
                "encode(\"abab\") with merges [(b, c) -> 256, (a, b) -> 257]");
    }

    @Test
    @Tag("task4")
    void encodeMatchesJgradOnTrainingAndHeldOutText() {
        for (int vocabSize : new int[] {256, 300, 400}) {
            BpeTokenizer tokenizer = BpeTokenizer.train(TRAINING_TEXT, vocabSize);
            for (String text : concat(List.of(TRAINING_TEXT), HELD_OUT)) {
                int[] expected = tokenizer.encode(text);
                int[] actual = Bpe.encode(text, tokenizer.merges());
                assertArrayEquals(expected, actual, "encode(\"" + abbreviate(text) + "\") with " + tokenizer
                        + ": expected " + abbreviate(Arrays.toString(expected)) + " but got "
                        + (actual == null ? "null" : abbreviate(Arrays.toString(actual))));
                assertEquals(text, tokenizer.decode(actual), "decoding your ids gives back the text");
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The most frequent pair, the smallest among equals (jgrad's tie rule). */
    private static Pair mostFrequent(Map<Pair, Long> counts) {
        return counts.entrySet().stream()
                .min((x, y) -> x.getValue().equals(y.getValue()) ? x.getKey().compareTo(y.getKey()) : Long.compare(y.getValue(), x.getValue()))
                .orElseThrow().getKey();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
