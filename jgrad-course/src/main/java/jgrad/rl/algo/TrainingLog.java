package jgrad.rl.algo;

import jgrad.train.Curves;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training run reports: the return and length of every finished episode (with the environment step
 * at which it finished), and a per-update loss. {@link #save} draws the learning curve.
 */
public final class TrainingLog {
    private final List<Double> episodeReturns = new ArrayList<>();
    private final List<Long> episodeEndSteps = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private long envSteps;

    public void addEpisode(double episodeReturn, long atStep) {
        episodeReturns.add(episodeReturn);
        episodeEndSteps.add(atStep);
    }

    public void addLoss(double loss) {
        losses.add(loss);
    }

    public void setEnvSteps(long steps) {
        envSteps = steps;
    }

    public long envSteps() {
        return envSteps;
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public List<Double> episodeReturns() {
        return List.copyOf(episodeReturns);
    }

    /** Mean return of the last {@code k} finished episodes (NaN before the first). */
    public double recentMeanReturn(int k) {
        int n = episodeReturns.size();
        if (n == 0) return Double.NaN;
        double sum = 0;
        for (int i = Math.max(0, n - k); i < n; i++) sum += episodeReturns.get(i);
        return sum / Math.min(k, n);
    }

    /**
     * Two panels: episode return against episodes (each episode and a 20-episode moving average), and the
     * training loss per update. Written atomically as PNG.
     */
    public void save(Path png) throws IOException {
        List<Double> smooth = new ArrayList<>();
        for (int i = 0; i < episodeReturns.size(); i++) {
            double sum = 0;
            int from = Math.max(0, i - 19);
            for (int j = from; j <= i; j++) sum += episodeReturns.get(j);
            smooth.add(sum / (i - from + 1));
        }
        Curves.save(png, List.of(
                new Curves.Panel("episode return (" + envSteps + " env steps)", List.of(
                        new Curves.Series("episode", episodeReturns, new Color(0xaec7e8)),
                        new Curves.Series("mean of 20", smooth, new Color(0x1f77b4)))),
                new Curves.Panel("loss per update", List.of(new Curves.Series("loss", losses, new Color(0xff7f0e))))),
                "episode / update");
    }
}
