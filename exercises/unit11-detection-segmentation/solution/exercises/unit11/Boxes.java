package exercises.unit11;

/**
 * Unit 11 exercise: the measuring side of detection and segmentation on plain arrays. A box is
 * {@code double[4] = {x1, y1, x2, y2}} with {@code x1 <= x2}, {@code y1 <= y2}, torchvision's convention
 * (area {@code (x2 - x1)(y2 - y1)}, no "+1").
 */
public final class Boxes {
    private Boxes() {
    }

    /** One detection of the class being scored: the image it was made in, its score and its box. */
    public record Scored(int image, double score, double[] box) {
    }

    /** Task 1: intersection over union {@code |A ∩ B| / |A ∪ B|}; 0 when the union is empty. */
    public static double iou(double[] a, double[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        double intersection = Math.max(0, w) * Math.max(0, h);
        double union = area(a) + area(b) - intersection;
        return union > 0 ? intersection / union : 0;
    }

    /**
     * Task 2: non-maximum suppression as {@code torchvision.ops.nms}: visit the boxes by decreasing
     * score (equal scores in index order), keep a box unless its IoU with a box already kept is
     * <em>greater than</em> {@code threshold}. Returns the kept indices in the order they were kept.
     */
    public static int[] nms(double[][] boxes, double[] scores, double threshold) {
        Integer[] order = new Integer[boxes.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (i, j) -> Double.compare(scores[j], scores[i]));   // stable: ties in index order
        boolean[] suppressed = new boolean[boxes.length];
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int a = 0; a < order.length; a++) {
            int i = order[a];
            if (suppressed[i]) continue;
            kept.add(i);
            for (int b = a + 1; b < order.length; b++) {
                if (iou(boxes[i], boxes[order[b]]) > threshold) suppressed[order[b]] = true;
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Task 3: the average precision of one class at one IoU threshold, as COCO computes it. Sort the
     * detections by decreasing score (equal scores keep their order); each is a true positive when its
     * image has a not yet matched ground-truth box with IoU {@code >= threshold} (take the one with the
     * highest IoU), else a false positive. After each detection k, {@code precision_k = TP / (k + 1)} and
     * {@code recall_k = TP / (number of ground-truth boxes)}. Make precision monotone,
     * {@code p_k = max_{j >= k} p_j}, and average over the 101 recall levels {@code r = 0, 0.01, ..., 1}
     * the precision of the first detection whose recall is {@code >= r} (0 if there is none).
     *
     * @param truths {@code truths[image]} = the ground-truth boxes of that image (at least one box in all)
     */
    public static double averagePrecision(java.util.List<Scored> detections, double[][][] truths, double threshold) {
        var sorted = new java.util.ArrayList<>(detections);
        sorted.sort((p, q) -> Double.compare(q.score(), p.score()));
        int total = 0;
        boolean[][] matched = new boolean[truths.length][];
        for (int i = 0; i < truths.length; i++) {
            matched[i] = new boolean[truths[i].length];
            total += truths[i].length;
        }
        double[] precision = new double[sorted.size()], recall = new double[sorted.size()];
        int truePositives = 0;
        for (int k = 0; k < sorted.size(); k++) {
            Scored d = sorted.get(k);
            int best = -1;
            double bestIou = threshold;
            for (int g = 0; g < truths[d.image()].length; g++) {
                double overlap = iou(d.box(), truths[d.image()][g]);
                if (!matched[d.image()][g] && overlap >= bestIou) {
                    bestIou = overlap;
                    best = g;
                }
            }
            if (best >= 0) {
                matched[d.image()][best] = true;
                truePositives++;
            }
            precision[k] = truePositives / (double) (k + 1);
            recall[k] = truePositives / (double) total;
        }
        for (int k = precision.length - 2; k >= 0; k--) precision[k] = Math.max(precision[k], precision[k + 1]);
        double sum = 0;
        int k = 0;
        for (int r = 0; r <= 100; r++) {
            while (k < recall.length && recall[k] < r / 100.0) k++;
            sum += k < recall.length ? precision[k] : 0;
        }
        return sum / 101;
    }

    private static double area(double[] box) {
        return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
    }

    /**
     * Task 4: mean intersection over union of a segmentation. {@code IoU_c = |pred = c and true = c| /
     * |pred = c or true = c|}, averaged over the classes that occur in the truth or the prediction.
     */
    public static double meanIou(int[] predicted, int[] actual, int classes) {
        long[] intersection = new long[classes], union = new long[classes];
        for (int i = 0; i < actual.length; i++) {
            union[actual[i]]++;
            if (predicted[i] == actual[i]) intersection[actual[i]]++;
            else union[predicted[i]]++;
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (union[c] == 0) continue;
            sum += (double) intersection[c] / union[c];
            present++;
        }
        return sum / present;
    }
}
