package jgrad.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotTest {

    @Test
    void linesDrawsEverySeriesInItsOwnColour() {
        BufferedImage image = Plot.lines(new double[] {0, 1, 2}, new double[] {2, 1, 0}, new double[] {1, 1});

        assertThat(countPixels(image, Plot.SERIES_COLORS[0].getRGB())).as("blue pixels (series 0)").isPositive();
        assertThat(countPixels(image, Plot.SERIES_COLORS[1].getRGB())).as("orange pixels (series 1)").isPositive();
        assertThat(countPixels(image, Plot.SERIES_COLORS[2].getRGB())).as("green pixels (series 2)").isPositive();
        assertThat(image.getWidth()).isEqualTo(480);
    }

    @Test
    void linesHaveTickLabelsOnBothAxesAndALegendOnlyForSeveralSeries() {
        double[] falling = {4, 3, 2.5, 2, 1.8, 1.7};
        BufferedImage one = Plot.line(falling);
        BufferedImage two = Plot.lines(480, 240, List.of("train", "test"), falling, new double[] {4.2, 3.5, 3, 2.9, 2.9, 3});

        // Tick labels: dark text left of the plot (y) and below it (x).
        assertThat(darkPixels(one.getSubimage(0, 10, 40, 180))).as("y tick labels").isGreaterThan(50);
        assertThat(darkPixels(one.getSubimage(40, 200, 440, 40))).as("x tick labels and title").isGreaterThan(50);
        // The legend sits below the plot, in one row: the series colours appear in the bottom strip.
        BufferedImage corner = two.getSubimage(0, two.getHeight() - 30, 480, 30);
        assertThat(countPixels(corner, Plot.SERIES_COLORS[0].getRGB())).as("legend swatch of 'train'").isPositive();
        assertThat(countPixels(corner, Plot.SERIES_COLORS[1].getRGB())).as("legend swatch of 'test'").isPositive();
        assertThat(countPixels(one.getSubimage(0, one.getHeight() - 30, 480, 30), Plot.SERIES_COLORS[0].getRGB()))
                .as("no legend for one series").isZero();
        assertThatThrownBy(() -> Plot.lines(480, 240, List.of("only one name"), falling, falling))
                .hasMessageContaining("1 names for 2 series");
    }

    @Test
    void linesRejectsNonFiniteValuesAndEmptySeries() {
        assertThatThrownBy(() -> Plot.lines(new double[] {1}, new double[] {Double.NaN}))
                .hasMessageContaining("non-finite value NaN of series 1");
        assertThatThrownBy(() -> Plot.lines(new double[] {1}, new double[0])).hasMessageContaining("series 1 has no values");
    }

    @Test
    void tilesScaleEachTileToItsOwnRangeWithAGapBetweenTiles() {
        double[][] ramp = {{0, 1}, {2, 3}};
        double[][] shifted = {{100, 101}, {102, 103}};
        int scale = 2;
        BufferedImage image = Plot.tiles(List.of(ramp, shifted), 2, scale);

        // Two 2x2 tiles in a row, one gap cell around and between them: 7 x 4 cells.
        assertThat(image.getWidth()).isEqualTo(7 * scale);
        assertThat(image.getHeight()).isEqualTo(4 * scale);
        int black = 0x000000, white = 0xffffff;
        assertThat(image.getRGB(1 * scale, 1 * scale) & 0xffffff).as("smallest value of tile 0").isEqualTo(black);
        assertThat(image.getRGB(2 * scale, 2 * scale) & 0xffffff).as("largest value of tile 0").isEqualTo(white);
        assertThat(image.getRGB(4 * scale, 1 * scale) & 0xffffff).as("smallest value of tile 1").isEqualTo(black);
        assertThat(image.getRGB(5 * scale, 2 * scale) & 0xffffff).as("largest value of tile 1").isEqualTo(white);
    }

    @Test
    void tilesRejectTilesOfDifferentSizes() {
        assertThatThrownBy(() -> Plot.tiles(List.of(new double[2][2], new double[3][2]), 2, 1))
                .hasMessageContaining("tile 1 differs in size from tile 0 (2 x 2)");
    }

    private static int darkPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 200) count++;
            }
        }
        return count;
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) count++;
            }
        }
        return count;
    }
}
