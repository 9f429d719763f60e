package jgrad.train;

import jgrad.viz.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line charts of training curves (XChart), saved as PNG atomically: one panel per metric side by
 * side, each with its title, labelled axes with ticks, a grid, a marker on every point (when there
 * are few enough to see) and a legend that names each series with its last value.
 * x counts epochs from 1 unless the caller names another unit.
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

    /** Size of one panel in pixels. */
    public static final int PANEL_WIDTH = 520, HEIGHT = 360;
    /** Series with more points than this are drawn without markers (they would merge into a band). */
    private static final int MAX_MARKED_POINTS = 60;

    /** Draws the panels side by side into {@code path} (a .png file), with x counted in epochs. */
    public static void save(Path path, List<Panel> panels) throws IOException {
        save(path, panels, "epoch");
    }

    /** Draws the panels side by side into {@code path} (a .png file), with x counted in {@code xLabel}s. */
    public static void save(Path path, List<Panel> panels, String xLabel) throws IOException {
        Charts.writePng(render(panels, xLabel), path);
    }

    /** The panels side by side in one image: {@code PANEL_WIDTH * panels} by {@code HEIGHT} pixels. */
    public static BufferedImage render(List<Panel> panels, String xLabel) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("Curves: no panels to draw");
        }
        var images = new ArrayList<BufferedImage>();
        for (Panel panel : panels) {
            images.add(Charts.render(chart(panel, xLabel)));
        }
        return Charts.sideBySide(images);
    }

    /** The usual picture: loss (train, test) and accuracy (train, test) per epoch. */
    public static void saveHistory(Path path, History history) throws IOException {
        saveHistory(path, history, "test");
    }

    /** As {@link #saveHistory(Path, History)}, naming the held-out series {@code heldOut} (e.g. "validation"). */
    public static void saveHistory(Path path, History history, String heldOut) throws IOException {
        save(path, List.of(
                new Panel("loss", List.of(new Series("train", history.trainLoss(), Charts.PALETTE.get(0)),
                        new Series(heldOut, history.testLoss(), Charts.PALETTE.get(1)))),
                new Panel("accuracy", List.of(new Series("train", history.trainAccuracy(), Charts.PALETTE.get(0)),
                        new Series(heldOut, history.testAccuracy(), Charts.PALETTE.get(1))))));
    }

    private static XYChart chart(Panel panel, String xLabel) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(panel.title())
                .xAxisTitle(xLabel).yAxisTitle(panel.title()).build();
        Charts.style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        boolean drewAny = false;
        for (Series s : panel.series()) {
            // Non-finite values (a diverged loss) are left out rather than wrecking the y range.
            var xs = new ArrayList<Double>();
            var ys = new ArrayList<Double>();
            for (int i = 0; i < s.values().size(); i++) {
                double v = s.values().get(i);
                if (Double.isFinite(v)) {
                    xs.add(i + 1.0);
                    ys.add(v);
                }
            }
            if (ys.isEmpty()) {
                continue;
            }
            String last = String.format(Locale.ROOT, "%s (last %.4g)", s.name(), ys.getLast());
            XYSeries series = chart.addSeries(last, xs, ys);
            series.setLineColor(s.color());
            series.setMarkerColor(s.color());
            series.setLineStyle(new BasicStroke(2f));
            series.setMarker(ys.size() <= MAX_MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            drewAny = true;
        }
        if (!drewAny) {
            // An empty panel still shows its axes: XChart needs one series to lay them out.
            chart.addSeries("no values", new double[] {1}, new double[] {0}).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
