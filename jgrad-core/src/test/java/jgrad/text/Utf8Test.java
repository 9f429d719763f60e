package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static String decode(int... unsignedBytes) {
        byte[] bytes = new byte[unsignedBytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) unsignedBytes[i];
        }
        return Utf8.decode(bytes);
    }

    @Test
    void wellFormedSequencesOfEveryLengthDecode() {
        assertThat(decode(0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80)).isEqualTo("Aé€😀");
    }

    // Expected values are what Python 3 prints for bytes(...).decode("utf-8", "replace").
    @Test
    void truncatedSequenceIsOneReplacement() {
        assertThat(decode(0xE2, 0x82)).isEqualTo("\uFFFD");
        assertThat(decode(0xE2, 0x82, 0x41)).isEqualTo("\uFFFDA");
    }

    @Test
    void overlongAndSurrogateAndTooLargeFormsReplaceEachByte() {
        assertThat(decode(0xF0, 0x80, 0x80)).as("overlong 4-byte form").isEqualTo("\uFFFD\uFFFD\uFFFD");
        assertThat(decode(0xED, 0xA0, 0x80, 0x41)).as("encoded surrogate").isEqualTo("\uFFFD\uFFFD\uFFFDA");
        assertThat(decode(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
        assertThat(decode(0xC0, 0xAF, 0xE0, 0x80)).as("C0 and E0 80").isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void strayContinuationAndInvalidLeadBytesAreReplacedOneByOne() {
        assertThat(decode(0x80, 0xBF, 0xF5, 0xFF, 0x41)).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFDA");
    }

    @Test
    void incompleteTailIsHeldBackUntilEndOfInput() {
        byte[] bytes = {0x41, (byte) 0xF0, (byte) 0x9F, (byte) 0x98};
        var out = new StringBuilder();
        assertThat(Utf8.decode(bytes, 0, bytes.length, out, false)).as("index where decoding stopped").isEqualTo(1);
        assertThat(out.toString()).isEqualTo("A");
    }

    @Property
    void decodesEveryValidStringBackToItself(@ForAll("text") String text) {
        assertThat(Utf8.decode(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    /**
     * The JDK's UTF-8 decoder also replaces maximal subparts, so it is an independent second
     * opinion, except on encoded surrogates (ED A0..BF): the JDK replaces up to three such bytes
     * with one U+FFFD where Python replaces each byte, as we do.
     */
    @Property
    void agreesWithTheJdkDecoderOnBytesWithoutEncodedSurrogates(@ForAll("bytes") byte[] bytes) {
        Assume.that(!containsEncodedSurrogateStart(bytes));
        assertThat(Utf8.decode(bytes)).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void encodedSurrogateIsReplacedBytewiseLikePythonNotLikeTheJdk() {
        assertThat(decode(0xED, 0xBF, 0xBF)).isEqualTo("\uFFFD\uFFFD\uFFFD");
        assertThat(new String(new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, StandardCharsets.UTF_8)).isEqualTo("\uFFFD");
    }

    private static boolean containsEncodedSurrogateStart(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xED && (bytes[i + 1] & 0xFF) >= 0xA0 && (bytes[i + 1] & 0xFF) <= 0xBF) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.unicodeText(40);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        // Weighted towards the bytes that matter: lead bytes, continuation bytes and ASCII.
        Arbitrary<Integer> value = Arbitraries.oneOf(Arbitraries.integers().between(0x80, 0xBF),
                Arbitraries.integers().between(0xC0, 0xFF), Arbitraries.integers().between(0x00, 0x7F),
                Arbitraries.of(0xE0, 0xED, 0xF0, 0xF4, 0x9F, 0xA0, 0x90, 0x8F));
        return value.list().ofMaxSize(12).map(list -> {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (int) list.get(i);
            }
            return out;
        });
    }
}
