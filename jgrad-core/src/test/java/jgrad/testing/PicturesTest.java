package jgrad.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picture check must reject what a bare "the file exists" accepts. */
class PicturesTest {
    @TempDir
    Path dir;

    private Path png(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static BufferedImage filled(Color color) {
        var image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        return image;
    }

    /** White with a blue and a red box: a picture with something in it. */
    private static BufferedImage drawn() {
        BufferedImage image = filled(Color.WHITE);
        var g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(10, 10, 50, 40);
        g.setColor(Color.RED);
        g.fillRect(100, 10, 50, 40);
        g.dispose();
        return image;
    }

    @Test
    void aDrawnPictureOfTheRightSizePasses() throws IOException {
        Pictures.assertDrawnPng(png(drawn(), "drawn.png"), 200, 100);
    }

    @Test
    void blankAndNearlyBlankPicturesFail() throws IOException {
        Path blank = png(filled(Color.WHITE), "blank.png");
        assertThatThrownBy(() -> Pictures.assertDrawnPng(blank)).isInstanceOf(AssertionError.class).hasMessageContaining("distinct colours");
        BufferedImage speck = filled(Color.WHITE);
        speck.setRGB(5, 5, Color.RED.getRGB());
        speck.setRGB(6, 5, Color.BLUE.getRGB());
        Path nearlyBlank = png(speck, "speck.png");
        assertThatThrownBy(() -> Pictures.assertDrawnPng(nearlyBlank)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("differ from its background");
    }

    @Test
    void aFileThatIsNotAPngOrHasTheWrongSizeFails() throws IOException {
        Path text = Files.writeString(dir.resolve("fake.png"), "not a picture");
        assertThatThrownBy(() -> Pictures.assertDrawnPng(text)).isInstanceOf(AssertionError.class).hasMessageContaining("PNG signature");
        Path drawn = png(drawn(), "drawn.png");
        assertThatThrownBy(() -> Pictures.assertDrawnPng(drawn, 640, 400)).isInstanceOf(AssertionError.class).hasMessageContaining("width");
    }
}
