package jgrad.explain;

import jgrad.Tensor;
import jgrad.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * PNG pictures of explanations, written atomically: a grid of maps (one row per example, one
 * column per method) and sentences with each word shaded by its attribution.
 * Signed maps use blue (against) – white – red (for), scaled by each map's largest |value|;
 * unsigned maps (inputs, Grad-CAM) use black to white.
 */
public final class ExplanationPictures {
    private static final int ZOOM = 4;
    private static final int TITLE = 18;

    private ExplanationPictures() {
    }

    /** One column per entry of {@code columns}, each {@code (N, H, W)}; {@code signed[c]} picks the colour scale. */
    public static void grid(Path png, List<String> titles, List<Tensor> columns, boolean[] signed) throws IOException {
        int n = columns.getFirst().size(0), h = columns.getFirst().size(1), w = columns.getFirst().size(2);
        int cell = w * ZOOM + 6;
        var image = new BufferedImage(columns.size() * cell, TITLE + n * (h * ZOOM + 6), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int c = 0; c < columns.size(); c++) {
                g.setColor(Color.BLACK);
                g.drawString(titles.get(c), c * cell + 3, TITLE - 5);
                float[] values = columns.get(c).contiguous().float32().toFloatArray();
                for (int e = 0; e < n; e++) {
                    float scale = 1e-12f;
                    for (int i = e * h * w; i < (e + 1) * h * w; i++) scale = Math.max(scale, Math.abs(values[i]));
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            float v = values[e * h * w + y * w + x] / scale;
                            g.setColor(signed[c] ? diverging(v) : gray(v));
                            g.fillRect(c * cell + 3 + x * ZOOM, TITLE + e * (h * ZOOM + 6) + y * ZOOM, ZOOM, ZOOM);
                        }
                    }
                }
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }

    /** Each sentence on a line, each word on a background shaded by its score (scaled per sentence). */
    public static void tokens(Path png, List<String[]> sentences, List<float[]> scores, List<String> labels) throws IOException {
        var font = new Font(Font.MONOSPACED, Font.PLAIN, 14);
        int lineHeight = 24;
        var image = new BufferedImage(1100, 10 + sentences.size() * lineHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            var metrics = g.getFontMetrics();
            for (int s = 0; s < sentences.size(); s++) {
                int x = 8, y = 8 + s * lineHeight;
                float scale = 1e-12f;
                for (float v : scores.get(s)) scale = Math.max(scale, Math.abs(v));
                g.setColor(Color.BLACK);
                g.drawString(labels.get(s), x, y + 16);
                x += metrics.stringWidth(labels.get(s)) + 12;
                for (int t = 0; t < sentences.get(s).length; t++) {
                    String word = sentences.get(s)[t];
                    int width = metrics.stringWidth(word) + 8;
                    g.setColor(diverging(scores.get(s)[t] / scale));
                    g.fillRect(x, y, width, lineHeight - 4);
                    g.setColor(Color.BLACK);
                    g.drawString(word, x + 4, y + 16);
                    x += width + 4;
                }
            }
        } finally {
            g.dispose();
        }
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }

    /** v in [-1, 1]: blue through white to red. */
    static Color diverging(float v) {
        float t = Math.max(-1, Math.min(1, v));
        int fade = Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }

    /** v in [0, 1] (negatives as their size): black to white. */
    static Color gray(float v) {
        int level = Math.round(255 * Math.max(0, Math.min(1, Math.abs(v))));
        return new Color(level, level, level);
    }
}
