package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceFiguresTest {

    @Test
    void quickRunWritesEveryLecturePicture(@TempDir Path dir) throws IOException {
        SequenceFigures.main(new String[] {dir.toString(), "--quick"});

        for (String name : new String[] {"06-gradient-norms.png", "06-char-models.png", "07-sort-training.png", "07-attention.png"}) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertThat(image).as("%s read back as a PNG", name).isNotNull();
            assertThat(image.getWidth()).as("width of %s", name).isGreaterThan(100);
        }
    }
}
