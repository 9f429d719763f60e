package jgrad.vision;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.io.AtomicFiles;
import jgrad.vision.detection.Box;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The pictures the vision demos write: grey images scaled up, boxes with labels, colour overlays,
 * grids; saved as PNG atomically (a reader never sees half a file).
 */
public final class Pictures {
    private Pictures() {
    }

    /** One colour per class or track, distinct on grey. */
    public static final List<Color> PALETTE = List.of(new Color(230, 25, 75), new Color(60, 180, 75),
            new Color(0, 130, 200), new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240),
            new Color(240, 50, 230), new Color(210, 245, 60), new Color(250, 190, 212), new Color(0, 128, 128));

    public static Color color(int index) {
        return PALETTE.get(Math.floorMod(index, PALETTE.size()));
    }

    /** A grey image {@code (1, H, W)} or {@code (H, W)} with values in [0, 1] (clipped), each pixel a {@code scale x scale} square. */
    public static BufferedImage grey(Tensor image, int scale) {
        Tensor plane = image.dim() == 3 && image.size(0) == 1 ? image.squeeze(0) : image;
        if (plane.dim() != 2) {
            throw new IllegalArgumentException("Pictures.grey: expected (1, H, W) or (H, W), got " + Shape.format(image.shape()));
        }
        int height = plane.size(0), width = plane.size(1);
        double[] v = plane.to(DType.FLOAT64).contiguous().toDoubleArray();
        var out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                int g = (int) Math.round(255 * Math.clamp(v[(y / scale) * width + x / scale], 0.0, 1.0));
                out.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        return out;
    }

    /** Blends {@code colours[label]} over the picture wherever {@code labels (H, W)} is positive (0 stays clear). */
    public static BufferedImage overlay(BufferedImage picture, Tensor labels, double alpha) {
        int height = labels.size(0), width = labels.size(1), scale = picture.getWidth() / width;
        long[] l = labels.contiguous().toLongArray();
        var out = copy(picture);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                long label = l[Math.min(height - 1, y / scale) * width + Math.min(width - 1, x / scale)];
                if (label > 0) {
                    Color base = new Color(out.getRGB(x, y)), tint = color((int) label - 1);
                    out.setRGB(x, y, new Color(mix(base.getRed(), tint.getRed(), alpha), mix(base.getGreen(), tint.getGreen(), alpha),
                            mix(base.getBlue(), tint.getBlue(), alpha)).getRGB());
                }
            }
        }
        return out;
    }

    /** Draws a box (in image pixels; the picture is {@code scale} times larger) with an optional caption above it. */
    public static void drawBox(BufferedImage picture, Box box, int scale, Color color, String caption, boolean dashed) {
        Graphics2D g = picture.createGraphics();
        g.setColor(color);
        g.setStroke(dashed ? new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f)
                : new BasicStroke(2f));
        g.drawRect((int) Math.round(box.x1() * scale), (int) Math.round(box.y1() * scale),
                (int) Math.round(box.width() * scale), (int) Math.round(box.height() * scale));
        if (caption != null) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 10));
            g.drawString(caption, (int) Math.round(box.x1() * scale) + 1, Math.max(10, (int) Math.round(box.y1() * scale) - 2));
        }
        g.dispose();
    }

    /** Writes text in the top-left corner. */
    public static void caption(BufferedImage picture, String text) {
        Graphics2D g = picture.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        g.setColor(Color.BLACK);
        g.drawString(text, 3, 13);
        g.setColor(Color.YELLOW);
        g.drawString(text, 2, 12);
        g.dispose();
    }

    /** Pictures of equal size in rows of {@code columns}, {@code gap} white pixels apart. */
    public static BufferedImage grid(List<BufferedImage> pictures, int columns, int gap) {
        int w = pictures.get(0).getWidth(), h = pictures.get(0).getHeight();
        int rows = (pictures.size() + columns - 1) / columns;
        var out = new BufferedImage(columns * (w + gap) + gap, rows * (h + gap) + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < pictures.size(); i++) {
            g.drawImage(pictures.get(i), gap + (i % columns) * (w + gap), gap + (i / columns) * (h + gap), null);
        }
        g.dispose();
        return out;
    }

    /** Saves a PNG atomically, creating the directory. */
    public static void save(BufferedImage picture, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicFiles.write(png, out -> ImageIO.write(picture, "png", out));
    }

    private static BufferedImage copy(BufferedImage picture) {
        var out = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(picture, 0, 0, null);
        g.dispose();
        return out;
    }

    private static int mix(int base, int tint, double alpha) {
        return (int) Math.round((1 - alpha) * base + alpha * tint);
    }
}
