package jgrad.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleBinaryOperator;

import javax.imageio.ImageIO;

import jgrad.io.AtomicFiles;

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
        BufferedImage image = draw(score, points, labels, width, height);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in javax.imageio");
            }
        });
    }

    /** Draws the plot into a new RGB image of the given size. */
    public static BufferedImage draw(DoubleBinaryOperator score, double[][] points, int[] labels,
                                     int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("DecisionBoundaryPlot: size must be positive, got " + width + "x" + height);
        }
        if (points.length != labels.length) {
            throw new IllegalArgumentException("DecisionBoundaryPlot: " + points.length + " points but "
                    + labels.length + " labels");
        }
        var view = View.around(points, width, height);
        double[][] scores = pixelScores(score, view, width, height);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                boolean class1 = scores[py][px] > 0;
                boolean onBoundary = (px + 1 < width && (scores[py][px + 1] > 0) != class1)
                        || (py + 1 < height && (scores[py + 1][px] > 0) != class1);
                Color color = onBoundary ? BOUNDARY : tint(class1 ? CLASS_1 : CLASS_0, confidence(scores[py][px]));
                image.setRGB(px, py, color.getRGB());
            }
        }
        var graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setStroke(new BasicStroke(1f));
        for (int i = 0; i < points.length; i++) {
            int px = (int) Math.round(view.pixelX(points[i][0]));
            int py = (int) Math.round(view.pixelY(points[i][1]));
            graphics.setColor(labels[i] == 1 ? CLASS_1 : CLASS_0);
            graphics.fillOval(px - POINT_RADIUS, py - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS);
            graphics.setColor(Color.BLACK);
            graphics.drawOval(px - POINT_RADIUS, py - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS);
        }
        graphics.dispose();
        return image;
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
    private record View(double minX, double maxY, double unitsPerPixel) {

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
            return new View(centerX - unitsPerPixel * width / 2, centerY + unitsPerPixel * height / 2, unitsPerPixel);
        }

        double dataX(double pixelX) {
            return minX + pixelX * unitsPerPixel;
        }

        double dataY(double pixelY) {
            return maxY - pixelY * unitsPerPixel;
        }

        double pixelX(double dataX) {
            return (dataX - minX) / unitsPerPixel;
        }

        double pixelY(double dataY) {
            return (maxY - dataY) / unitsPerPixel;
        }
    }
}
