package jgrad.rl.algo;

/**
 * A value that moves linearly from {@code start} to {@code end} over the first {@code fraction} of
 * {@code total} steps, then stays at {@code end}: DQN's epsilon schedule.
 */
public record LinearSchedule(double start, double end, double fraction, long total) {
    public double at(long step) {
        double progress = Math.min(1.0, step / Math.max(1.0, fraction * total));
        return start + progress * (end - start);
    }
}
