package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllTest {

    @TempDir
    Path directory;

    @Test
    void readsTokenAndLastColumnSkippingDocstartAndBlankLines() {
        String text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n\nPeter\tNNP\tB-NP\tB-PER\r\nBlackburn NNP I-NP I-PER";
        List<Conll.Sentence> sentences = Conll.parse(text, "example");
        assertThat(sentences).containsExactly(
                new Conll.Sentence(List.of("EU", "rejects"), List.of("B-ORG", "O")),
                new Conll.Sentence(List.of("Peter", "Blackburn"), List.of("B-PER", "I-PER")));
    }

    @Test
    void writeThenReadGivesTheSameSentences() throws IOException {
        var sentences = List.of(new Conll.Sentence(List.of("Ada", "Lovelace", "wrote", "."), List.of("B-PER", "I-PER", "O", "O")),
                new Conll.Sentence(List.of("Paris"), List.of("B-LOC")));
        Path file = directory.resolve("out.conll");
        Conll.write(file, sentences);
        assertThat(Conll.read(file)).isEqualTo(sentences);
        assertThat(Conll.format(sentences)).startsWith("Ada B-PER\nLovelace I-PER\n").contains(".\tO".replace('\t', ' ') + "\n\nParis B-LOC\n");
    }

    @Test
    void badLinesAndTokensAreNamed() {
        assertThatThrownBy(() -> Conll.parse("EU B-ORG\nrejects\n", "f.txt")).hasMessageContaining("f.txt").hasMessageContaining("line 2");
        assertThatThrownBy(() -> new Conll.Sentence(List.of("a b"), List.of("O"))).hasMessageContaining("white space");
        assertThatThrownBy(() -> new Conll.Sentence(List.of("a"), List.of())).hasMessageContaining("1 tokens but 0 tags");
    }
}
