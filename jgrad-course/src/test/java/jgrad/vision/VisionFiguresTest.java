package jgrad.vision;

import jgrad.testing.Pictures;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kalman picture is a chart: the three series in their colours, a legend, and tick labels on both axes. */
class VisionFiguresTest {
    private static final Color GREY = new Color(150, 150, 150), BLUE = new Color(30, 90, 220), RED = new Color(220, 30, 40);

    @Test
    void theKalmanChartShowsTruthDetectionsAndEstimateWithALegendAndAxes() {
        BufferedImage image = VisionFigures.kalman(12);
        int w = image.getWidth(), h = image.getHeight();
        assertThat(count(image, GREY)).as("true centre line").isGreaterThan(500);
        assertThat(count(image, BLUE)).as("detection dots").isGreaterThan(300);
        assertThat(count(image, RED)).as("estimate line").isGreaterThan(300);
        // The legend is in the lower right corner: every series colour appears there.
        BufferedImage corner = image.getSubimage(w / 2, h * 3 / 4, w / 2, h / 4);
        for (Color c : new Color[] {GREY, BLUE, RED}) {
            assertThat(count(corner, c)).as("legend swatch %s", c).isGreaterThan(10);
        }
        assertThat(dark(image.getSubimage(0, 40, 50, h - 100))).as("y tick labels and title").isGreaterThan(100);
        assertThat(dark(image.getSubimage(50, h - 45, w - 50, 45))).as("x tick labels and title").isGreaterThan(100);
    }

    private static long count(BufferedImage image, Color colour) {
        return Pictures.countNear(image, colour, 8);
    }

    private static long dark(BufferedImage image) {
        return Pictures.darkPixels(image);
    }
}
