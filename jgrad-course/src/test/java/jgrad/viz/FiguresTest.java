package jgrad.viz;

import jgrad.testing.Pictures;
import jgrad.train.ConfusionMatrix;
import jgrad.train.Curves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XChart figures carry what makes a picture readable: series in their own colours with a
 * legend, axes with tick labels, a grid, a colour scale for heatmaps. Each check looks at pixels,
 * so a blank or half-drawn picture fails.
 */
class FiguresTest {
    private static final Color RED = new Color(0xd6, 0x27, 0x28), GREEN = new Color(0x2c, 0xa0, 0x2c);

    @TempDir
    Path dir;

    @Test
    void curvesHaveAPanelPerMetricWithTheSeriesColoursInPlotAndLegend() throws IOException {
        Path png = dir.resolve("curves.png");
        Curves.save(png, List.of(
                new Curves.Panel("loss", List.of(new Curves.Series("train", List.of(2.0, 1.2, 0.7, 0.5), RED),
                        new Curves.Series("test", List.of(2.1, 1.5, 1.1, 1.0), GREEN))),
                new Curves.Panel("accuracy", List.of(new Curves.Series("train", List.of(0.3, 0.6, 0.8, 0.9), RED)))));
        BufferedImage image = Pictures.assertDrawnPng(png, 2 * Curves.PANEL_WIDTH, Curves.HEIGHT);
        BufferedImage loss = image.getSubimage(0, 0, Curves.PANEL_WIDTH, Curves.HEIGHT);
        BufferedImage accuracy = image.getSubimage(Curves.PANEL_WIDTH, 0, Curves.PANEL_WIDTH, Curves.HEIGHT);
        // Lines, markers and legend entries: many pixels of each series colour, in the panel it belongs to.
        assertThat(count(loss, RED)).as("red (train) pixels in the loss panel").isGreaterThan(300);
        assertThat(count(loss, GREEN)).as("green (test) pixels in the loss panel").isGreaterThan(300);
        assertThat(count(accuracy, RED)).as("red pixels in the accuracy panel").isGreaterThan(300);
        assertThat(count(accuracy, GREEN)).as("no test series in the accuracy panel").isZero();
        // The legend sits below the plot: the series colour appears in the bottom sixth of the panel.
        assertThat(count(loss.getSubimage(0, Curves.HEIGHT * 5 / 6, Curves.PANEL_WIDTH, Curves.HEIGHT / 6), GREEN))
                .as("legend swatch of 'test'").isGreaterThan(10);
        // Tick labels and axis titles: dark text left of the plot and below it.
        assertThat(darkPixels(loss.getSubimage(0, 40, 60, Curves.HEIGHT - 120))).as("y tick labels").isGreaterThan(100);
        assertThat(darkPixels(loss.getSubimage(60, Curves.HEIGHT - 70, Curves.PANEL_WIDTH - 60, 35))).as("x ticks and title")
                .isGreaterThan(100);
    }

    @Test
    void aConfusionHeatmapHasAColourScaleAndTheDiagonalDarkest() throws IOException {
        var matrix = new ConfusionMatrix(3);
        for (int i = 0; i < 90; i++) {
            int actual = i % 3;
            matrix.add(actual, (i / 3) % 10 == 0 ? (actual + 1) % 3 : actual);   // 3 of each class's 30 wrong
        }
        Path png = dir.resolve("confusion.png");
        ConfusionMatrixPlot.writePng(matrix, List.of("cats", "dogs", "birds"), png);
        BufferedImage image = Pictures.assertDrawnPng(png);
        // The colour scale runs from LOW to HIGH: its darkest colour is present, as a gradient column.
        assertThat(count(image, ConfusionMatrixPlot.HIGH)).as("top of the colour scale").isGreaterThan(20);
        long blueish = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = image.getWidth() * 3 / 4; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getBlue() > c.getRed() + 30) blueish++;
            }
        }
        assertThat(blueish).as("gradient pixels in the legend at the right").isGreaterThan(1000);
        // 90% on the diagonal, 10% off it: diagonal cells are darker (bluer) than the others.
        assertThat(count(image, shade(0.9), 12)).as("cells shaded for 90%").isGreaterThan(3 * 500);
        assertThat(count(image, shade(0.1), 12)).as("cells shaded for 10%").isGreaterThan(3 * 500);
    }

    @Test
    void aDecisionBoundaryHasAxesALegendAndTheFieldInsideThePlot() {
        double[][] points = {{-1, 0}, {1, 0}, {-0.5, 0.5}, {0.5, -0.5}};
        int[] labels = {0, 1, 0, 1};
        BufferedImage image = DecisionBoundaryPlot.draw((x, y) -> x, points, labels, 480, 360);
        int middle = image.getHeight() / 2;
        int lastReddish = -1, firstBluish = Integer.MAX_VALUE, reddish = 0, bluish = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            Color c = new Color(image.getRGB(x, middle));
            if (c.getRed() > c.getBlue() + 20) {
                lastReddish = x;
                reddish++;
            }
            if (c.getBlue() > c.getRed() + 20) {
                firstBluish = Math.min(firstBluish, x);
                bluish++;
            }
        }
        assertThat(reddish).as("class 0 tint left of x = 0").isGreaterThan(100);
        assertThat(bluish).as("class 1 tint right of x = 0").isGreaterThan(100);
        assertThat(lastReddish).as("red stays left of blue").isLessThan(firstBluish);
        // The field leaves room for the axes: the left 30 columns hold tick labels, not tint.
        assertThat(darkPixels(image.getSubimage(0, 20, 40, image.getHeight() - 80))).as("y tick labels").isGreaterThan(50);
        assertThat(darkPixels(image.getSubimage(40, image.getHeight() - 40, image.getWidth() - 40, 40)))
                .as("x tick labels and title").isGreaterThan(50);
    }

    /** Pixels within 8 per channel of {@code colour} (antialiasing blends the rest). */
    private static long count(BufferedImage image, Color colour) {
        return Pictures.countNear(image, colour, 8);
    }

    private static long count(BufferedImage image, Color colour, int tolerance) {
        return Pictures.countNear(image, colour, tolerance);
    }

    private static long darkPixels(BufferedImage image) {
        return Pictures.darkPixels(image);
    }

    /** The heatmap's colour for a share of the row: LOW and HIGH mixed linearly. */
    private static Color shade(double share) {
        Color low = ConfusionMatrixPlot.LOW, high = ConfusionMatrixPlot.HIGH;
        return new Color((int) Math.round(low.getRed() + share * (high.getRed() - low.getRed())),
                (int) Math.round(low.getGreen() + share * (high.getGreen() - low.getGreen())),
                (int) Math.round(low.getBlue() + share * (high.getBlue() - low.getBlue())));
    }
}
