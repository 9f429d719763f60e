package jgrad.vision.detection;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Box operations with torchvision's semantics ({@code torchvision.ops.box_iou}, {@code nms},
 * {@code batched_nms}) on tensors of boxes {@code (N, 4)} in {@code (x1, y1, x2, y2)} form.
 * Plain loops: detection post-processing handles tens of boxes, not millions.
 */
public final class BoxOps {
    private BoxOps() {
    }

    /** Pairwise IoU: boxes1 {@code (N, 4)}, boxes2 {@code (M, 4)} -> float64 {@code (N, M)}. */
    public static Tensor boxIou(Tensor boxes1, Tensor boxes2) {
        Box[] a = boxes("boxIou", boxes1);
        Box[] b = boxes("boxIou", boxes2);
        double[] iou = new double[a.length * b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                iou[i * b.length + j] = a[i].iou(b[j]);
            }
        }
        return Tensor.of(iou, a.length, b.length);
    }

    /**
     * Non-maximum suppression: visits the boxes by decreasing score (ties in index order, a stable
     * sort) and keeps a box unless its IoU with an already kept box is <em>greater than</em>
     * {@code iouThreshold}. Returns the int64 indices of the kept boxes, by decreasing score.
     */
    public static Tensor nms(Tensor boxes, Tensor scores, double iouThreshold) {
        return Tensor.of(nms(boxes("nms", boxes), scoresOf("nms", scores, boxes.size(0)), iouThreshold));
    }

    /**
     * NMS within each category: boxes of different {@code idxs} (int64 {@code (N)}) never suppress
     * each other. Returns the kept indices by decreasing score, as torchvision's {@code batched_nms}.
     */
    public static Tensor batchedNms(Tensor boxes, Tensor scores, Tensor idxs, double iouThreshold) {
        Box[] all = boxes("batchedNms", boxes);
        double[] score = scoresOf("batchedNms", scores, all.length);
        long[] category = idxs.toLongArray();
        if (category.length != all.length) {
            throw new IllegalArgumentException("batchedNms: idxs has " + category.length + " entries for " + all.length + " boxes");
        }
        List<Integer> kept = new ArrayList<>();
        for (long c : Arrays.stream(category).distinct().toArray()) {
            int[] members = java.util.stream.IntStream.range(0, all.length).filter(i -> category[i] == c).toArray();
            Box[] subset = new Box[members.length];
            double[] subsetScores = new double[members.length];
            for (int k = 0; k < members.length; k++) {
                subset[k] = all[members[k]];
                subsetScores[k] = score[members[k]];
            }
            for (long k : nms(subset, subsetScores, iouThreshold)) kept.add(members[(int) k]);
        }
        kept.sort(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
        return Tensor.of(kept.stream().mapToLong(Integer::longValue).toArray());
    }

    /** {@link #nms(Tensor, Tensor, double)} on detections: returns the kept ones by decreasing score, per label. */
    public static List<Detection> nms(List<Detection> detections, double iouThreshold) {
        int n = detections.size();
        double[] coords = new double[n * 4];
        double[] scores = new double[n];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            Box b = detections.get(i).box();
            System.arraycopy(new double[] {b.x1(), b.y1(), b.x2(), b.y2()}, 0, coords, 4 * i, 4);
            scores[i] = detections.get(i).score();
            labels[i] = detections.get(i).label();
        }
        List<Detection> kept = new ArrayList<>();
        if (n == 0) return kept;
        for (long i : batchedNms(Tensor.of(coords, n, 4), Tensor.of(scores), Tensor.of(labels), iouThreshold).toLongArray()) {
            kept.add(detections.get((int) i));
        }
        return kept;
    }

    private static long[] nms(Box[] boxes, double[] scores, double iouThreshold) {
        Integer[] order = new Integer[boxes.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));   // stable: ties stay in index order
        boolean[] suppressed = new boolean[boxes.length];
        List<Long> kept = new ArrayList<>();
        for (int a = 0; a < order.length; a++) {
            int i = order[a];
            if (suppressed[i]) continue;
            kept.add((long) i);
            for (int b = a + 1; b < order.length; b++) {
                int j = order[b];
                if (!suppressed[j] && boxes[i].iou(boxes[j]) > iouThreshold) suppressed[j] = true;
            }
        }
        return kept.stream().mapToLong(Long::longValue).toArray();
    }

    private static Box[] boxes(String op, Tensor boxes) {
        if (boxes.dim() != 2 || boxes.size(1) != 4) {
            throw new IllegalArgumentException(op + ": expected boxes (N, 4) as (x1, y1, x2, y2), got " + Shape.format(boxes.shape()));
        }
        double[] v = boxes.to(DType.FLOAT64).contiguous().toDoubleArray();
        Box[] out = new Box[boxes.size(0)];
        for (int i = 0; i < out.length; i++) out[i] = new Box(v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3]);
        return out;
    }

    private static double[] scoresOf(String op, Tensor scores, int n) {
        if (scores.dim() != 1 || scores.size(0) != n) {
            throw new IllegalArgumentException(op + ": expected scores (" + n + ",) for " + n + " boxes, got " + Shape.format(scores.shape()));
        }
        return scores.to(DType.FLOAT64).toDoubleArray();
    }
}
