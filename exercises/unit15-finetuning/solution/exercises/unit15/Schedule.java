package exercises.unit15;

/**
 * Unit 15 exercise, task 3: the learning rate of BERT's fine-tuning loop at a given step:
 * linear warm-up from 0 to {@code lr0} over {@code warmup} steps, then linear decay to 0 at
 * {@code total} (and 0 after it).
 */
public final class Schedule {
    private Schedule() {
    }

    /** Task 3: the learning rate after {@code step} optimizer steps. */
    public static double lr(long step, int warmup, int total, double lr0) {
        if (step < warmup) {
            return lr0 * step / warmup;
        }
        return lr0 * Math.max(0.0, (double) (total - step) / Math.max(1, total - warmup));
    }
}
