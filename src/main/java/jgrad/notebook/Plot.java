package jgrad.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Tiny pictures for notebooks and lectures, drawn with Java2D: a line chart and a heatmap.
 *
 * <pre>{@code
 * Display.png(Plot.line(losses));
 * }</pre>
 *
 * <p>Deliberately without text (axis labels need fonts, which headless machines may lack); the
 * notebook cell prints the numbers that matter next to the picture.
 */
public final class Plot {
    private Plot() {
    }

    private static final int MARGIN = 12;
    private static final Color AXIS = new Color(90, 90, 90);
    /** Series colours: blue, orange, green, red, purple. */
    private static final Color[] LINES = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189)};

    /** A line chart of {@code values} against their index, 480 x 240 pixels, scaled to the data's range. */
    public static BufferedImage line(double[] values) {
        return line(values, 480, 240);
    }

    public static BufferedImage line(double[] values, int width, int height) {
        return lines(width, height, values);
    }

    /**
     * Several line charts on shared axes, each against its index, 480 x 240 pixels; the series
     * are drawn in the order blue, orange, green, red, purple (then the colours repeat).
     *
     * <pre>{@code
     * Display.png(Plot.lines(trainLoss, validationLoss));   // blue, then orange
     * }</pre>
     */
    public static BufferedImage lines(double[]... series) {
        return lines(480, 240, series);
    }

    public static BufferedImage lines(int width, int height, double[]... series) {
        if (series.length == 0) {
            throw new IllegalArgumentException("Plot.lines: no series to draw");
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int longest = 0;
        for (double[] values : series) {
            if (values.length == 0) {
                throw new IllegalArgumentException("Plot.lines: a series has no values to draw");
            }
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Plot.lines: cannot draw the non-finite value " + v);
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            longest = Math.max(longest, values.length);
        }
        double span = max > min ? max - min : 1;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        int plotWidth = width - 2 * MARGIN, plotHeight = height - 2 * MARGIN;
        g.setColor(AXIS);
        g.drawLine(MARGIN, MARGIN, MARGIN, height - MARGIN);
        g.drawLine(MARGIN, height - MARGIN, width - MARGIN, height - MARGIN);
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.length; s++) {
            double[] values = series[s];
            var path = new Path2D.Double();
            for (int i = 0; i < values.length; i++) {
                double x = MARGIN + (longest == 1 ? 0 : (double) i / (longest - 1) * plotWidth);
                double y = height - MARGIN - (values[i] - min) / span * plotHeight;
                if (i == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
            }
            g.setColor(LINES[s % LINES.length]);
            g.draw(path);
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
