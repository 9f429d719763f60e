package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseFiguresTest {

    @Test
    void quickRunWritesEveryLecturePicture(@TempDir Path dir) throws IOException {
        CourseFigures.main(new String[] {dir.toString(), "--quick"});

        for (String name : new String[] {"04-optimizers.png", "04-init.png", "04-batchnorm.png", "05-digits.png",
                "05-cnn-training.png", "05-filters.png"}) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertThat(image).as("%s read back as a PNG", name).isNotNull();
            assertThat(image.getWidth()).as("width of %s", name).isGreaterThan(100);
        }
    }
}
