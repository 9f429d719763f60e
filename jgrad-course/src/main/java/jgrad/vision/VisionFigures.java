package jgrad.vision;

import jgrad.Tensor;
import jgrad.data.FashionMnist;
import jgrad.data.Transform;
import jgrad.data.Transforms;
import jgrad.vision.detection.DetectionDemo;
import jgrad.vision.detection.ShapeScenes;
import jgrad.vision.tracking.KalmanBoxFilter;
import jgrad.vision.detection.Box;
import jgrad.viz.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pictures of lectures 10–12 that need no trained model, each from a fixed seed:
 * {@code 10-augmentation.png} (Fashion-MNIST items and augmented copies; skipped when the data set
 * is not installed), {@code 11-scenes.png} (generated scenes with boxes and visible labels) and
 * {@code 12-kalman.png} (a Kalman filter following a noisy box through a gap in the detections).
 * The pictures of trained models come from the demos (detections, tracks, samples, curves).
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.vision.VisionFigures -Djgrad.args="--out lectures/img"
 * </pre>
 */
public final class VisionFigures {
    private VisionFigures() {
    }

    public static void main(String[] args) throws Exception {
        var options = new DemoArgs("VisionFigures", args, "out");
        Path out = Path.of(options.string("out", "lectures/img"));
        if (FashionMnist.findDirectory().isPresent()) {
            save(augmentation(FashionMnist.load(true).inputs(), 6, 5, 0), out.resolve("10-augmentation.png"));
        } else {
            System.out.println("Fashion-MNIST not installed: 10-augmentation.png not drawn");
        }
        save(scenes(DetectionDemo.SCENES, 8, 11), out.resolve("11-scenes.png"));
        save(kalman(12), out.resolve("12-kalman.png"));
    }

    private static void save(BufferedImage picture, Path png) throws java.io.IOException {
        Pictures.save(picture, png);
        System.out.println("wrote " + png);
    }

    /** {@code rows} training images (numbers 1, 8, 15, ...), each followed by {@code copies} draws of crop (padding 2) and flip. */
    static BufferedImage augmentation(Tensor images, int rows, int copies, long seed) {
        Transform augment = Transforms.randomCrop(28, 2).andThen(Transforms.randomHorizontalFlip(0.5));
        var random = new SplittableRandom(seed);
        List<BufferedImage> tiles = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            Tensor image = images.select(0, row * 7 + 1);
            tiles.add(Pictures.grey(image, 3));
            for (int k = 0; k < copies; k++) tiles.add(Pictures.grey(augment.apply(image, random), 3));
        }
        return Pictures.grid(tiles, copies + 1, 3);
    }

    /** Scenes with their visible labels tinted and their boxes in white. */
    static BufferedImage scenes(ShapeScenes generator, int count, long seed) {
        List<BufferedImage> tiles = new ArrayList<>();
        for (ShapeScenes.Scene scene : generator.sample(count, seed)) {
            BufferedImage tile = Pictures.grey(scene.image(), 4);
            tiles.add(tile);
            BufferedImage labelled = Pictures.overlay(tile, scene.mask(), 0.5);
            for (ShapeScenes.SceneObject object : scene.objects()) {
                Pictures.drawBox(labelled, object.box(), 4, Color.WHITE, ShapeScenes.CLASS_NAMES.get(object.label()), false);
            }
            tiles.add(labelled);
        }
        return Pictures.grid(tiles, 4, 4);
    }

    /**
     * One object moving at constant velocity (plus a little noise), detected with 1.5 pixels of noise
     * except in frames 20 to 29; drawn in the image plane: true centres (grey), detections (blue
     * dots), the filter's estimate after each frame (red), as a chart with axes in pixels and a legend.
     */
    static BufferedImage kalman(long seed) {
        var random = new SplittableRandom(seed);
        int frames = 50, scale = 8, size = 64;
        double cx = 4, cy = 10, vx = 1.1, vy = 0.7;
        var truth = new ArrayList<double[]>();
        var detections = new ArrayList<double[]>();
        var estimates = new ArrayList<double[]>();
        KalmanBoxFilter filter = null;
        for (int t = 0; t < frames; t++) {
            cx += vx;
            cy += vy;
            vx += 0.03 * random.nextGaussian();
            vy += 0.03 * random.nextGaussian();
            truth.add(new double[] {cx, cy});
            boolean seen = t < 20 || t >= 30;
            double[] z = {cx + 1.5 * random.nextGaussian(), cy + 1.5 * random.nextGaussian()};
            if (filter == null) {
                filter = new KalmanBoxFilter(Box.ofCenter(z[0], z[1], 6, 6), 1.0, 1.0);
            } else {
                filter.predict();
                if (seen) filter.update(Box.ofCenter(z[0], z[1], 6, 6));
            }
            if (seen) detections.add(z);
            estimates.add(new double[] {filter.box().centerX(), filter.box().centerY()});
        }
        XYChart chart = new XYChartBuilder().width(size * scale).height(size * scale)
                .title("Kalman filter through a gap in the detections").xAxisTitle("x (pixels)").yAxisTitle("y (pixels)").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE).setMarkerSize(7);
        chart.getStyler().setYAxisDecimalPattern("#");
        chart.getStyler().setXAxisDecimalPattern("#");
        series(chart, "true centre", truth, new Color(150, 150, 150), 5f, XYSeries.XYSeriesRenderStyle.Line);
        series(chart, "detections (none in frames 20-29)", detections, new Color(30, 90, 220), 0f, XYSeries.XYSeriesRenderStyle.Scatter);
        series(chart, "Kalman estimate", estimates, new Color(220, 30, 40), 2f, XYSeries.XYSeriesRenderStyle.Line);
        return Charts.render(chart);
    }

    /** Points {@code (x, y)} as one series: a line without markers, or markers without a line. */
    private static void series(XYChart chart, String name, List<double[]> points, Color color, float width,
            XYSeries.XYSeriesRenderStyle style) {
        XYSeries series = chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        series.setXYSeriesRenderStyle(style);
        series.setLineColor(color);
        series.setMarkerColor(color);
        if (style == XYSeries.XYSeriesRenderStyle.Line) {
            series.setLineWidth(width);
            series.setMarker(SeriesMarkers.NONE);
        } else {
            series.setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
