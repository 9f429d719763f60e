package jgrad.viz;

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

/**
 * Attention weights as a heatmap (XChart): one row per query (the first at the top), one column
 * per key, each cell coloured by the weight the query gives the key, with a colour scale from 0
 * (white) to 1 (dark blue) beside it. Each row of softmax weights sums to 1, so a dark cell is
 * where that query reads from. The keys label the x axis and the queries the y axis, one tick per
 * token. Works headless.
 *
 * <pre>{@code
 * AttentionPlot.writePng(weights, List.of("3", "r", "d"), List.of("2", "0"), "attention", Path.of("out/a.png"));
 * }</pre>
 */
public final class AttentionPlot {
    /** The colour scale: white (weight 0) to dark blue (weight 1). */
    public static final Color LOW = Color.WHITE, HIGH = new Color(0x08, 0x30, 0x6b);
    /** Pixels per cell (about; XChart fits the plot into the picture). */
    public static final int CELL = 28;

    private AttentionPlot() {
    }

    /**
     * The picture of {@code weights[query][key]}, row {@code q} labelled {@code queries.get(q)} and
     * column {@code k} labelled {@code keys.get(k)}; a space is shown as {@code ␣} so it can be seen.
     */
    public static BufferedImage render(double[][] weights, List<String> keys, List<String> queries, String title) {
        return render(weights, keys, queries, title, "key (read from)", "query (reading)");
    }

    /** As {@link #render(double[][], List, List, String)} with the x (keys) and y (queries) axes titled as given. */
    public static BufferedImage render(double[][] weights, List<String> keys, List<String> queries, String title,
            String keyAxis, String queryAxis) {
        if (weights.length != queries.size() || weights.length == 0) {
            throw new IllegalArgumentException("AttentionPlot: " + weights.length + " rows of weights for "
                    + queries.size() + " query labels; expected as many, at least one");
        }
        for (int q = 0; q < weights.length; q++) {
            if (weights[q].length != keys.size()) {
                throw new IllegalArgumentException("AttentionPlot: row " + q + " has " + weights[q].length + " weights for "
                        + keys.size() + " key labels; expected one weight per key");
            }
        }
        int rows = weights.length, cols = keys.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(420, 220 + cols * CELL)).height(Math.max(300, 150 + rows * CELL))
                .title(title).xAxisTitle(keyAxis).yAxisTitle(queryAxis).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.MONOSPACED, Font.BOLD, 13));
        chart.getStyler().setRangeColors(new Color[] {LOW, HIGH}).setMin(0).setMax(1).setDrawBorder(true);
        // XChart puts the first y category at the bottom; reversed, the first query is the top row, as read.
        List<String> yLabels = new ArrayList<>(queries.stream().map(AttentionPlot::visible).toList()).reversed();
        List<Number[]> cells = new ArrayList<>(rows * cols);
        for (int q = 0; q < rows; q++) {
            for (int k = 0; k < cols; k++) {
                cells.add(new Number[] {k, rows - 1 - q, weights[q][k]});
            }
        }
        chart.addSeries("weight", keys.stream().map(AttentionPlot::visible).toList(), yLabels, cells);
        return Charts.render(chart);
    }

    /** Each character of {@code text} as its own label. */
    public static List<String> characters(String text) {
        return text.chars().mapToObj(Character::toString).toList();
    }

    /** Writes {@link #render} as a PNG, atomically. */
    public static void writePng(double[][] weights, List<String> keys, List<String> queries, String title, Path png)
            throws IOException {
        Charts.writePng(render(weights, keys, queries, title), png);
    }

    private static String visible(String label) {
        return label.isBlank() ? "␣".repeat(Math.max(1, label.length())) : label;
    }
}
