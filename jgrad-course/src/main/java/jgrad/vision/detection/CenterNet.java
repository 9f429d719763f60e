package jgrad.vision.detection;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.BatchNorm2d;
import jgrad.nn.Conv2d;
import jgrad.nn.MaxPool2d;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-stage grid detector in the style of CenterNet (Zhou et al. 2019, "Objects as Points"): a
 * small convolutional backbone maps the image to a grid of cells {@value #STRIDE} pixels wide;
 * every cell predicts, per class, a score that an object's centre lies in it (a heatmap), plus the
 * centre's offset inside the cell and the box's width and height (in cells).
 * <pre>
 *   (N, 1, H, W) conv 3x3 1->w, BN, ReLU, maxpool 2     (N, w, H/2, W/2)
 *                conv 3x3 w->2w, BN, ReLU, maxpool 2    (N, 2w, H/4, W/4)
 *                conv 3x3 2w->2w (dilation 2), BN, ReLU
 *                conv 3x3 2w->2w, ReLU
 *                conv 1x1 2w->C+4                       (N, C + 4, H/4, W/4): C heatmap logits, dx, dy, w, h
 * </pre>
 * Decoding keeps the cells whose heatmap score is a local maximum (3x3) above a threshold: no
 * anchors, and no NMS is needed (a class-wise NMS at IoU 0.5 still runs, torchvision's semantics,
 * to drop the rare double peak). The loss is in {@link CenterNetLoss}.
 */
public final class CenterNet extends Module {
    /** Pixels per grid cell. */
    public static final int STRIDE = 4;

    private final int classes;
    private final Sequential layers;

    public CenterNet(int classes, int width) {
        this.classes = classes;
        var generator = Jgrad.generator();
        Conv2d head = new Conv2d(2 * width, classes + 4, 1);
        layers = registerModule("layers", new Sequential(
                new Conv2d(1, width, 3, 1, 1), new BatchNorm2d(width), new ReLU(), new MaxPool2d(2),
                new Conv2d(width, 2 * width, 3, 1, 1), new BatchNorm2d(2 * width), new ReLU(), new MaxPool2d(2),
                new Conv2d(2 * width, 2 * width, new int[] {3, 3}, new int[] {1, 1}, new int[] {2, 2}, new int[] {2, 2}, 1,
                        true, generator),
                new BatchNorm2d(2 * width), new ReLU(),
                new Conv2d(2 * width, 2 * width, 3, 1, 1), new ReLU(),
                head));
        // CenterNet's prior: start every heatmap score at sigmoid(-2.19) = 0.1, so the many empty cells
        // do not swamp the first steps of the focal loss.
        try (var ignored = Grad.noGrad()) {
            for (int c = 0; c < classes; c++) head.bias().set(-2.19, c);
        }
    }

    public int classes() {
        return classes;
    }

    /** Images {@code (N, 1, H, W)} -> raw maps {@code (N, C + 4, H / 4, W / 4)}. */
    @Override
    public Tensor forward(Tensor input) {
        return layers.forward(input);
    }

    /**
     * Detections per image from the raw maps: each local maximum (3x3) of a class heatmap with
     * score {@code sigmoid(logit) >= threshold} gives a box centred at {@code (cell + offset) * STRIDE}
     * of size {@code (w, h) * STRIDE}; then class-wise NMS at IoU 0.5 and the {@code maxPerImage} best.
     */
    public List<List<Detection>> decode(Tensor maps, double threshold, int maxPerImage) {
        int batch = maps.size(0), gridH = maps.size(2), gridW = maps.size(3), plane = gridH * gridW;
        float[] v = maps.contiguous().float32().toFloatArray();
        List<List<Detection>> all = new ArrayList<>();
        for (int n = 0; n < batch; n++) {
            int base = n * (classes + 4) * plane;
            List<Detection> found = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                for (int y = 0; y < gridH; y++) {
                    for (int x = 0; x < gridW; x++) {
                        double logit = v[base + c * plane + y * gridW + x];
                        double score = 1 / (1 + Math.exp(-logit));
                        if (score < threshold || !isPeak(v, base + c * plane, gridH, gridW, y, x)) continue;
                        int at = y * gridW + x;
                        double cx = (x + v[base + classes * plane + at]) * STRIDE;
                        double cy = (y + v[base + (classes + 1) * plane + at]) * STRIDE;
                        double w = Math.max(0, v[base + (classes + 2) * plane + at]) * STRIDE;
                        double h = Math.max(0, v[base + (classes + 3) * plane + at]) * STRIDE;
                        found.add(new Detection(Box.ofCenter(cx, cy, w, h), c, score));
                    }
                }
            }
            List<Detection> kept = BoxOps.nms(found, 0.5);
            all.add(kept.subList(0, Math.min(maxPerImage, kept.size())));
        }
        return all;
    }

    private static boolean isPeak(float[] v, int planeStart, int gridH, int gridW, int y, int x) {
        float centre = v[planeStart + y * gridW + x];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int yy = y + dy, xx = x + dx;
                if ((dy != 0 || dx != 0) && yy >= 0 && yy < gridH && xx >= 0 && xx < gridW && v[planeStart + yy * gridW + xx] > centre) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The model's detections for images {@code (N, 1, H, W)}, in eval mode and without a graph. */
    public List<List<Detection>> detect(Tensor images, double threshold, int maxPerImage) {
        boolean wasTraining = isTraining();
        eval();
        try (var ignored = Grad.noGrad()) {
            return decode(forward(images), threshold, maxPerImage);
        } finally {
            train(wasTraining);
        }
    }

    /** The training loss for this model's maps. */
    public CenterNetLoss loss() {
        return new CenterNetLoss(classes, STRIDE);
    }
}
