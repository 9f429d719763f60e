package exercises.unit14;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Unit 14 exercise, task 2: one step of beam search, and the length penalty that ranks finished translations. */
public final class Beam {
    private Beam() {
    }

    /** A chosen extension: hypothesis {@code beam} of the old beam followed by {@code token}, with its summed log-probability. */
    public record Extension(int beam, int token, double logProbability) {
    }

    /**
     * Task 2a: the {@code beamSize} best extensions of the beam. Hypothesis {@code b} has summed
     * log-probability {@code beamLogProbabilities[b]}; extending it by token {@code v} adds
     * {@code nextLogProbabilities[b][v]} (the model's log-softmax for the next token). Consider every
     * {@code (b, v)} pair and return the best {@code beamSize} sums, best first; on equal sums the
     * lower {@code b}, then the lower {@code v}, comes first.
     */
    public static List<Extension> step(double[] beamLogProbabilities, double[][] nextLogProbabilities, int beamSize) {
        // TODO(task 2): every (beam, token) pair, sorted by sum, ties by beam then token; keep beamSize
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 2b: the GNMT length penalty (Wu et al. 2016) that ranks finished translations of
     * different lengths: {@code logProbability / ((5 + length) / 6)^alpha}; {@code alpha = 0} ranks by
     * log-probability alone.
     */
    public static double penalised(double logProbability, int length, double alpha) {
        // TODO(task 2): one line
        throw new UnsupportedOperationException("TODO task 2");
    }
}
