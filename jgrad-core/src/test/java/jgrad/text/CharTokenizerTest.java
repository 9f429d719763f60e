package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import jgrad.testing.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharTokenizerTest {
    @TempDir
    Path directory;

    @Test
    void vocabularyIsTheSortedDistinctCharacters() {
        var tok = CharTokenizer.fromText("hello world");
        assertThat(tok.vocabulary()).isEqualTo(" dehlorw");
        assertThat(tok.vocabSize()).isEqualTo(8);
        assertThat(tok.encode("hold")).containsExactly(3, 5, 4, 1);
        assertThat(tok.decode(3, 5, 4, 1)).isEqualTo("hold");
    }

    @Test
    void emojiIsOneTokenNotTwoSurrogates() {
        var tok = CharTokenizer.fromText("a😀b");
        assertThat(tok.vocabSize()).isEqualTo(3);
        assertThat(tok.encode("😀a")).containsExactly(2, 0);
        assertThat(tok.tokenBytes(2)).containsExactly(0xF0, 0x9F, 0x98, 0x80);
    }

    @Test
    void unknownCharacterIsRejectedWithItsIndex() {
        var tok = CharTokenizer.fromText("abc");
        assertThatThrownBy(() -> tok.encode("abz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'z' (U+007A) at index 2")
                .hasMessageContaining("fromText(text, unknownCodePoint)");
        assertThatThrownBy(() -> tok.encode("a\n"))
                .hasMessageContaining("character U+000A at index 1");
    }

    @Test
    void unknownCharacterOptionMapsToTheChosenCharacter() {
        var tok = CharTokenizer.fromText("abc", '?');
        assertThat(tok.vocabulary()).isEqualTo("?abc");
        assertThat(tok.decode(tok.encode("abz😀c"))).isEqualTo("ab??c");
    }

    @Test
    void decodeRejectsIdsOutsideTheVocabulary() {
        var tok = CharTokenizer.fromText("abc");
        assertThatThrownBy(() -> tok.decode(0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CharTokenizer.decode: token id 3 at position 1 is outside the vocabulary [0, 3)");
    }

    @Property
    void decodeInvertsEncodeOnTheTrainingText(@ForAll("text") String text) {
        var tok = CharTokenizer.fromText(text);
        assertThat(tok.decode(tok.encode(text))).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> text() {
        return TextArbitraries.unicodeText(60);
    }

    @Test
    void aLoneSurrogateIsRejectedSoEveryVocabularySavesLoadsAndStreams() throws IOException {
        String cut = "ab\uD83D";                                   // an emoji cut after its high surrogate
        assertThatThrownBy(() -> CharTokenizer.fromText(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+D83D at index 2");
        assertThatThrownBy(() -> CharTokenizer.fromText("\uDC00x", '?')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+DC00 at index 0");
        // With an unknown character, encoding maps a lone surrogate to it, and both decoders agree.
        var tok = CharTokenizer.fromText("ab😀", '?');
        int[] ids = tok.encode(cut);
        var stream = new StreamingDecoder(tok);
        var streamed = new StringBuilder();
        for (int id : ids) {
            streamed.append(stream.push(id));
        }
        assertThat(streamed.append(stream.flush()).toString()).isEqualTo(tok.decode(ids)).isEqualTo("ab?");
        Path file = directory.resolve("emoji.txt");
        tok.save(file);
        assertThat(CharTokenizer.load(file).vocabulary()).isEqualTo(tok.vocabulary());
    }

    @Test
    void saveThenLoadGivesTheSameTokenizer() throws IOException {
        var tok = CharTokenizer.fromText("To be,\nor not\tto be 😀", '\uFFFD');
        Path file = directory.resolve("chars.txt");
        tok.save(file);
        var loaded = CharTokenizer.load(file);
        assertThat(loaded.vocabulary()).isEqualTo(tok.vocabulary());
        assertThat(loaded.encode("not é")).containsExactly(tok.encode("not é"));
        assertThat(Files.readString(file)).startsWith("# jgrad char tokenizer, version 1\nunknown U+FFFD\nsize 13\nU+0009\nU+000A\n");
        assertThat(directory).as("no temporary file left behind").isDirectoryContaining(p -> true)
                .isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void saveReplacesAnExistingFile() throws IOException {
        Path file = directory.resolve("chars.txt");
        CharTokenizer.fromText("abc").save(file);
        CharTokenizer.fromText("xy").save(file);
        assertThat(CharTokenizer.load(file).vocabulary()).isEqualTo("xy");
    }

    @Test
    void loadReportsTheBadLine() throws IOException {
        assertLoadFails("# jgrad char tokenizer, version 2\n", "line 1: expected '# jgrad char tokenizer, version 1'");
        assertLoadFails("# jgrad char tokenizer, version 1\nunknown none\nsize 3\nU+0061\nU+0062\n",
                "line 3: 'size 3' promises 3 lines but only 2 follow");
        assertLoadFails("# jgrad char tokenizer, version 1\nunknown none\nsize 2\nU+0062\nU+0061\n",
                "line 5: characters must be in strictly ascending order, U+0061 follows U+0062");
        assertLoadFails("# jgrad char tokenizer, version 1\nunknown none\nsize 1\nU+D800\n",
                "line 4: expected a code point like U+0041");
        assertLoadFails("# jgrad char tokenizer, version 1\nunknown none\nsize -1\n", "line 3: expected a count after 'size'");
        assertLoadFails("# jgrad char tokenizer, version 1\nunknown U+003F\nsize 1\nU+0061\n",
                "the unknown character U+003F is not in the vocabulary");
        assertLoadFails("# jgrad char tokenizer, version 1\nunknown none\nsize 1\nU+0061\nU+0062\n",
                "line 5: unexpected content after the last section");
    }

    @Test
    void aSizeLargerThanTheLinesPresentFailsBeforeAllocating() throws IOException {
        Path file = directory.resolve("huge.txt");
        Files.writeString(file, "# jgrad char tokenizer, version 1\nunknown none\nsize 2147483647\nU+0061\n");
        var result = Allocations.measure(() -> CharTokenizer.load(file));
        assertThat(result.thrown()).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3: 'size 2147483647' promises 2147483647 lines but only 1 follow");
        assertThat(result.bytes()).as("bytes allocated reading a 4-line file").isLessThan(16L << 20);
    }

    private void assertLoadFails(String content, String message) throws IOException {
        Path file = directory.resolve("bad.txt");
        Files.writeString(file, content);
        assertThatThrownBy(() -> CharTokenizer.load(file)).isInstanceOf(IOException.class).hasMessageContaining(message);
    }
}
