package jgrad.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Checks of a written picture beyond "a file exists": it is a PNG (by its signature, not its name),
 * it decodes, it has the expected size, and it is not blank — several colours, and a visible share
 * of pixels that differ from the background (the most common colour).
 */
public final class Pictures {
    private Pictures() {
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** At least this share of pixels must differ from the background: a lone axis line is not a figure. */
    static final double MIN_DRAWN_SHARE = 0.01;

    /** Asserts the above with exact dimensions; returns the image for further checks. */
    public static BufferedImage assertDrawnPng(Path file, int width, int height) throws IOException {
        BufferedImage image = assertDrawnPng(file);
        assertThat(image.getWidth()).as("width of %s", file.getFileName()).isEqualTo(width);
        assertThat(image.getHeight()).as("height of %s", file.getFileName()).isEqualTo(height);
        return image;
    }

    /** Asserts the above with dimensions of at least 100 x 50 pixels; returns the image for further checks. */
    public static BufferedImage assertDrawnPng(Path file) throws IOException {
        assertThat(file).as("picture").isRegularFile();
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), PNG_SIGNATURE.length);
        assertThat(head).as("%s starts with the PNG signature", file.getFileName()).containsExactly(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("%s decodes", file.getFileName()).isNotNull();
        assertThat(image.getWidth()).as("width of %s", file.getFileName()).isGreaterThanOrEqualTo(100);
        assertThat(image.getHeight()).as("height of %s", file.getFileName()).isGreaterThanOrEqualTo(50);
        assertNotBlank(image, file.getFileName().toString());
        return image;
    }

    /** At least three colours, and at least {@link #MIN_DRAWN_SHARE} of the pixels off the background colour. */
    public static void assertNotBlank(BufferedImage image, String name) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int pixels = image.getWidth() * image.getHeight();
        int background = counts.values().stream().max(Integer::compare).orElse(0);
        double drawn = (pixels - background) / (double) pixels;
        assertThat(counts.size()).as("distinct colours in %s", name).isGreaterThanOrEqualTo(3);
        assertThat(drawn).as("share of %s's pixels that differ from its background", name).isGreaterThanOrEqualTo(MIN_DRAWN_SHARE);
    }

    /** Pixels within {@code tolerance} per channel of {@code colour} (antialiasing blends the rest). */
    public static long countNear(BufferedImage image, java.awt.Color colour, int tolerance) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs((rgb >> 16 & 0xff) - colour.getRed()) <= tolerance && Math.abs((rgb >> 8 & 0xff) - colour.getGreen()) <= tolerance
                        && Math.abs((rgb & 0xff) - colour.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Near-black pixels (red + green + blue below 200): text such as tick labels, titles and legend names. */
    public static long darkPixels(BufferedImage image) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff) < 200) n++;
            }
        }
        return n;
    }
}
