package jgrad.viz;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.DoubleBinaryOperator;

/**
 * Pictures a binary classifier on 2-D data: the background shows the sign of the
 * classifier's score at every point of the plane (blue where it says class 1, red where
 * it says class 0, the boundary drawn dark), and the data points are dots in the colour
 * of their true class. Works headless (no window is opened).
 *
 * <pre>{@code
 * DecisionBoundaryPlot.writePng((x, y) -> x + y - 1, moons.points(), moons.labels(),
 *         640, 480, Path.of("out/boundary.png"));
 * }</pre>
 */
public final class DecisionBoundaryPlot {

    /**
     * The score is sampled every {@code SAMPLE_SPACING} pixels and interpolated in between:
     * a slow scorer (a scalar-autograd MLP) then costs 16× fewer calls, and the boundary
     * of a piecewise-linear network is still drawn smoothly.
     */
    private static final int SAMPLE_SPACING = 4;
    private static final Color CLASS_0 = new Color(0xD6, 0x27, 0x28);
    private static final Color CLASS_1 = new Color(0x1F, 0x77, 0xB4);
    private static final Color BOUNDARY = new Color(0x30, 0x30, 0x30);
    private static final int POINT_RADIUS = 4;

    private DecisionBoundaryPlot() {}

    /**
     * Draws the plot and writes it atomically as a PNG, creating parent directories.
     *
     * @param score  the classifier: {@code score(x, y) > 0} means class 1, otherwise class 0
     * @param points rows of {@code {x, y}}; the view covers them with a margin
     * @param labels true class, 0 or 1, of each point
     */
    public static void writePng(DoubleBinaryOperator score, double[][] points, int[] labels,
                                int width, int height, Path png) throws IOException {
        Charts.writePng(draw(score, points, labels, width, height), png);
    }

    /**
     * Draws the plot into a new RGB image of the given size: XChart lays out the axes (ticks,
     * grid, titles x and y) and the legend; the tinted field is painted into the plot area under
     * them, and the points on top.
     */
    public static BufferedImage draw(DoubleBinaryOperator score, double[][] points, int[] labels,
                                     int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("DecisionBoundaryPlot: size must be positive, got " + width + "x" + height);
        }
        if (points.length != labels.length) {
            throw new IllegalArgumentException("DecisionBoundaryPlot: " + points.length + " points but "
                    + labels.length + " labels");
        }
        // Lay out once to learn the plot area's size, then fit the data to it with equal units on both axes.
        View guess = View.around(points, width, height);
        Rectangle first = plotArea(chart(points, labels, width, height, guess, width, height), width, height);
        View view = View.around(points, first.width, first.height);
        XYChart chart = chart(points, labels, width, height, view, first.width, first.height);
        // The second layout may differ by a pixel or two (tick labels changed): map the same data range onto it.
        Rectangle area = plotArea(chart, width, height);
        View field = new View(view.minX(), view.maxY(), (view.maxX(first.width) - view.minX()) / area.width,
                (view.maxY() - view.minY(first.height)) / area.height);
        double[][] scores = pixelScores(score, field, area.width, area.height);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            for (int py = 0; py < area.height; py++) {
                for (int px = 0; px < area.width; px++) {
                    boolean class1 = scores[py][px] > 0;
                    boolean onBoundary = (px + 1 < area.width && (scores[py][px + 1] > 0) != class1)
                            || (py + 1 < area.height && (scores[py + 1][px] > 0) != class1);
                    Color color = onBoundary ? BOUNDARY : tint(class1 ? CLASS_1 : CLASS_0, confidence(scores[py][px]));
                    image.setRGB(area.x + px, area.y + py, color.getRGB());
                }
            }
            chart.paint(graphics, width, height);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /** The axes, the legend and the points, on a transparent background so the field shows through. */
    private static XYChart chart(double[][] points, int[] labels, int width, int height, View view, int areaWidth, int areaHeight) {
        XYChart chart = new XYChartBuilder().width(width).height(height).xAxisTitle("x").yAxisTitle("y").build();
        Charts.style(chart.getStyler());
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setChartBackgroundColor(new Color(0, 0, 0, 0));
        styler.setPlotBackgroundColor(new Color(0, 0, 0, 0));
        styler.setPlotGridLinesColor(new Color(0, 0, 0, 40));
        styler.setMarkerSize(2 * POINT_RADIUS);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setPlotContentSize(1.0);   // the axis range spans the whole plot area, where the field is painted
        styler.setXAxisMin(view.minX()).setXAxisMax(view.maxX(areaWidth));
        styler.setYAxisMin(view.minY(areaHeight)).setYAxisMax(view.maxY());
        for (int label = 0; label <= 1; label++) {
            var xs = new ArrayList<Double>();
            var ys = new ArrayList<Double>();
            for (int i = 0; i < points.length; i++) {
                if (labels[i] == label) {
                    xs.add(points[i][0]);
                    ys.add(points[i][1]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries("class " + label, xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(label == 1 ? CLASS_1 : CLASS_0);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no points", new double[] {view.minX()}, new double[] {view.maxY()}).setMarker(SeriesMarkers.NONE);
            styler.setLegendVisible(false);
        }
        return chart;
    }

    /** Where XChart puts the plot area (inside the axes), in pixels, once laid out at this size. */
    private static Rectangle plotArea(XYChart chart, int width, int height) {
        var scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var graphics = scratch.createGraphics();
        chart.paint(graphics, width, height);
        graphics.dispose();
        var styler = chart.getStyler();
        int left = (int) Math.ceil(chart.getScreenXFromChart(styler.getXAxisMin()));
        int right = (int) Math.floor(chart.getScreenXFromChart(styler.getXAxisMax()));
        int top = (int) Math.ceil(chart.getScreenYFromChart(styler.getYAxisMax()));
        int bottom = (int) Math.floor(chart.getScreenYFromChart(styler.getYAxisMin()));
        return new Rectangle(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
    }

    /** The score at every pixel, (height, width): sampled on a coarse grid, bilinear in between. */
    private static double[][] pixelScores(DoubleBinaryOperator score, View view, int width, int height) {
        int columns = (width - 1) / SAMPLE_SPACING + 2;
        int rows = (height - 1) / SAMPLE_SPACING + 2;
        var samples = new double[rows][columns];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                samples[row][column] = score.applyAsDouble(
                        view.dataX(column * SAMPLE_SPACING), view.dataY(row * SAMPLE_SPACING));
            }
        }
        var scores = new double[height][width];
        for (int py = 0; py < height; py++) {
            int row = py / SAMPLE_SPACING;
            double fy = (py % SAMPLE_SPACING) / (double) SAMPLE_SPACING;
            for (int px = 0; px < width; px++) {
                int column = px / SAMPLE_SPACING;
                double fx = (px % SAMPLE_SPACING) / (double) SAMPLE_SPACING;
                double top = lerp(samples[row][column], samples[row][column + 1], fx);
                double bottom = lerp(samples[row + 1][column], samples[row + 1][column + 1], fx);
                scores[py][px] = lerp(top, bottom, fy);
            }
        }
        return scores;
    }

    private static double lerp(double a, double b, double fraction) {
        return a + (b - a) * fraction;
    }

    /** 0 on the boundary rising to 1 far from it: tanh(|score|). */
    private static double confidence(double score) {
        return Math.tanh(Math.abs(score));
    }

    /** The class colour mixed with white: pale near the boundary, stronger (up to 45%) far away. */
    private static Color tint(Color color, double confidence) {
        double strength = 0.15 + 0.30 * confidence;
        return new Color(
                (int) Math.round(255 + (color.getRed() - 255) * strength),
                (int) Math.round(255 + (color.getGreen() - 255) * strength),
                (int) Math.round(255 + (color.getBlue() - 255) * strength));
    }

    /**
     * The data rectangle shown: the points' bounding box plus a margin, widened along one
     * axis so that one unit is as long in x as in y (circles stay round). Pixel y grows
     * downwards, data y upwards.
     */
    private record View(double minX, double maxY, double xPerPixel, double yPerPixel) {

        static View around(double[][] points, int width, int height) {
            double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
            for (double[] point : points) {
                minX = Math.min(minX, point[0]);
                maxX = Math.max(maxX, point[0]);
                minY = Math.min(minY, point[1]);
                maxY = Math.max(maxY, point[1]);
            }
            if (points.length == 0) {
                minX = minY = -1;
                maxX = maxY = 1;
            }
            double margin = 0.1 * Math.max(Math.max(maxX - minX, maxY - minY), 1e-9);
            double unitsPerPixel = Math.max((maxX - minX + 2 * margin) / width, (maxY - minY + 2 * margin) / height);
            double centerX = (minX + maxX) / 2, centerY = (minY + maxY) / 2;
            return new View(centerX - unitsPerPixel * width / 2, centerY + unitsPerPixel * height / 2, unitsPerPixel, unitsPerPixel);
        }

        double maxX(int width) {
            return minX + width * xPerPixel;
        }

        double minY(int height) {
            return maxY - height * yPerPixel;
        }

        double dataX(double pixelX) {
            return minX + pixelX * xPerPixel;
        }

        double dataY(double pixelY) {
            return maxY - pixelY * yPerPixel;
        }
    }
}
