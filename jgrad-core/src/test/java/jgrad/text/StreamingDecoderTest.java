package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StreamingDecoderTest {
    /** No merges: token id b is the single byte b, so a test can split characters anywhere. */
    private static final BpeTokenizer BYTES = BpeTokenizer.train("", 256);
    private static final BpeTokenizer TRAINED = BpeTokenizer.train("""
            naïve café résumé 😀😀 👍🏽 日本語 日本語 Привет мир Ελληνικά the the the
            """.repeat(4), 330);

    private static List<String> pushAll(StreamingDecoder stream, int... ids) {
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
            pieces.add(stream.push(id));
        }
        return pieces;
    }

    @Test
    void multiByteCharactersAppearWhenTheirLastByteArrives() {
        var stream = new StreamingDecoder(BYTES);
        // a | C3 A9 (é) | F0 9F 98 80 (😀)
        assertThat(pushAll(stream, 0x61, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80))
                .containsExactly("a", "", "é", "", "", "", "😀");
        assertThat(stream.flush()).isEmpty();
    }

    @Test
    void flushReplacesACharacterCutOffAtTheEnd() {
        var stream = new StreamingDecoder(BYTES);
        assertThat(pushAll(stream, 0x41, 0xF0, 0x9F)).containsExactly("A", "", "");
        assertThat(stream.flush()).isEqualTo("\uFFFD");
        assertThat(stream.push(0x42)).as("the stream starts afresh after flush").isEqualTo("B");
    }

    @Test
    void aByteThatCannotContinueIsDecidedAtOnce() {
        var stream = new StreamingDecoder(BYTES);
        assertThat(pushAll(stream, 0xC3, 0x41, 0x80)).containsExactly("", "\uFFFDA", "\uFFFD");
    }

    @Test
    void worksWithTheCharTokenizer() {
        var chars = CharTokenizer.fromText("ab😀");
        var stream = new StreamingDecoder(chars);
        assertThat(pushAll(stream, chars.encode("😀ab"))).containsExactly("😀", "a", "b");
    }

    @Property
    void piecesJoinToTheWholeDecodeForAnyBytes(@ForAll("bytes") List<Integer> bytes) {
        int[] ids = bytes.stream().mapToInt(Integer::intValue).toArray();
        var stream = new StreamingDecoder(BYTES);
        String streamed = String.join("", pushAll(stream, ids)) + stream.flush();
        assertThat(streamed).isEqualTo(BYTES.decode(ids));
    }

    @Property
    void streamingBpeTokensOfTextGivesTheText(@ForAll("text") String text) {
        var stream = new StreamingDecoder(TRAINED);
        List<String> pieces = pushAll(stream, TRAINED.encode(text));
        assertThat(String.join("", pieces) + stream.flush()).isEqualTo(text);
        assertThat(pieces).as("no piece shows a replacement character for a split character")
                .noneMatch(piece -> piece.contains("\uFFFD") && !text.contains("\uFFFD"));
    }

    @Provide
    Arbitrary<List<Integer>> bytes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0x80, 0xF4))
                .list().ofMaxSize(16);
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.unicodeText(40);
    }
}
