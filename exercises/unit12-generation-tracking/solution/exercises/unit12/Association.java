package exercises.unit12;

/**
 * Unit 12 exercise, task 4: SORT's data association. {@code iou[d][t]} is the IoU of detection d with
 * the predicted box of track t.
 */
public final class Association {
    private Association() {
    }

    /**
     * Task 4: the one-to-one assignment of detections to tracks with the largest total IoU (the least
     * total cost {@code 1 - IoU}, over all pairs, as the Hungarian method finds it), from which pairs with
     * IoU below {@code minIou} are then dropped. Returns, per detection, its track or -1 (a new track
     * is born from it). With more detections than tracks some detections get none, and vice versa.
     * The sizes here are small (at most 6 x 6): trying every assignment is fine.
     */
    public static int[] assign(double[][] iou, double minIou) {
        int detections = iou.length, tracks = detections == 0 ? 0 : iou[0].length;
        int[] best = new int[detections], current = new int[detections];
        java.util.Arrays.fill(best, -1);
        search(iou, 0, new boolean[tracks], current, 0, best, new double[] {-1});
        for (int d = 0; d < detections; d++) if (best[d] >= 0 && iou[d][best[d]] < minIou) best[d] = -1;
        return best;
    }

    // Depth-first over detection d's choices (a free track, or none when tracks run short), keeping the best total.
    private static void search(double[][] iou, int d, boolean[] used, int[] current, double total, int[] best, double[] bestTotal) {
        if (d == iou.length) {
            if (total > bestTotal[0]) {
                bestTotal[0] = total;
                System.arraycopy(current, 0, best, 0, current.length);
            }
            return;
        }
        int freeTracks = 0;
        for (boolean u : used) if (!u) freeTracks++;
        for (int t = 0; t < used.length; t++) {
            if (used[t]) continue;
            used[t] = true;
            current[d] = t;
            search(iou, d + 1, used, current, total + iou[d][t], best, bestTotal);
            used[t] = false;
        }
        if (iou.length - d > freeTracks) {           // more detections left than free tracks: this one may go without
            current[d] = -1;
            search(iou, d + 1, used, current, total, best, bestTotal);
        }
    }
}
