package jgrad.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlotTest {
    private static final int BLUE = new Color(31, 119, 180).getRGB();
    private static final int ORANGE = new Color(255, 127, 14).getRGB();

    @Test
    void linesDrawsEachSeriesInItsOwnColour() {
        BufferedImage image = Plot.lines(new double[] {0, 1, 2}, new double[] {2, 1, 0});
        assertThat(image.getWidth()).isEqualTo(480);
        assertThat(image.getHeight()).isEqualTo(240);
        assertThat(colours(image)).as("colours in the picture").contains(BLUE, ORANGE);
    }

    @Test
    void lineIsOneSeriesInBlue() {
        Set<Integer> colours = colours(Plot.line(new double[] {3, 1, 4, 1, 5}));
        assertThat(colours).contains(BLUE).doesNotContain(ORANGE);
    }

    @Test
    void badSeriesAreRejectedWithAMessage() {
        assertThatThrownBy(() -> Plot.lines(new double[] {1}, new double[] {})).hasMessageContaining("no values");
        assertThatThrownBy(() -> Plot.lines(new double[] {1, Double.NaN})).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Plot.lines()).hasMessageContaining("no series");
    }

    private static Set<Integer> colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours;
    }
}
