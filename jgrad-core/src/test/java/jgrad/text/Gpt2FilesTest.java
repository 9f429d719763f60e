package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jgrad.testing.Allocations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written GPT-2-format fixture in jgrad-core/src/test/resources/jgrad/text. Token ids there:
 * bytes ! ' a c d e f h l o r s t w © Ã Ċ Ġ are 0..17; merges (rank: result) 0: ll=18, 1: he=19,
 * 2: hell=20, 3: hello=21, 4: Ġw=22, 5: or=23, 6: Ġwor=24, 7: Ġworl=25, 8: Ġworld=26, 9: 's=27,
 * 10: Ã©=28, 11: ca=29, 12: caf=30, 13: cafÃ©=31, 14: ĠĠ=32; and {@code <|endoftext|>}=33.
 */
class Gpt2FilesTest {
    private static BpeTokenizer tiny;

    @TempDir
    Path directory;

    @BeforeAll
    static void loadFixture() throws IOException, URISyntaxException {
        tiny = BpeTokenizer.fromGpt2Files(resource("tiny-gpt2-vocab.json"), resource("tiny-gpt2-merges.txt"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Gpt2FilesTest.class.getResource(name).toURI());
    }

    @Test
    void byteToUnicodeMapsPrintableBytesToThemselvesAndTheRestAbove255() {
        assertThat(Gpt2Files.toGpt2Text(" ".getBytes(StandardCharsets.UTF_8))).isEqualTo("\u0120");   // Ġ
        assertThat(Gpt2Files.toGpt2Text("\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("\u010A");  // Ċ
        assertThat(Gpt2Files.toGpt2Text("\t".getBytes(StandardCharsets.UTF_8))).isEqualTo("\u0109");  // ĉ
        assertThat(Gpt2Files.toGpt2Text(new byte[] {0x00, 0x7F, (byte) 0xA0, (byte) 0xAD}))
                .as("first, 34th, 67th and 68th of the non-printable bytes").isEqualTo("\u0100\u0121\u0142\u0143");
        assertThat(Gpt2Files.toGpt2Text("é".getBytes(StandardCharsets.UTF_8))).isEqualTo("Ã©");
        assertThat(Gpt2Files.toGpt2Text("Az~".getBytes(StandardCharsets.UTF_8))).isEqualTo("Az~");
    }

    @Test
    void byteToUnicodeIsABijectionThatRoundTrips() {
        Set<String> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            byte[] single = {(byte) b};
            String text = Gpt2Files.toGpt2Text(single);
            assertThat(seen.add(text)).as("byte %d maps to a fresh character", b).isTrue();
            assertThat(Gpt2Files.fromGpt2Text(text)).containsExactly(single);
        }
    }

    @Test
    void encodesByMergeRankWorkedOutByHand() {
        assertThat(tiny.vocabSize()).isEqualTo(34);
        // "hello" -> ll(0), he(1), hell(2), hello(3); " world" -> Ġw(4), or(5), Ġwor(6), Ġworl(7), Ġworld(8).
        assertThat(tiny.encode("hello world!")).containsExactly(21, 26, 0);
        // Chunks "hello", "'s", " café", "\n"; in " café" Ã©(10) goes first, then ca(11), caf(12), cafÃ©(13).
        assertThat(tiny.encode("hello's café\n")).containsExactly(21, 27, 17, 31, 16);
        // "  hello" splits as " " + " hello"; no merge joins Ġ and hello.
        assertThat(tiny.encode("  hello")).containsExactly(17, 17, 21);
        // Three trailing spaces are one chunk; ĠĠ takes the leftmost pair.
        assertThat(tiny.encode("   ")).containsExactly(32, 17);
    }

    @Test
    void decodesToTheOriginalText() {
        assertThat(tiny.decode(21, 27, 17, 31, 16)).isEqualTo("hello's café\n");
        assertThat(tiny.decode(15)).as("a lone first byte of é").isEqualTo("\uFFFD");
        assertThat(tiny.decode(15, 14)).isEqualTo("é");
    }

    @Test
    void endOfTextIsASpecialToken() {
        assertThat(tiny.specialTokens()).containsEntry("<|endoftext|>", 33);
        assertThat(tiny.encodeWithSpecialTokens("hello<|endoftext|> world")).containsExactly(21, 33, 26);
        assertThat(tiny.decode(21, 33)).isEqualTo("hello<|endoftext|>");
    }

    @Test
    void textNeedingAByteOutsideTheVocabularyIsRejected() {
        assertThatThrownBy(() -> tiny.encode("hello <|endoftext|>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BpeTokenizer.encode: the text at index 5 (chunk \" <|\") needs byte 0x3C, which has no token in this vocabulary");
    }

    // ---------------------------------------------------------------------------------------------
    // Malformed files
    // ---------------------------------------------------------------------------------------------

    private static final String GOOD_VOCAB = "{\"a\": 0, \"b\": 1, \"ab\": 2}";
    private static final String GOOD_MERGES = "#version: 0.2\na b\n";

    @Test
    void minimalFilesLoad() throws IOException {
        var tok = read(GOOD_VOCAB, GOOD_MERGES);
        assertThat(tok.encode("abba")).containsExactly(2, 1, 0);
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertReadFails("{\"a\": 0,\n \"b\" 1}", GOOD_MERGES, "vocab.json (" + directory.resolve("vocab.json") + "): line 2, column 6");
        assertReadFails("{\"a\": 0,\n \"b\" 1}", GOOD_MERGES, "line 2, column 6: expected ':' after a key, got '1}'");
        assertReadFails("{\"a\": 0,}", GOOD_MERGES, "line 1, column 9: expected '\"' to start a key, got '}'");
        assertReadFails("{\"a\": 0.5}", GOOD_MERGES, "token \"a\": expected an integer id in [0, 2097152), the largest vocabulary supported, got the number 0.5");
        assertReadFails("{\"a\": -1}", GOOD_MERGES, "token \"a\": expected an integer id in [0, 2097152), the largest vocabulary supported, got the number -1");
        assertReadFails("{\"a\": \"x\"}", GOOD_MERGES, "token \"a\": expected an integer id in [0, 2097152), the largest vocabulary supported, got the string \"x\"");
        assertReadFails("{\"a\": 2147483648}", GOOD_MERGES, "token \"a\": expected an integer id in [0, 2097152), the largest vocabulary supported, got the number 2147483648");
        assertReadFails("{\"a\": 0, \"a\": 1}", GOOD_MERGES, "line 1, column 10: duplicate key \"a\"");
        assertReadFails("{\"a\": 0", GOOD_MERGES, "line 1, column 8: unexpected end of input, expected ',' or '}' after a value");
        assertReadFails("{\"a\\q\": 0}", GOOD_MERGES, "unknown escape '\\q'");
        assertReadFails("{\"a\\u00\": 0}", GOOD_MERGES, "expected four hex digits after '\\u'");
        assertReadFails("{\"a\": 0} x", GOOD_MERGES, "line 1, column 10: expected the end of the text after the JSON value, got 'x'");
        assertReadFails("[1, 2]", GOOD_MERGES, "expected an object from token to id, got an array");
    }

    @Test
    void invalidVocabularyIsRejected() {
        assertReadFails("{\"a\": 0, \"b\": 0}", "", "id 0 is given to both \"a\" and \"b\"");
        assertReadFails("{\"a b\": 0}", "", "token \"a b\" (id 0): character U+0020 at index 1 is not in GPT-2's byte-to-unicode alphabet");
    }

    @Test
    void invalidMergesAreRejectedWithTheLine() {
        assertReadFails(GOOD_VOCAB, "#version: 0.2\na b c\n", "merges.txt (");
        assertReadFails(GOOD_VOCAB, "#version: 0.2\na b c\n", "line 2: expected two tokens separated by one space, got 'a b c'");
        assertReadFails(GOOD_VOCAB, "#version: 0.2\na x\n", "line 2: token \"x\" is not in vocab.json");
        assertReadFails(GOOD_VOCAB, "#version: 0.2\nb a\n", "line 2: merged token \"ba\" is not in vocab.json");
        assertReadFails(GOOD_VOCAB, "#version: 0.2\na b\na b\n", "merge 1 Merge[left=0, right=1, result=2] repeats the pair of merge 0");
    }

    @Test
    void missingMergesAreDetected() {
        assertReadFails(GOOD_VOCAB, "#version: 0.2\n",
                "token \"ab\" (id 2) is neither a single byte nor made by any merge in merges.txt");
    }

    @Test
    void declaredSpecialTokenMustBeInTheVocabulary() throws IOException {
        Path vocab = write("vocab.json", GOOD_VOCAB);
        Path merges = write("merges.txt", GOOD_MERGES);
        assertThatThrownBy(() -> BpeTokenizer.fromGpt2Files(vocab, merges, List.of("<|im_end|>")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the special token \"<|im_end|>\" is not in the vocabulary");
    }

    @Test
    void hugeIdsFailBeforeTheVocabularyIsAllocated() {
        for (String id : List.of("2147483647", "1000000000")) {
            var result = Allocations.measure(() -> read("{\"a\":" + id + "}", "#version: 0.2\n"));
            assertThat(result.thrown()).as("id " + id).isInstanceOf(IOException.class)
                    .hasMessageContaining("token \"a\": expected an integer id in [0, 2097152)");
            assertThat(result.bytes()).as("bytes allocated reading a vocabulary with the one id " + id).isLessThan(16L << 20);
        }
    }

    private BpeTokenizer read(String vocabJson, String mergesTxt) throws IOException {
        return BpeTokenizer.fromGpt2Files(write("vocab.json", vocabJson), write("merges.txt", mergesTxt));
    }

    private void assertReadFails(String vocabJson, String mergesTxt, String message) {
        assertThatThrownBy(() -> read(vocabJson, mergesTxt)).isInstanceOf(IOException.class).hasMessageContaining(message);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
