package jgrad.viz;

import jgrad.testing.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An attention heatmap shows where each query reads from: the cell of weight 1 is the darkest
 * colour of the scale, the colour scale sits at the right, and the token labels are drawn as tick
 * labels left of and below the cells. Checked on pixels, so a blank picture fails.
 */
class AttentionPlotTest {
    @TempDir
    Path dir;

    @Test
    void aDiagonalAttentionIsDarkOnTheDiagonalWithLabelsAndAColourScale() throws IOException {
        // Query q reads only key q: an identity matrix of weights.
        int n = 4;
        double[][] weights = new double[n][n];
        for (int q = 0; q < n; q++) {
            weights[q][q] = 1;
        }
        Path png = dir.resolve("attention.png");
        AttentionPlot.writePng(weights, AttentionPlot.characters("ab c"), AttentionPlot.characters("wxyz"), "identity", png);
        BufferedImage image = Pictures.assertDrawnPng(png);

        // The n cells of weight 1, each about CELL x CELL pixels, in the top colour; the legend's top too.
        long darkest = count(image, AttentionPlot.HIGH, 10);
        assertThat(darkest).as("pixels in the colour of weight 1").isGreaterThan(n * 200L);
        // The first query is the top row: the darkest pixel of the top-most dark row lies left of the others.
        int[] topLeftDark = firstPixel(image, AttentionPlot.HIGH);
        assertThat(topLeftDark[0]).as("x of the top-most weight-1 pixel (query 0 reads key 0, the left column)")
                .isLessThan(image.getWidth() / 2);
        // A colour scale: bluish gradient pixels in the right quarter, outside the cells.
        long bluish = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = image.getWidth() * 3 / 4; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getBlue() > c.getRed() + 30) bluish++;
            }
        }
        assertThat(bluish).as("colour scale pixels at the right").isGreaterThan(500);
        // Tick labels: dark text left of the cells (queries) and below them (keys).
        assertThat(dark(image.getSubimage(0, 40, 60, image.getHeight() - 100))).as("query labels and y title").isGreaterThan(100);
        assertThat(dark(image.getSubimage(60, image.getHeight() - 60, image.getWidth() * 3 / 4 - 60, 60)))
                .as("key labels and x title").isGreaterThan(100);
    }

    @Test
    void mismatchedLabelsAreRejectedNamingTheCounts() {
        assertThatThrownBy(() -> AttentionPlot.render(new double[2][3], List.of("a", "b"), List.of("x", "y"), "t"))
                .hasMessageContaining("row 0 has 3 weights for 2 key labels");
        assertThatThrownBy(() -> AttentionPlot.render(new double[2][2], List.of("a", "b"), List.of("x"), "t"))
                .hasMessageContaining("2 rows of weights for 1 query labels");
    }

    private static int[] firstPixel(BufferedImage image, Color colour) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth() * 3 / 4; x++) {
                if (near(new Color(image.getRGB(x, y)), colour, 10)) return new int[] {x, y};
            }
        }
        return new int[] {-1, -1};
    }

    private static long count(BufferedImage image, Color colour, int tolerance) {
        return Pictures.countNear(image, colour, tolerance);
    }

    private static boolean near(Color c, Color colour, int tolerance) {
        return Math.abs(c.getRed() - colour.getRed()) <= tolerance && Math.abs(c.getGreen() - colour.getGreen()) <= tolerance
                && Math.abs(c.getBlue() - colour.getBlue()) <= tolerance;
    }

    private static long dark(BufferedImage image) {
        return Pictures.darkPixels(image);
    }
}
