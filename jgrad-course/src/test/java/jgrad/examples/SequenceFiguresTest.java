package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import jgrad.testing.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceFiguresTest {

    @Test
    void quickRunWritesEveryLecturePicture(@TempDir Path dir) throws IOException {
        SequenceFigures.main(new String[] {dir.toString(), "--quick"});

        for (String name : new String[] {"06-gradient-norms.png", "06-char-models.png", "07-sort-training.png", "07-attention.png"}) {
            Pictures.assertDrawnPng(dir.resolve(name));
        }
    }
}
