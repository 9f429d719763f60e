package jgrad.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        DecisionBoundaryPlot.writePng((x, y) -> x, POINTS, LABELS, 320, 240, png);

        Pictures.assertDrawnPng(png, 320, 240);
    }

    @Test
    void rejectsMismatchedPointsAndLabels() {
        assertThatThrownBy(() -> DecisionBoundaryPlot.draw((x, y) -> x, POINTS, new int[] {0}, 10, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 points but 1 labels");
    }
}
