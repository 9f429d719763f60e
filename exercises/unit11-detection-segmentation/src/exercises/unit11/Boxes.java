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
        // TODO(task 1): the overlap's width and height (never negative), then intersection / union.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: non-maximum suppression as {@code torchvision.ops.nms}: visit the boxes by decreasing
     * score (equal scores in index order), keep a box unless its IoU with a box already kept is
     * <em>greater than</em> {@code threshold}. Returns the kept indices in the order they were kept.
     */
    public static int[] nms(double[][] boxes, double[] scores, double threshold) {
        // TODO(task 2): sort the indices by score (a stable sort), then keep or suppress each in turn.
        throw new UnsupportedOperationException("TODO task 2");
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
        // TODO(task 3): match greedily by score, record precision and recall, make precision monotone, average 101 levels.
        throw new UnsupportedOperationException("TODO task 3");
    }

    /**
     * Task 4: mean intersection over union of a segmentation. {@code IoU_c = |pred = c and true = c| /
     * |pred = c or true = c|}, averaged over the classes that occur in the truth or the prediction.
     */
    public static double meanIou(int[] predicted, int[] actual, int classes) {
        // TODO(task 4): count intersections and unions per class from the pixels.
        throw new UnsupportedOperationException("TODO task 4");
    }
}
