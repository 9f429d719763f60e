package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import jgrad.testing.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseFiguresTest {

    @Test
    void quickRunWritesEveryLecturePicture(@TempDir Path dir) throws IOException {
        CourseFigures.main(new String[] {dir.toString(), "--quick"});

        for (String name : new String[] {"04-optimizers.png", "04-init.png", "04-batchnorm.png", "05-digits.png",
                "05-cnn-training.png", "05-filters.png"}) {
            Pictures.assertDrawnPng(dir.resolve(name));
        }
    }
}
