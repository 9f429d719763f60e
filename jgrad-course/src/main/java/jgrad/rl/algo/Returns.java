package jgrad.rl.algo;

/**
 * Discounted returns and generalised advantage estimates, computed backwards in time on plain arrays
 * (no gradient flows through them: they are targets).
 */
public final class Returns {
    private Returns() {
    }

    /** {@code G_t = r_t + gamma G_{t+1}} with {@code G_T = 0}: the return from each step of one finished episode. */
    public static double[] discounted(double[] rewards, double gamma) {
        double[] out = new double[rewards.length];
        double running = 0;
        for (int t = rewards.length - 1; t >= 0; t--) {
            running = rewards[t] + gamma * running;
            out[t] = running;
        }
        return out;
    }

    /**
     * GAE-lambda (Schulman et al., 2016) for {@code T} steps of {@code N} environments, arrays {@code [T][N]}:
     * <pre>
     *   delta_t = r_t + gamma (1 - done_t) V(s_{t+1}) - V(s_t)
     *   A_t     = delta_t + gamma lambda (1 - done_t) A_{t+1}
     * </pre>
     * {@code done_t} says the episode ended at step {@code t}, so nothing after it counts; {@code V(s_T)}
     * is {@code lastValues}. (For a time-limit ending, add {@code gamma V(final observation)} to {@code r_t}
     * before calling: the state still had a value.) Returns the advantages; the value targets are
     * {@code A_t + V(s_t)}. {@code lambda = 1} gives Monte-Carlo returns minus {@code V}, {@code lambda = 0}
     * the one-step TD error.
     */
    public static double[][] gae(double[][] rewards, double[][] values, boolean[][] dones, double[] lastValues,
                                 double gamma, double lambda) {
        int steps = rewards.length, envs = lastValues.length;
        double[][] advantages = new double[steps][envs];
        for (int i = 0; i < envs; i++) {
            double next = 0, nextValue = lastValues[i];
            for (int t = steps - 1; t >= 0; t--) {
                double notDone = dones[t][i] ? 0 : 1;
                double delta = rewards[t][i] + gamma * notDone * nextValue - values[t][i];
                next = delta + gamma * lambda * notDone * next;
                advantages[t][i] = next;
                nextValue = values[t][i];
            }
        }
        return advantages;
    }
}
