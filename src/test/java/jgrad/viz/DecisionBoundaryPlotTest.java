package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;


import jgrad.testing.Pictures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionBoundaryPlotTest {

    /** Two points on the x axis; the classifier says class 1 right of x = 0. */
    private static final double[][] POINTS = {{-1.0, 0.0}, {1.0, 0.0}};
    private static final int[] LABELS = {0, 1};

    @Test
    void writesAPngOfTheRequestedSize(@TempDir Path directory) throws IOException {
        Path png = directory.resolve("plots/boundary.png");
        DecisionBoundaryPlot.writePng((x, y) -> x, POINTS, LABELS, 120, 80, png);

        Pictures.assertDrawnPng(png, 120, 80);
    }

    @Test
    void eachSideOfTheBoundaryIsTintedWithItsClassColour() {
        BufferedImage image = DecisionBoundaryPlot.draw((x, y) -> x, POINTS, LABELS, 120, 80);
        var left = new Color(image.getRGB(2, 2));
        var right = new Color(image.getRGB(117, 2));
        assertThat(left.getRed()).as("class 0 side is reddish: %s", left).isGreaterThan(left.getBlue());
        assertThat(right.getBlue()).as("class 1 side is bluish: %s", right).isGreaterThan(right.getRed());
        // x = 0 is the middle column: the boundary is drawn dark there, on every row.
        int darkRows = 0;
        for (int row = 0; row < 80; row++) {
            for (int column = 55; column <= 64; column++) {
                if (new Color(image.getRGB(column, row)).getGreen() < 0x60) {
                    darkRows++;
                    break;
                }
            }
        }
        assertThat(darkRows).isEqualTo(80);
    }

    @Test
    void rejectsMismatchedPointsAndLabels() {
        assertThatThrownBy(() -> DecisionBoundaryPlot.draw((x, y) -> x, POINTS, new int[] {0}, 10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 points but 1 labels");
    }
}
