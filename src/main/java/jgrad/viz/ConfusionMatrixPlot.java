package jgrad.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import jgrad.io.AtomicFiles;
import jgrad.train.ConfusionMatrix;

/**
 * A confusion matrix as a picture: one row per true class, one column per predicted class, each
 * cell shaded by the fraction of its row (so a row is the recall of its class spread over the
 * predictions; the diagonal dark where the classifier is right) and labelled with its count.
 * Works headless.
 *
 * <pre>{@code
 * ConfusionMatrixPlot.writePng(matrix, List.of("computers", "politics", "science"), Path.of("out/confusion.png"));
 * }</pre>
 */
public final class ConfusionMatrixPlot {
    private static final int CELL = 56;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private ConfusionMatrixPlot() {
    }

    /** The picture of {@code matrix} with class {@code c} named {@code names.get(c)}. */
    public static BufferedImage render(ConfusionMatrix matrix, List<String> names) {
        int k = matrix.classes();
        if (names.size() != k) {
            throw new IllegalArgumentException("ConfusionMatrixPlot: " + names.size() + " names for " + k + " classes");
        }
        var probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics metrics = probe.getFontMetrics(FONT);
        int labelWidth = 0;
        for (String name : names) labelWidth = Math.max(labelWidth, metrics.stringWidth(name));
        probe.dispose();
        int margin = labelWidth + 16, titleHeight = 24;
        int width = margin + k * CELL + 8, height = titleHeight + margin + k * CELL + 8;
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(FONT);
        g.setColor(Color.BLACK);
        g.drawString("rows: true class, columns: predicted (accuracy " + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * matrix.accuracy()) + ")",
                8, 17);
        int top = titleHeight + margin;
        for (int actual = 0; actual < k; actual++) {
            long rowTotal = matrix.support(actual);
            for (int predicted = 0; predicted < k; predicted++) {
                long count = matrix.count(actual, predicted);
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                int x = margin + predicted * CELL, y = top + actual * CELL;
                g.setColor(shade(share));
                g.fillRect(x, y, CELL, CELL);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(x, y, CELL, CELL);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                String text = Long.toString(count);
                g.drawString(text, x + (CELL - metrics.stringWidth(text)) / 2, y + (CELL + metrics.getAscent()) / 2 - 2);
            }
            g.setColor(Color.BLACK);
            g.drawString(names.get(actual), margin - 8 - metrics.stringWidth(names.get(actual)),
                    top + actual * CELL + (CELL + metrics.getAscent()) / 2 - 2);
        }
        AffineTransform saved = g.getTransform();
        for (int predicted = 0; predicted < k; predicted++) {
            // column names written upwards, ending just above their column
            g.setTransform(saved);
            g.translate(margin + predicted * CELL + (CELL + metrics.getAscent()) / 2 - 2, top - 8);
            g.rotate(-Math.PI / 2);
            g.drawString(names.get(predicted), 0, 0);
        }
        g.dispose();
        return image;
    }

    /** Writes {@link #render} as a PNG, atomically. */
    public static void writePng(ConfusionMatrix matrix, List<String> names, Path path) throws IOException {
        BufferedImage image = render(matrix, names);
        AtomicFiles.write(path, out -> ImageIO.write(image, "png", out));
    }

    /** White (0) to dark blue (1). */
    private static Color shade(double share) {
        int r = (int) Math.round(255 - share * (255 - 16));
        int gr = (int) Math.round(255 - share * (255 - 64));
        int b = (int) Math.round(255 - share * (255 - 140));
        return new Color(r, gr, b);
    }
}
