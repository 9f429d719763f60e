package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

class Gpt2PreTokenizerTest {
    /** Expected chunks are what GPT-2's pattern gives in Python's regex module ({@code regex.findall}). */
    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("I'm  here, 123!", List.of("I", "'m", " ", " here", ",", " 123", "!")),
                Arguments.of("Hello\n\nworld  ", List.of("Hello", "\n", "\n", "world", "  ")),
                Arguments.of("   a", List.of("  ", " a")),
                Arguments.of("it's", List.of("it", "'s")),
                Arguments.of("we'LL they'll", List.of("we", "'", "LL", " they", "'ll")),
                Arguments.of("café na\u0308ive \u0663\u0664 😀😀!", List.of("café", " na", "\u0308", "ive", " \u0663\u0664", " 😀😀!")),
                Arguments.of("x\u00A0\u00A0y", List.of("x", "\u00A0", "\u00A0", "y")),
                Arguments.of("\t\tfoo", List.of("\t", "\t", "foo")));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void splitsLikeGpt2(String text, List<String> expected) {
        assertThat(Gpt2PreTokenizer.split(text)).as("chunks of %s", text).isEqualTo(expected);
    }

    @Property
    void chunksConcatenateBackToTheText(@ForAll("text") String text) {
        assertThat(String.join("", Gpt2PreTokenizer.split(text))).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.unicodeText(60);
    }
}
