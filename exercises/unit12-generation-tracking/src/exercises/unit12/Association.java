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
        // TODO(task 4): search the assignments for the largest total IoU, then drop the pairs below minIou.
        throw new UnsupportedOperationException("TODO task 4");
    }
}
