package jgrad.vision.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mean average precision as COCO computes it (pycocotools' {@code COCOeval}, one area range, no
 * crowd regions): per class, all detections of all images by decreasing score; each is a true
 * positive when it overlaps a not yet matched ground-truth object of its class and image with IoU
 * at least {@code t} (the best such object), else a false positive. Precision is made monotone
 * ({@code p(r) = max_{r' >= r} p(r')}) and averaged over the 101 recalls {@code 0, 0.01, ..., 1}.
 * Classes without ground truth are left out of the mean.
 *
 * <pre>{@code
 * double map50 = MeanAveragePrecision.map(predictions, truths, 3, 0.5);
 * double coco = MeanAveragePrecision.cocoMap(predictions, truths, 3);     // mean over t = 0.50, 0.55, ..., 0.95
 * }</pre>
 */
public final class MeanAveragePrecision {
    private MeanAveragePrecision() {
    }

    /** The IoU thresholds of COCO's headline number. */
    public static final double[] COCO_THRESHOLDS = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};

    /** mAP at one IoU threshold over {@code classes} classes; predictions and truths are per image. */
    public static double map(List<List<Detection>> predictions, List<List<GroundTruth>> truths, int classes, double iouThreshold) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            double ap = averagePrecision(predictions, truths, c, iouThreshold);
            if (!Double.isNaN(ap)) {
                sum += ap;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** COCO's mAP@[.5:.95]: {@link #map} averaged over {@link #COCO_THRESHOLDS}. */
    public static double cocoMap(List<List<Detection>> predictions, List<List<GroundTruth>> truths, int classes) {
        double sum = 0;
        for (double t : COCO_THRESHOLDS) sum += map(predictions, truths, classes, t);
        return sum / COCO_THRESHOLDS.length;
    }

    /** AP of one class at one IoU threshold; NaN when the class has no ground-truth object. */
    public static double averagePrecision(List<List<Detection>> predictions, List<List<GroundTruth>> truths, int label,
                                          double iouThreshold) {
        if (predictions.size() != truths.size()) {
            throw new IllegalArgumentException("MeanAveragePrecision: " + predictions.size() + " images of predictions but "
                    + truths.size() + " of ground truth");
        }
        record Scored(int image, Detection detection) {
        }
        List<Scored> scored = new ArrayList<>();
        List<List<Box>> objects = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < truths.size(); i++) {
            List<Box> boxes = truths.get(i).stream().filter(t -> t.label() == label).map(GroundTruth::box).toList();
            objects.add(boxes);
            total += boxes.size();
            for (Detection d : predictions.get(i)) if (d.label() == label) scored.add(new Scored(i, d));
        }
        if (total == 0) return Double.NaN;
        scored.sort(Comparator.comparingDouble((Scored s) -> -s.detection().score()));   // stable for equal scores
        List<boolean[]> matched = objects.stream().map(b -> new boolean[b.size()]).toList();
        double[] precision = new double[scored.size()];
        double[] recall = new double[scored.size()];
        int truePositives = 0;
        for (int k = 0; k < scored.size(); k++) {
            Scored s = scored.get(k);
            List<Box> boxes = objects.get(s.image());
            int best = -1;
            double bestIou = iouThreshold;
            for (int g = 0; g < boxes.size(); g++) {
                double iou = s.detection().box().iou(boxes.get(g));
                if (!matched.get(s.image())[g] && iou >= bestIou) {
                    bestIou = iou;
                    best = g;
                }
            }
            if (best >= 0) {
                matched.get(s.image())[best] = true;
                truePositives++;
            }
            precision[k] = truePositives / (double) (k + 1);
            recall[k] = truePositives / (double) total;
        }
        for (int k = precision.length - 2; k >= 0; k--) precision[k] = Math.max(precision[k], precision[k + 1]);
        double sum = 0;
        int k = 0;
        for (int r = 0; r <= 100; r++) {
            double level = r / 100.0;
            while (k < recall.length && recall[k] < level) k++;
            sum += k < recall.length ? precision[k] : 0;
        }
        return sum / 101;
    }
}
