package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jgrad.text.CharTokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FortunesTest {

    @TempDir
    Path directory;

    /** A category file laid out like the Debian ones: a '%' line between entries, none after the last. */
    private void write(String category, String text) throws IOException {
        Files.writeString(directory.resolve(category), text, StandardCharsets.UTF_8);
    }

    private void writeEntries(String category, int count) throws IOException {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) text.append("%\n");
            text.append(category).append(" entry ").append(i).append("\n\t-- someone\n");
        }
        write(category, text.toString());
    }

    @Test
    void entriesAreSeparatedByPercentLinesAndTheLastNeedsNoSeparator() {
        List<String> entries = Fortunes.parse("first line\n  second line\n%\nanother\n%\n\nlast one\n");
        assertThat(entries).containsExactly("first line\n  second line", "another", "last one");
    }

    @Test
    void aPercentInsideALineDoesNotSplitAndEmptyEntriesAreSkipped() {
        List<String> entries = Fortunes.parse("%\n50% off\n%\n\n%\n100%\n%\r\ncrlf\r\n%\n");
        assertThat(entries).containsExactly("50% off", "100%", "crlf");
    }

    @Test
    void colourCodesAndOverstrikingAreRemovedButUnicodeIsKept() {
        String tangStyle = "\u001B[32m《靜夜思》\u001B[m\n\u001B[33m作者：李白\u001B[m\n床前明月光，疑是地上霜。\n%\n";
        assertThat(Fortunes.parse(tangStyle)).containsExactly("《靜夜思》\n作者：李白\n床前明月光，疑是地上霜。");
        // "_\bA" prints an underlined A on a typewriter terminal; the reader keeps the A.
        assertThat(Fortunes.clean("_\bA_\bB c")).isEqualTo("AB c");
        // A character outside the Basic Multilingual Plane (two UTF-16 units) survives cleaning whole.
        assertThat(Fortunes.clean("\u001B[1m𠀀\u001B[0m")).isEqualTo("𠀀");
    }

    @Test
    void loadGivesCategoriesInTheOrderAskedWithTheirLabels() throws IOException {
        writeEntries("science", 3);
        writeEntries("art", 2);
        var fortunes = Fortunes.load(directory, "science", "art");
        assertThat(fortunes.categories()).containsExactly("science", "art");
        assertThat(fortunes.label("art")).isEqualTo(1);
        assertThat(fortunes.entries("art")).containsExactly("art entry 0\n\t-- someone", "art entry 1\n\t-- someone");
        assertThat(fortunes.size()).isEqualTo(5);
        assertThat(fortunes.texts()).extracting(Fortunes.LabeledText::label).containsExactly(0, 0, 0, 1, 1);
        assertThat(fortunes.toString()).isEqualTo("Fortunes(science=3, art=2)");
    }

    @Test
    void availableCategoriesSkipTheStrfileIndexesAndU8Links() throws IOException {
        writeEntries("work", 2);
        writeEntries("love", 2);
        Files.write(directory.resolve("work.dat"), new byte[] {0, 0, 0, 2});
        Files.createSymbolicLink(directory.resolve("work.u8"), directory.resolve("work"));
        Files.createDirectory(directory.resolve("off"));
        assertThat(Fortunes.availableCategories(directory)).containsExactly("love", "work");
        assertThat(Fortunes.loadAll(directory).categories()).containsExactly("love", "work");
        assertThat(Fortunes.isAvailable(directory, "work", "love")).isTrue();
        assertThat(Fortunes.isAvailable(directory, "work", "zippy")).isFalse();
    }

    @Test
    void aMissingCategoryNamesTheFileAndWhatIsThere() throws IOException {
        writeEntries("work", 2);
        assertThatThrownBy(() -> Fortunes.load(directory, "work", "zippy"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'zippy'").hasMessageContaining("[work]");
        assertThatThrownBy(() -> Fortunes.load(directory.resolve("nowhere"), "work"))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Fortunes.load(directory, "work", "work")).hasMessageContaining("named twice");
        assertThatThrownBy(() -> Fortunes.load(directory)).hasMessageContaining("at least one category");
    }

    @Test
    void theSplitIsStratifiedDisjointCompleteAndReproducible() throws IOException {
        writeEntries("big", 100);
        writeEntries("small", 10);
        writeEntries("tiny", 2);
        var fortunes = Fortunes.load(directory, "big", "small", "tiny");
        var split = fortunes.split(0.2, 7);

        Map<Integer, Long> testCounts = split.test().stream()
                .collect(Collectors.groupingBy(Fortunes.LabeledText::label, Collectors.counting()));
        assertThat(testCounts).as("round(n * 0.2) per category, at least one each side")
                .containsExactlyInAnyOrderEntriesOf(Map.of(0, 20L, 1, 2L, 2, 1L));
        assertThat(split.train()).hasSize(112 - 23);

        var seen = new HashSet<Fortunes.LabeledText>(split.train());
        seen.retainAll(split.test());
        assertThat(seen).as("no entry in both lists").isEmpty();
        var union = new HashSet<>(split.train());
        union.addAll(split.test());
        assertThat(union).containsExactlyInAnyOrderElementsOf(fortunes.texts());

        assertThat(fortunes.split(0.2, 7)).isEqualTo(split);
        assertThat(fortunes.split(0.2, 8).test()).isNotEqualTo(split.test());
        assertThat(split.train().subList(0, 20)).as("shuffled, not grouped by category")
                .extracting(Fortunes.LabeledText::label).containsAnyOf(1, 2);
        assertThatThrownBy(() -> fortunes.split(1.0, 7)).hasMessageContaining("(0, 1)");
    }

    @Test
    void cappedKeepsAtMostNPerCategoryInFileOrder() throws IOException {
        writeEntries("big", 50);
        writeEntries("small", 3);
        var capped = Fortunes.load(directory, "big", "small").capped(5, 1);
        assertThat(capped.entries("big")).hasSize(5).isSortedAccordingTo(
                (a, b) -> Integer.compare(number(a), number(b)));
        assertThat(capped.entries("small")).hasSize(3);
        assertThat(Fortunes.load(directory, "big").capped(5, 2).entries("big")).isNotEqualTo(capped.entries("big"));
    }

    private static int number(String entry) {
        return Integer.parseInt(entry.split("[ \n]")[2]);
    }

    @Test
    void theDebianCorpusReadsWithItsKnownSizesWhenInstalled() throws IOException {
        Path debian = Fortunes.DEBIAN_DIRECTORY;
        assumeTrue(Fortunes.isAvailable(debian, "computers", "tang300"),
                "the Debian packages fortunes and fortunes-zh are not installed (" + debian + ")");
        var fortunes = Fortunes.load(debian, "computers", "science", "tang300");
        // `grep -c '^%$' computers` counts 1050 separators between 1051 entries; science ends with a separator.
        assertThat(fortunes.entries("computers")).hasSizeBetween(1000, 1100);
        assertThat(fortunes.entries("tang300")).hasSizeBetween(300, 320);
        String poem = fortunes.entries("tang300").get(0);
        assertThat(poem).doesNotContain("\u001B").contains("作者");
        // Every poem character is one token: the tokenizer counts code points, not UTF-16 units.
        var tokenizer = CharTokenizer.fromText(String.join("\n", fortunes.entries("tang300")));
        assertThat(tokenizer.decode(tokenizer.encode(poem))).isEqualTo(poem);
        assertThat(tokenizer.encode(poem)).hasSize(poem.codePointCount(0, poem.length()));
    }
}
