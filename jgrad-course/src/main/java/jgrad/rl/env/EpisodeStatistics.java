package jgrad.rl.env;

import java.util.HashMap;
import java.util.Map;

/**
 * Gymnasium's {@code RecordEpisodeStatistics}: adds up the reward and counts the steps of the running
 * episode, and on its last step puts an {@link Episode} under {@code info.get("episode")}. Put it outside
 * any reward-changing wrapper so the numbers are the true returns.
 */
public final class EpisodeStatistics extends Wrapper {
    /** A finished episode: the undiscounted return and the number of steps. */
    public record Episode(double episodeReturn, int length) {
    }

    private double episodeReturn;
    private int length;

    public EpisodeStatistics(Env inner) {
        super(inner);
    }

    @Override
    public Reset reset(long seed) {
        episodeReturn = 0;
        length = 0;
        return inner.reset(seed);
    }

    @Override
    public Reset reset() {
        episodeReturn = 0;
        length = 0;
        return inner.reset();
    }

    @Override
    public Step step(double[] action) {
        Step s = inner.step(action);
        episodeReturn += s.reward();
        length++;
        if (!s.done()) return s;
        Map<String, Object> info = new HashMap<>(s.info());
        info.put("episode", new Episode(episodeReturn, length));
        return new Step(s.observation(), s.reward(), s.terminated(), s.truncated(), info);
    }
}
