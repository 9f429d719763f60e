package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jgrad.testing.Allocations;
import jgrad.text.BpeTokenizer.Merge;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTokenizerTest {
    /** A small mixed-script training text, so that merges also join the bytes of multi-byte characters. */
    private static final String TRAINING_TEXT = """
            To be, or not to be, that is the question: Whether 'tis nobler in the mind to suffer
            the slings and arrows of outrageous fortune, or to take arms against a sea of troubles.
            Café, naïve, résumé, déjà vu. Ελληνικά και ελληνικά. Привет, привет, мир!
            日本語の文章、日本語の文章。 😀😀 👍🏽👍🏽 3.14159 2718 2718 the the the end.
            """.repeat(3);
    private static final BpeTokenizer TRAINED = BpeTokenizer.train(TRAINING_TEXT, 400);

    @TempDir
    Path directory;

    // ---------------------------------------------------------------------------------------------
    // Training
    // ---------------------------------------------------------------------------------------------

    /**
     * "aaabdaaabac" is one chunk. By hand: pair counts aa=4 (overlapping), ab=2, rest 1, so
     * (a,a)->256 and the chunk becomes [256 a b d 256 a b a c]; then (256,a) and (a,b) tie at 2 and
     * the smaller ids (97,98) win -> 257: [256 257 d 256 257 a c]; then (256,257)=2 -> 258:
     * [258 d 258 a c]; then four pairs tie at 1 and (97,99) is the smallest -> 259.
     */
    @Test
    void learnsTheMergesWorkedOutByHand() {
        var tok = BpeTokenizer.train("aaabdaaabac", 260);
        assertThat(tok.merges()).containsExactly(
                new Merge(97, 97, 256), new Merge(97, 98, 257), new Merge(256, 257, 258), new Merge(97, 99, 259));
        assertThat(tok.encode("aaabdaaabac")).containsExactly(258, 'd', 258, 259);
        assertThat(tok.vocabSize()).isEqualTo(260);
    }

    @Test
    void pairsNeverCrossChunkBoundaries() {
        // Chunks "ab" and " ab": (a,b) occurs twice, (' ',a) once, and "b a" never (a boundary).
        var tok = BpeTokenizer.train("ab ab", 1000);
        assertThat(tok.merges()).containsExactly(new Merge('a', 'b', 256), new Merge(' ', 256, 257));
        assertThat(tok.vocabSize()).as("training stops when no pair is left").isEqualTo(258);
    }

    @Test
    void trainingIsDeterministic() {
        var again = BpeTokenizer.train(TRAINING_TEXT, 400);
        assertThat(again.merges()).isEqualTo(TRAINED.merges());
    }

    @Test
    void trainingCompressesItsText() {
        int bytes = TRAINING_TEXT.getBytes(StandardCharsets.UTF_8).length;
        int tokens = TRAINED.encode(TRAINING_TEXT).length;
        assertThat(TRAINED.vocabSize()).isEqualTo(400);
        assertThat((double) bytes / tokens).as("bytes per token").isGreaterThan(2.5);
    }

    @Test
    void vocabSizeBelow256IsRejected() {
        assertThatThrownBy(() -> BpeTokenizer.train("abc", 255))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabSize must be at least 256 (one token per byte), got 255");
    }

    // ---------------------------------------------------------------------------------------------
    // Encoding and decoding
    // ---------------------------------------------------------------------------------------------

    @Property(tries = 300)
    void decodeInvertsEncodeOnAnyUnicodeText(@ForAll("text") String text) {
        assertThat(TRAINED.decode(TRAINED.encode(text))).isEqualTo(text);
    }

    /** The fast encoder (priority queue over a linked list) against GPT-2's simple loop. */
    @Property(tries = 300)
    void encodeAppliesMergesLikeTheSimpleReferenceLoop(@ForAll("trainingLikeText") String text) {
        List<Integer> expected = new ArrayList<>();
        for (String chunk : Gpt2PreTokenizer.split(text)) {
            expected.addAll(referenceEncodeChunk(TRAINED, chunk));
        }
        assertThat(TRAINED.encode(text)).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * GPT-2's original encoder: find the adjacent pair of lowest rank, replace all its occurrences
     * left to right, repeat. O(n^2) per chunk, but obviously right.
     */
    private static List<Integer> referenceEncodeChunk(BpeTokenizer tok, String chunk) {
        Map<List<Integer>, Merge> mergeOfPair = new HashMap<>();
        Map<Merge, Integer> rank = new HashMap<>();
        for (int r = 0; r < tok.merges().size(); r++) {
            Merge merge = tok.merges().get(r);
            mergeOfPair.put(List.of(merge.left(), merge.right()), merge);
            rank.put(merge, r);
        }
        List<Integer> word = new ArrayList<>();
        for (byte b : chunk.getBytes(StandardCharsets.UTF_8)) {
            word.add(b & 0xFF);                      // a trained tokenizer's byte b has id b
        }
        while (true) {
            Merge best = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                Merge merge = mergeOfPair.get(List.of(word.get(i), word.get(i + 1)));
                if (merge != null && (best == null || rank.get(merge) < rank.get(best))) {
                    best = merge;
                }
            }
            if (best == null) {
                return word;
            }
            List<Integer> merged = new ArrayList<>();
            for (int i = 0; i < word.size(); i++) {
                if (i + 1 < word.size() && word.get(i) == best.left() && word.get(i + 1) == best.right()) {
                    merged.add(best.result());
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.unicodeText(50);
    }

    /** Words and pieces of the training text glued at random, so that many merges apply. */
    @Provide
    Arbitrary<String> trainingLikeText() {
        return Arbitraries.integers().between(0, TRAINING_TEXT.length() - 1)
                .flatMap(start -> Arbitraries.integers().between(start, Math.min(TRAINING_TEXT.length(), start + 40))
                        .map(end -> TRAINING_TEXT.substring(start, end)))
                .list().ofMaxSize(5).map(pieces -> String.join("", pieces))
                .filter(s -> s.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
    }

    @Test
    void longChunkEncodesInNearLinearTime() {
        var tok = BpeTokenizer.train("a".repeat(64) + " " + "7".repeat(64), 300);
        String digits = "7".repeat(300_000);         // one chunk of 300,000 bytes
        int[] ids = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> tok.encode(digits),
                "a quadratic encoder would need ~10^11 steps here");
        assertThat(tok.decode(ids)).isEqualTo(digits);
        assertThat(ids.length).isLessThan(digits.length() / 16);
    }

    @Test
    void decodingPartOfACharacterGivesTheReplacementCharacter() {
        var bytesOnly = BpeTokenizer.train("", 256);
        assertThat(bytesOnly.decode(0xC3)).isEqualTo("\uFFFD");
        assertThat(bytesOnly.decode(0xC3, 0xA9)).isEqualTo("é");
    }

    @Test
    void decodeRejectsUnknownIds() {
        assertThatThrownBy(() -> TRAINED.decode(65, 400))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BpeTokenizer.decode: token id 400 at position 1 is not in the vocabulary (ids 0..399)");
    }

    // ---------------------------------------------------------------------------------------------
    // Special tokens
    // ---------------------------------------------------------------------------------------------

    @Test
    void specialTokensAreRecognizedOnlyWhenAsked() {
        var tok = TRAINED.withSpecialTokens(BpeTokenizer.ENDOFTEXT);
        assertThat(tok.specialTokens()).containsExactly(Map.entry("<|endoftext|>", 400));
        assertThat(tok.vocabSize()).isEqualTo(401);

        String text = "the end<|endoftext|>To be";
        int[] plain = tok.encode(text);
        int[] special = tok.encodeWithSpecialTokens(text);
        assertThat(plain).as("encode treats the special text as ordinary text").doesNotContain(400);
        assertThat(special).contains(400);
        assertThat(tok.decode(plain)).isEqualTo(text);
        assertThat(tok.decode(special)).isEqualTo(text);
        assertThat(special).containsExactly(concat(tok.encode("the end"), new int[] {400}, tok.encode("To be")));
    }

    @Test
    void longestSpecialTokenWins() {
        var tok = TRAINED.withSpecialTokens("<a>", "<a><b>");
        assertThat(tok.encodeWithSpecialTokens("<a><b><a>")).containsExactly(401, 400);
    }

    @Test
    void specialTokenMustBeNewAndNonEmpty() {
        assertThatThrownBy(() -> TRAINED.withSpecialTokens(""))
                .hasMessageContaining("a special token cannot be empty");
        assertThatThrownBy(() -> TRAINED.withSpecialTokens("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens 97 and 400 hold the same bytes 61");
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    // ---------------------------------------------------------------------------------------------
    // Files
    // ---------------------------------------------------------------------------------------------

    @Test
    void saveThenLoadGivesTheSameTokenizer() throws IOException {
        var tok = TRAINED.withSpecialTokens(BpeTokenizer.ENDOFTEXT);
        Path file = directory.resolve("bpe.txt");
        tok.save(file);
        var loaded = BpeTokenizer.load(file);
        assertThat(loaded.merges()).isEqualTo(tok.merges());
        assertThat(loaded.specialTokens()).isEqualTo(tok.specialTokens());
        assertThat(loaded.encodeWithSpecialTokens(TRAINING_TEXT + BpeTokenizer.ENDOFTEXT))
                .containsExactly(tok.encodeWithSpecialTokens(TRAINING_TEXT + BpeTokenizer.ENDOFTEXT));
        assertThat(Files.readString(file)).startsWith("# jgrad byte-level BPE tokenizer, version 1\ntokens 401\n0 00\n1 01\n");
        assertThat(directory).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void loadReportsTheBadLine() throws IOException {
        String header = "# jgrad byte-level BPE tokenizer, version 1\n";
        assertLoadFails("# jgrad byte-level BPE tokenizer, version 0\n", "line 1: expected '" + header.strip() + "'");
        assertLoadFails(header + "tokens 2\n0 61\n1 6\n", "line 4: expected bytes as an even number of hex digits, got '6'");
        assertLoadFails(header + "tokens 2\n1 61\n0 62\n", "line 4: token ids must be ascending, got 0 after 1");
        assertLoadFails(header + "tokens 3\n0 61\n1 62\n2 6162\nmerges 1\n0 1\n", "line 7: expected the left, right and result ids");
        assertLoadFails(header + "tokens 3\n0 61\n1 62\n2 6261\nmerges 1\n0 1 2\nspecial 0\n",
                "merge 0 Merge[left=0, right=1, result=2]: the result's bytes are not the left's followed by the right's");
        assertLoadFails(header + "tokens 1\n0 61\nmerges 0\n", "the file ends after line 4, expected 'special ...'");
        assertLoadFails(header + "tokens 1\n0 61\nmerges 0\nspecial 1\n5\n", "line 6: special token id 5 is not a token");
    }

    @Test
    void aHugeTokenIdFailsBeforeAnyListGrowsToIt() throws IOException {
        Path file = directory.resolve("huge-id.txt");
        Files.writeString(file, "# jgrad byte-level BPE tokenizer, version 1\ntokens 1\n2000000000 61\nmerges 0\nspecial 0\n");
        var result = Allocations.measure(() -> BpeTokenizer.load(file));
        assertThat(result.thrown()).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3: token id 2000000000 is beyond the largest vocabulary supported");
        assertThat(result.bytes()).as("bytes allocated reading a 5-line file").isLessThan(16L << 20);
        assertLoadFails("# jgrad byte-level BPE tokenizer, version 1\ntokens 2147483647\n0 61\n",
                "line 2: 'tokens 2147483647' promises 2147483647 lines but only 1 follow");
    }

    private void assertLoadFails(String content, String message) throws IOException {
        Path file = directory.resolve("bad.txt");
        Files.writeString(file, content);
        assertThatThrownBy(() -> BpeTokenizer.load(file)).isInstanceOf(IOException.class).hasMessageContaining(message);
    }
}
