package jgrad.data;

import jgrad.Tensor;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * An MNIST-like digits set drawn with Java2D, so examples need nothing downloaded: white digits on
 * black, 28x28, float32 in [0, 1], in MNIST's layout (images {@code (N, 1, 28, 28)}, labels int64 {@code (N)}).
 *
 * <p>Each image draws the digit's glyph in a random font family and style, scales it so its box fits
 * about 20x20 pixels (as MNIST's digits do), applies a random rotation (±{@value #MAX_ROTATION_DEGREES}°),
 * shear, stretch and shift, then adds Gaussian pixel noise. The same seed gives the same images on
 * the same JDK and fonts; another machine's fonts may render slightly differently.
 *
 * <pre>{@code
 * TensorDataset train = RenderedDigits.generate(10_000, 1);
 * TensorDataset test = RenderedDigits.generate(2_000, 2);
 * }</pre>
 */
public final class RenderedDigits {
    private RenderedDigits() {
    }

    public static final int SIZE = 28;
    static final double MAX_ROTATION_DEGREES = 15;
    private static final String[] FAMILIES = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};
    private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC, Font.BOLD | Font.ITALIC};

    /** {@code n} digits with labels cycling 0..9 in random order, noise standard deviation 0.1. */
    public static TensorDataset generate(int n, long seed) {
        return generate(n, 0.1, seed);
    }

    public static TensorDataset generate(int n, double noise, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("RenderedDigits: n must be positive, got " + n);
        }
        var random = new SplittableRandom(seed);
        float[] pixels = new float[n * SIZE * SIZE];
        long[] labels = new long[n];
        int[] order = Dataset.permutation(n, random);
        for (int i = 0; i < n; i++) {
            int digit = order[i] % 10;
            labels[i] = digit;
            render(digit, random, noise, pixels, i * SIZE * SIZE);
        }
        return new TensorDataset(Tensor.of(pixels, n, 1, SIZE, SIZE), Tensor.of(labels));
    }

    /** Draws one digit into {@code out[offset ..]} as 28x28 floats in [0, 1]. */
    static void render(int digit, SplittableRandom random, double noise, float[] out, int offset) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            Font font = new Font(FAMILIES[random.nextInt(FAMILIES.length)], STYLES[random.nextInt(STYLES.length)], 40);
            GlyphVector glyph = font.createGlyphVector(g.getFontRenderContext(), Integer.toString(digit));
            Rectangle2D box = glyph.getVisualBounds();
            // Scale the glyph's box into a 20x20 square (aspect kept), then distort around the image centre.
            double scale = 20.0 / Math.max(box.getWidth(), box.getHeight()) * random.nextDouble(0.8, 1.05);
            var transform = new AffineTransform();
            transform.translate(SIZE / 2.0 + random.nextDouble(-2, 2), SIZE / 2.0 + random.nextDouble(-2, 2));
            transform.rotate(Math.toRadians(random.nextDouble(-MAX_ROTATION_DEGREES, MAX_ROTATION_DEGREES)));
            transform.shear(random.nextDouble(-0.25, 0.25), 0);
            transform.scale(scale * random.nextDouble(0.85, 1.15), scale);
            transform.translate(-box.getCenterX(), -box.getCenterY());
            g.fill(transform.createTransformedShape(glyph.getOutline()));
        } finally {
            g.dispose();
        }
        var raster = image.getRaster();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double value = raster.getSample(x, y, 0) / 255.0 + noise * random.nextGaussian();
                out[offset + y * SIZE + x] = (float) Math.min(1, Math.max(0, value));
            }
        }
    }
}
