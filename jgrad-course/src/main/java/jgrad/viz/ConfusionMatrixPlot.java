package jgrad.viz;

import jgrad.train.ConfusionMatrix;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a heatmap (XChart): one row per true class (the first at the top), one
 * column per predicted class, each cell coloured and labelled by the percentage of its row, so a
 * row is the recall of its class spread over the predictions and the diagonal is dark where the
 * classifier is right. A colour scale beside it reads colour back as percent. Works headless.
 *
 * <pre>{@code
 * ConfusionMatrixPlot.writePng(matrix, List.of("computers", "politics", "science"), Path.of("out/confusion.png"));
 * }</pre>
 */
public final class ConfusionMatrixPlot {
    /** The colour scale: white (0% of the row) to dark blue (100%). */
    public static final Color LOW = Color.WHITE, HIGH = new Color(0x42, 0x92, 0xc6);
    private static final int CELL = 64;

    private ConfusionMatrixPlot() {
    }

    /** The picture of {@code matrix} with class {@code c} named {@code names.get(c)}. */
    public static BufferedImage render(ConfusionMatrix matrix, List<String> names) {
        int k = matrix.classes();
        if (names.size() != k) {
            throw new IllegalArgumentException("ConfusionMatrixPlot: " + names.size() + " names for " + k + " classes");
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(600, 300 + k * CELL)).height(Math.max(400, 180 + k * CELL))
                .title(String.format(Locale.ROOT, "confusion matrix, %% of each true class (accuracy %.1f%%)", 100 * matrix.accuracy()))
                .xAxisTitle("predicted class").yAxisTitle("true class").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setRangeColors(new Color[] {LOW, HIGH}).setMin(0).setMax(100)
                .setShowValue(true).setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12)).setValueFontColor(Color.BLACK)
                .setHeatMapValueDecimalPattern("0").setDrawBorder(true);
        // XChart puts the first y category at the bottom; reversed, the first class is the top row, as printed.
        List<String> rows = new ArrayList<>(names).reversed();
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < k; actual++) {
            long rowTotal = matrix.support(actual);
            for (int predicted = 0; predicted < k; predicted++) {
                double percent = rowTotal == 0 ? 0 : 100.0 * matrix.count(actual, predicted) / rowTotal;
                cells.add(new Number[] {predicted, k - 1 - actual, percent});
            }
        }
        chart.addSeries("% of row", names, rows, cells);
        return Charts.render(chart);
    }

    /** Writes {@link #render} as a PNG, atomically. */
    public static void writePng(ConfusionMatrix matrix, List<String> names, Path path) throws IOException {
        Charts.writePng(render(matrix, names), path);
    }
}
