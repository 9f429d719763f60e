package jgrad.notebook;

import jgrad.viz.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Small pictures for notebooks and lectures: line charts with axes, ticks, a grid and a legend
 * (XChart), and, drawn pixel by pixel with Java2D, a heatmap and tiles of small grayscale images.
 *
 * <pre>{@code
 * Display.png(Plot.line(losses));
 * }</pre>
 *
 * <p>The heatmap and the tiles carry no text: they are pictures of values, and the notebook cell
 * prints the numbers that matter next to them.
 */
public final class Plot {
    private Plot() {
    }

    private static final Color AXIS = new Color(90, 90, 90);

    /** A line chart of {@code values} against their index, 480 x 240 pixels, scaled to the data's range. */
    public static BufferedImage line(double[] values) {
        return lines(480, 240, values);
    }

    public static BufferedImage line(double[] values, int width, int height) {
        return lines(width, height, values);
    }

    /**
     * Several series on shared axes, 480 x 240 pixels, in the colours of {@link #SERIES_COLORS}:
     * blue, orange, green, red, purple, then round again, named "series 0", "series 1", … in the
     * legend. Series may differ in length; the x axis spans the longest.
     */
    public static BufferedImage lines(double[]... series) {
        return lines(480, 240, series);
    }

    public static BufferedImage lines(int width, int height, double[]... series) {
        return lines(width, height, IntStream.range(0, series.length).mapToObj(s -> "series " + s).toList(), series);
    }

    /**
     * Several series on shared axes (XChart), named in a legend by {@code names}: x is the index in
     * the series, with tick labels on both axes and a grid. A single series needs no legend; series
     * of at most {@value #MARKED_POINTS} points get a marker on each point, longer ones are lines only.
     */
    public static BufferedImage lines(int width, int height, List<String> names, double[]... series) {
        if (series.length == 0) {
            throw new IllegalArgumentException("Plot.lines: no series to draw");
        }
        if (names.size() != series.length) {
            throw new IllegalArgumentException("Plot.lines: " + names.size() + " names for " + series.length + " series");
        }
        for (int s = 0; s < series.length; s++) {
            if (series[s].length == 0) {
                throw new IllegalArgumentException("Plot.lines: series " + s + " has no values to draw");
            }
            for (double v : series[s]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Plot.lines: cannot draw the non-finite value " + v + " of series " + s);
                }
            }
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).xAxisTitle("index").build();
        Charts.style(chart.getStyler());
        var styler = chart.getStyler();
        styler.setSeriesColors(SERIES_COLORS);
        styler.setYAxisTitleVisible(false);
        styler.setLegendVisible(series.length > 1);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);   // below the plot, never over the data
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(5);
        styler.setXAxisDecimalPattern("#");   // indices are whole numbers
        // On equally spaced x, XChart puts the ticks as close as the labels allow; from three digits on
        // they would touch, so they are turned to stay apart.
        int longest = Arrays.stream(series).mapToInt(values -> values.length).max().orElseThrow();
        styler.setXAxisLabelRotation(longest > 100 ? 45 : 0);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        for (int s = 0; s < series.length; s++) {
            double[] x = IntStream.range(0, series[s].length).asDoubleStream().toArray();
            XYSeries line = chart.addSeries(names.get(s), x, series[s]);
            line.setLineWidth(2f);
            line.setMarker(series[s].length <= MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return Charts.render(chart);
    }

    /** Series up to this length get a marker on every point. */
    public static final int MARKED_POINTS = 40;

    /** The colours of successive series in {@link #lines}: blue, orange, green, red, purple. */
    public static final Color[] SERIES_COLORS = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189)
    };

    /**
     * Small grayscale images side by side, {@code columns} to a row, each pixel a square of
     * {@code scale} pixels with a one-cell gap between tiles. Each tile is scaled to its own range
     * (its smallest value black, its largest white), the usual way to look at digits or learned
     * filters whose ranges differ.
     *
     * @param tiles images of equal size, each {@code [rows][cols]}
     */
    public static BufferedImage tiles(List<double[][]> tiles, int columns, int scale) {
        if (tiles.isEmpty() || columns <= 0 || scale <= 0) {
            throw new IllegalArgumentException("Plot.tiles: expected at least one tile and positive columns and scale, got "
                    + tiles.size() + " tiles, columns " + columns + ", scale " + scale);
        }
        int tileRows = tiles.get(0).length, tileCols = tiles.get(0)[0].length;
        int gridRows = Math.ceilDiv(tiles.size(), columns), gridCols = Math.min(columns, tiles.size());
        var image = new BufferedImage((gridCols * (tileCols + 1) + 1) * scale, (gridRows * (tileRows + 1) + 1) * scale,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setColor(AXIS);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int t = 0; t < tiles.size(); t++) {
            double[][] tile = tiles.get(t);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double[] row : tile) {
                if (tile.length != tileRows || row.length != tileCols) {
                    throw new IllegalArgumentException("Plot.tiles: tile " + t + " differs in size from tile 0 ("
                            + tileRows + " x " + tileCols + ")");
                }
                for (double v : row) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            double span = max > min ? max - min : 1;
            int left = (t % columns * (tileCols + 1) + 1) * scale, top = (t / columns * (tileRows + 1) + 1) * scale;
            for (int r = 0; r < tileRows; r++) {
                for (int c = 0; c < tileCols; c++) {
                    int level = (int) Math.round(255 * (tile[r][c] - min) / span);
                    g.setColor(new Color(level, level, level));
                    g.fillRect(left + c * scale, top + r * scale, scale, scale);
                }
            }
        }
        g.dispose();
        return image;
    }

    /**
     * A heatmap of a (rows, cols) grid: each value a square of {@code cellSize} pixels, dark blue for
     * the smallest value through to yellow for the largest.
     */
    public static BufferedImage heatmap(double[][] grid, int cellSize) {
        if (grid.length == 0 || grid[0].length == 0) {
            throw new IllegalArgumentException("Plot.heatmap: empty grid");
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : grid) {
            if (row.length != grid[0].length) {
                throw new IllegalArgumentException("Plot.heatmap: rows of different lengths");
            }
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double span = max > min ? max - min : 1;
        var image = new BufferedImage(grid[0].length * cellSize, grid.length * cellSize, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        for (int r = 0; r < grid.length; r++) {
            for (int c = 0; c < grid[0].length; c++) {
                g.setColor(color((grid[r][c] - min) / span));
                g.fillRect(c * cellSize, r * cellSize, cellSize, cellSize);
                g.setColor(Color.WHITE);
                g.drawRect(c * cellSize, r * cellSize, cellSize - 1, cellSize - 1);
            }
        }
        g.dispose();
        return image;
    }

    /** Dark blue (t = 0) through teal (t = 1/2) to yellow (t = 1), linear between the three. */
    private static Color color(double t) {
        int[][] stops = {{59, 40, 130}, {33, 145, 140}, {250, 225, 40}};
        int segment = t < 0.5 ? 0 : 1;
        double u = t < 0.5 ? 2 * t : 2 * t - 1;
        int[] from = stops[segment], to = stops[segment + 1];
        return new Color((int) Math.round(from[0] + u * (to[0] - from[0])), (int) Math.round(from[1] + u * (to[1] - from[1])),
                (int) Math.round(from[2] + u * (to[2] - from[2])));
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }
}
