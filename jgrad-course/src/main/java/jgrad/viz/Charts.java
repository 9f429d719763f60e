package jgrad.viz;

import jgrad.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The house style of jgrad's XChart pictures and the two things every figure needs: rendering
 * off screen (headless) and writing a PNG atomically (a reader never sees half a picture).
 */
public final class Charts {
    /** matplotlib's first colours, so figures look like the ones students know. */
    public static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f));

    private Charts() {
    }

    /** White background, grey plot border, sans-serif fonts, matplotlib's colours. */
    public static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        styler.setSeriesColors(PALETTE.toArray(Color[]::new));
        styler.setAntiAlias(true);
    }

    /** The chart drawn into a new RGB image of the chart's size. */
    public static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Images side by side, top-aligned, on white. */
    public static BufferedImage sideBySide(List<BufferedImage> images) {
        int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        var combined = new BufferedImage(Math.max(width, 1), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = combined.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, combined.getWidth(), height);
            int left = 0;
            for (BufferedImage image : images) {
                g.drawImage(image, left, 0, null);
                left += image.getWidth();
            }
        } finally {
            g.dispose();
        }
        return combined;
    }

    /** Writes {@code image} as a PNG, atomically, creating parent folders. */
    public static void writePng(BufferedImage image, Path png) throws IOException {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in javax.imageio");
            }
        });
    }
}
