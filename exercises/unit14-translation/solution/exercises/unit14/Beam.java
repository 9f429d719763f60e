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
        var candidates = new ArrayList<Extension>();
        for (int b = 0; b < beamLogProbabilities.length; b++) {
            for (int v = 0; v < nextLogProbabilities[b].length; v++) {
                candidates.add(new Extension(b, v, beamLogProbabilities[b] + nextLogProbabilities[b][v]));
            }
        }
        candidates.sort(Comparator.comparingDouble(Extension::logProbability).reversed()
                .thenComparingInt(Extension::beam).thenComparingInt(Extension::token));
        return List.copyOf(candidates.subList(0, Math.min(beamSize, candidates.size())));
    }

    /**
     * Task 2b: the GNMT length penalty (Wu et al. 2016) that ranks finished translations of
     * different lengths: {@code logProbability / ((5 + length) / 6)^alpha}; {@code alpha = 0} ranks by
     * log-probability alone.
     */
    public static double penalised(double logProbability, int length, double alpha) {
        return logProbability / Math.pow((5.0 + length) / 6.0, alpha);
    }
}
