package jgrad.train;

import jgrad.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Line charts of training curves drawn with Java2D and saved as PNG (atomically): one panel per
 * metric, x = epoch (or another unit the caller names), with the y range and the last value printed.
 */
public final class Curves {
    private Curves() {
    }

    /** A named series of values, one per epoch. */
    public record Series(String name, List<Double> values, Color color) {
    }

    /** One panel titled {@code title} with the given series. */
    public record Panel(String title, List<Series> series) {
    }

    private static final int PANEL_WIDTH = 480, HEIGHT = 320, MARGIN = 48;

    /** Draws the panels side by side into {@code path} (a .png file), with x counted in epochs. */
    public static void save(Path path, List<Panel> panels) throws IOException {
        save(path, panels, "epoch");
    }

    /** Draws the panels side by side into {@code path} (a .png file), with x counted in {@code xLabel}s. */
    public static void save(Path path, List<Panel> panels, String xLabel) throws IOException {
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), HEIGHT);
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), i * PANEL_WIDTH, xLabel);
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(path, out -> ImageIO.write(image, "png", out));
    }

    /** The usual picture: loss (train, test) and accuracy (train, test) per epoch. */
    public static void saveHistory(Path path, History history) throws IOException {
        save(path, List.of(
                new Panel("loss", List.of(new Series("train", history.trainLoss(), new Color(0x1f77b4)),
                        new Series("test", history.testLoss(), new Color(0xff7f0e)))),
                new Panel("accuracy", List.of(new Series("train", history.trainAccuracy(), new Color(0x1f77b4)),
                        new Series("test", history.testAccuracy(), new Color(0xff7f0e))))));
    }

    private static void drawPanel(Graphics2D g, Panel panel, int left, String xLabel) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int points = 0;
        for (Series s : panel.series()) {
            for (double v : s.values()) {
                if (!Double.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            points = Math.max(points, s.values().size());
        }
        if (points == 0) {
            min = 0;
            max = 1;
        } else if (max - min < 1e-12) {
            min -= 0.5;
            max += 0.5;
        }
        int x0 = left + MARGIN, x1 = left + PANEL_WIDTH - MARGIN / 2, y0 = HEIGHT - MARGIN, y1 = MARGIN / 2 + 10;
        g.setColor(Color.GRAY);
        g.drawLine(x0, y0, x1, y0);
        g.drawLine(x0, y0, x0, y1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(String.format(Locale.ROOT, "%.4g", max), left + 4, y1 + 4);
        g.drawString(String.format(Locale.ROOT, "%.4g", min), left + 4, y0);
        g.drawString(xLabel, (x0 + x1) / 2 - 3 * xLabel.length(), HEIGHT - 14);
        g.drawString("1", x0 - 3, y0 + 14);
        g.drawString(Integer.toString(Math.max(points, 1)), x1 - 6, y0 + 14);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(panel.title(), x0 + 4, 18);
        int legendLeft = x0 + 4 + g.getFontMetrics().stringWidth(panel.title()) + 24, legendX = legendLeft, legendY = 18;
        for (Series s : panel.series()) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            var line = new Path2D.Double();
            List<Double> values = s.values();
            boolean started = false;
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i);
                if (!Double.isFinite(v)) continue;
                double x = points <= 1 ? (x0 + x1) / 2.0 : x0 + (x1 - x0) * (double) i / (points - 1);
                double y = y0 - (y0 - y1) * (v - min) / (max - min);
                if (started) line.lineTo(x, y); else line.moveTo(x, y);
                started = true;
                if (values.size() == 1) g.fillOval((int) x - 3, (int) y - 3, 6, 6);
            }
            g.draw(line);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            String last = values.isEmpty() ? "" : String.format(Locale.ROOT, " %.4f", values.getLast());
            int legendWidth = g.getFontMetrics().stringWidth(s.name() + last);
            if (legendX > legendLeft && legendX + legendWidth > left + PANEL_WIDTH - 4) {   // next line
                legendX = legendLeft;
                legendY += 14;
            }
            g.drawString(s.name() + last, legendX, legendY);
            legendX += legendWidth + 20;
        }
    }
}
