package jgrad.nn;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A linear-chain conditional random field over {@code K} tags, the output layer of a BiLSTM-CRF
 * tagger (Lample et al., 2016). A tag sequence {@code y} of a sentence with per-word tag scores
 * ("emissions") {@code E (T, K)} scores
 * <pre>
 *   s(y) = start[y_0] + sum_{t=0}^{T-1} E[t, y_t] + sum_{t=1}^{T-1} A[y_{t-1}, y_t] + end[y_{T-1}]
 *   p(y | E) = exp(s(y)) / Z,   Z = sum over all K^T sequences y' of exp(s(y'))
 * </pre>
 * and training minimises {@code -log p(y | E) = log Z - s(y)}. The forward algorithm gets
 * {@code log Z} in {@code O(T K^2)}, in log space so nothing overflows:
 * <pre>
 *   alpha_0[j] = start[j] + E[0, j]
 *   alpha_t[j] = logsumexp_i(alpha_{t-1}[i] + A[i, j]) + E[t, j]
 *   log Z      = logsumexp_j(alpha_{T-1}[j] + end[j])
 * </pre>
 * Viterbi decoding ({@link #decode}) is the same recursion with max instead of logsumexp, plus
 * back-pointers.
 *
 * <p>Parameters (named as in the {@code pytorch-crf} package): {@code transitions} {@code (K, K)},
 * {@code A[i, j]} the score of tag {@code j} following tag {@code i}; {@code start_transitions} and
 * {@code end_transitions} {@code (K)}; initialised from {@code U(-0.1, 0.1)}. Optional
 * {@link Constraints} forbid transitions (e.g. {@code O -> I-PER} in BIO tagging) by adding
 * {@link #IMPOSSIBLE} to their scores, so neither training nor decoding ever uses them.
 *
 * <p>Shapes: emissions {@code (B, T, K)}, tags int64 {@code (B, T)}, {@code lengths} {@code B}
 * values in {@code [1, T]} (steps past a sequence's length are padding and ignored).
 *
 * <pre>{@code
 * var crf = new CRF(tags.size(), CRF.Constraints.bio(tags), generator);
 * Tensor loss = crf.negLogLikelihood(emissions, goldTags, lengths);   // mean over the batch
 * List<int[]> best = crf.decode(emissions, lengths);                   // Viterbi path of each sentence
 * }</pre>
 */
public final class CRF extends Module {

    /** The score added to a forbidden transition: large enough that no path uses it, finite so 0 * it stays 0. */
    public static final double IMPOSSIBLE = -10_000;

    private final int numTags;
    private final Constraints constraints;

    /**
     * Which transitions are allowed: {@code allowed[i][j]} for tag {@code j} after tag {@code i},
     * {@code allowedStart[j]} for a sentence starting with {@code j}, {@code allowedEnd[i]} for one ending with {@code i}.
     */
    public record Constraints(boolean[][] allowed, boolean[] allowedStart, boolean[] allowedEnd) {

        /** Every transition allowed. */
        public static Constraints none(int numTags) {
            boolean[][] allowed = new boolean[numTags][numTags];
            for (boolean[] row : allowed) Arrays.fill(row, true);
            boolean[] all = new boolean[numTags];
            Arrays.fill(all, true);
            return new Constraints(allowed, all, all.clone());
        }

        /**
         * The BIO (IOB2) scheme of CoNLL: tags {@code O}, {@code B-X}, {@code I-X}. {@code I-X} may only
         * follow {@code B-X} or {@code I-X}, and a sentence may not start with it; everything else is allowed.
         */
        public static Constraints bio(List<String> tags) {
            Constraints constraints = none(tags.size());
            for (int j = 0; j < tags.size(); j++) {
                String tag = tags.get(j);
                if (!tag.equals("O") && !tag.startsWith("B-") && !tag.startsWith("I-")) {
                    throw new IllegalArgumentException("CRF.Constraints.bio: tag '" + tag + "' is not O, B-X or I-X");
                }
                if (!tag.startsWith("I-")) continue;
                String type = tag.substring(2);
                constraints.allowedStart[j] = false;
                for (int i = 0; i < tags.size(); i++) {
                    String previous = tags.get(i);
                    constraints.allowed[i][j] = previous.equals("B-" + type) || previous.equals("I-" + type);
                }
            }
            return constraints;
        }

        /** Whether the path {@code tags} uses only allowed transitions. */
        public boolean permits(int[] tags) {
            if (tags.length == 0) return true;
            for (int t = 1; t < tags.length; t++) {
                if (!allowed[tags[t - 1]][tags[t]]) return false;
            }
            return allowedStart[tags[0]] && allowedEnd[tags[tags.length - 1]];
        }
    }

    /** No constraints, the global generator. */
    public CRF(int numTags) {
        this(numTags, Constraints.none(numTags), Jgrad.generator());
    }

    public CRF(int numTags, Constraints constraints, RandomGenerator generator) {
        if (numTags < 1) {
            throw new IllegalArgumentException("CRF: numTags must be positive, got " + numTags);
        }
        if (constraints.allowed().length != numTags || constraints.allowedStart().length != numTags
                || constraints.allowedEnd().length != numTags) {
            throw new IllegalArgumentException("CRF: constraints are for " + constraints.allowedStart().length
                    + " tags, the CRF has " + numTags);
        }
        this.numTags = numTags;
        this.constraints = constraints;
        registerParameter("start_transitions", Init.uniform_(Tensor.zeros(numTags), -0.1, 0.1, generator));
        registerParameter("end_transitions", Init.uniform_(Tensor.zeros(numTags), -0.1, 0.1, generator));
        registerParameter("transitions", Init.uniform_(Tensor.zeros(numTags, numTags), -0.1, 0.1, generator));
    }

    public int numTags() {
        return numTags;
    }

    public Constraints constraints() {
        return constraints;
    }

    // ---------------------------------------------------------------------------------------------
    // Training: the log-likelihood
    // ---------------------------------------------------------------------------------------------

    /** {@code log p(tags | emissions) = s(tags) - log Z} per sentence, shape {@code (B)}. */
    public Tensor logLikelihood(Tensor emissions, Tensor tags, int[] lengths) {
        return score(emissions, tags, lengths).sub(logPartition(emissions, lengths));
    }

    /** The training loss: {@code -logLikelihood} averaged over the batch (a scalar). */
    public Tensor negLogLikelihood(Tensor emissions, Tensor tags, int[] lengths) {
        return logLikelihood(emissions, tags, lengths).mean().neg();
    }

    /** {@code log Z} of each sentence, shape {@code (B)}, by the forward algorithm (see the class comment). */
    public Tensor logPartition(Tensor emissions, int[] lengths) {
        checkEmissions("logPartition", emissions, lengths);
        Tensor transitions = allowedOnly(parameter("transitions"), penalties(constraints.allowed()), emissions);
        Tensor keep = PaddedSequences.lengthMask(lengths, emissions.size(1));                          // (B, T)
        Tensor alpha = start(emissions).add(emissions.select(1, 0));                                  // (B, K)
        for (int t = 1; t < emissions.size(1); t++) {
            // scores[b, i, j] = alpha[b, i] + A[i, j] + E[b, t, j]; sum out the previous tag i
            Tensor scores = alpha.unsqueeze(2).add(transitions.unsqueeze(0)).add(emissions.select(1, t).unsqueeze(1));
            Tensor next = scores.logsumexp(1, false);                                                 // (B, K)
            alpha = Tensor.where(keep.select(1, t).unsqueeze(1), next, alpha);    // padding: carry alpha on
        }
        return alpha.add(end(emissions)).logsumexp(1, false);
    }

    /** The score {@code s(tags)} of the given tag sequences, shape {@code (B)}. */
    public Tensor score(Tensor emissions, Tensor tags, int[] lengths) {
        checkEmissions("score", emissions, lengths);
        int batch = emissions.size(0), steps = emissions.size(1);
        if (tags.dtype() != DType.INT64 || !Arrays.equals(tags.shape(), new int[] {batch, steps})) {
            throw new IllegalArgumentException("CRF.score: tags must be int64 (" + batch + ", " + steps + "), got "
                    + tags.dtype() + " " + Shape.format(tags.shape()));
        }
        long[] tagIds = tags.toLongArray();
        // Index tensors of every term of s(y): the tag of each step, and (previous tag * K + tag) of each
        // transition. Padding steps get index 0 and are then multiplied by 0, so their tags may be anything.
        long[] stepTags = new long[batch * steps];
        long[] transitionIds = new long[batch * Math.max(0, steps - 1)];
        long[] first = new long[batch], last = new long[batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                long tag = tagIds[b * steps + t];
                if (tag < 0 || tag >= numTags) {
                    throw new IllegalArgumentException("CRF.score: tag " + tag + " at (" + b + ", " + t + ") is outside [0, " + numTags + ")");
                }
                stepTags[b * steps + t] = tag;
                if (t > 0) transitionIds[b * (steps - 1) + t - 1] = tagIds[b * steps + t - 1] * numTags + tag;
            }
            first[b] = tagIds[b * steps];
            last[b] = tagIds[b * steps + lengths[b] - 1];
        }
        Tensor keep = PaddedSequences.lengthMask(lengths, steps).to(emissions.dtype());                // (B, T)
        Tensor emissionTerms = emissions.gather(2, Tensor.of(stepTags, batch, steps, 1)).squeeze(2);      // E[b, t, y_t]
        Tensor total = emissionTerms.mul(keep).sum(1, false)
                .add(start(emissions).squeeze(0).indexSelect(0, Tensor.of(first)))
                .add(end(emissions).squeeze(0).indexSelect(0, Tensor.of(last)));
        if (steps > 1) {
            Tensor transitions = allowedOnly(parameter("transitions"), penalties(constraints.allowed()), emissions);
            Tensor transitionTerms = transitions.reshape(-1).indexSelect(0, Tensor.of(transitionIds))
                    .reshape(batch, steps - 1);                                                       // A[y_{t-1}, y_t]
            total = total.add(transitionTerms.mul(keep.slice(1, 1, steps)).sum(1, false));
        }
        return total;
    }

    /** {@link #logPartition} with every step real. */
    @Override
    public Tensor forward(Tensor emissions) {
        int[] full = new int[emissions.size(0)];
        Arrays.fill(full, emissions.size(1));
        return logPartition(emissions, full);
    }

    // ---------------------------------------------------------------------------------------------
    // Inference: Viterbi
    // ---------------------------------------------------------------------------------------------

    /**
     * The highest-scoring tag sequence of each sentence (Viterbi), {@code lengths[b]} tags each:
     * <pre>
     *   delta_0[j] = start[j] + E[0, j]
     *   delta_t[j] = max_i(delta_{t-1}[i] + A[i, j]) + E[t, j],   back_t[j] = the argmax i
     *   y_{T-1} = argmax_j(delta_{T-1}[j] + end[j]),   y_{t-1} = back_t[y_t]
     * </pre>
     * Plain loops on doubles: decoding needs no gradient. Ties go to the lower tag id.
     */
    public List<int[]> decode(Tensor emissions, int[] lengths) {
        checkEmissions("decode", emissions, lengths);
        int batch = emissions.size(0), steps = emissions.size(1), k = numTags;
        double[] e, a, start, end;
        try (var ignored = Grad.noGrad()) {
            e = emissions.contiguous().toDoubleArray();
            a = allowedOnly(parameter("transitions"), penalties(constraints.allowed()), emissions).toDoubleArray();
            start = start(emissions).reshape(-1).toDoubleArray();
            end = end(emissions).reshape(-1).toDoubleArray();
        }
        List<int[]> paths = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            int length = lengths[b];
            double[] delta = new double[k], next = new double[k];
            int[][] back = new int[length][k];
            for (int j = 0; j < k; j++) delta[j] = start[j] + e[(b * steps) * k + j];
            for (int t = 1; t < length; t++) {
                for (int j = 0; j < k; j++) {
                    int best = 0;
                    double bestScore = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < k; i++) {
                        double candidate = delta[i] + a[i * k + j];
                        if (candidate > bestScore) {
                            bestScore = candidate;
                            best = i;
                        }
                    }
                    back[t][j] = best;
                    next[j] = bestScore + e[(b * steps + t) * k + j];
                }
                double[] swap = delta; delta = next; next = swap;
            }
            int[] path = new int[length];
            double bestFinal = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                if (delta[j] + end[j] > bestFinal) {
                    bestFinal = delta[j] + end[j];
                    path[length - 1] = j;
                }
            }
            for (int t = length - 1; t > 0; t--) {
                path[t - 1] = back[t][path[t]];
            }
            paths.add(path);
        }
        return paths;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /** {@code start_transitions} plus its penalties, as a {@code (1, K)} row in the emissions' dtype. */
    private Tensor start(Tensor emissions) {
        return allowedOnly(parameter("start_transitions"), penalties(constraints.allowedStart()), emissions).unsqueeze(0);
    }

    private Tensor end(Tensor emissions) {
        return allowedOnly(parameter("end_transitions"), penalties(constraints.allowedEnd()), emissions).unsqueeze(0);
    }

    /** {@code scores + penalty}: forbidden entries are pushed down by {@link #IMPOSSIBLE}, allowed ones are untouched. */
    private static Tensor allowedOnly(Tensor scores, double[] penalty, Tensor emissions) {
        Tensor typed = scores.dtype() == emissions.dtype() ? scores : scores.to(emissions.dtype());
        return typed.add(Tensor.of(penalty, scores.shape()).to(emissions.dtype()));
    }

    private static double[] penalties(boolean[] allowed) {
        double[] penalty = new double[allowed.length];
        for (int i = 0; i < allowed.length; i++) penalty[i] = allowed[i] ? 0 : IMPOSSIBLE;
        return penalty;
    }

    private static double[] penalties(boolean[][] allowed) {
        double[] penalty = new double[allowed.length * allowed.length];
        for (int i = 0; i < allowed.length; i++) {
            for (int j = 0; j < allowed.length; j++) penalty[i * allowed.length + j] = allowed[i][j] ? 0 : IMPOSSIBLE;
        }
        return penalty;
    }

    private void checkEmissions(String op, Tensor emissions, int[] lengths) {
        if (emissions.dim() != 3 || emissions.size(2) != numTags || emissions.size(0) != lengths.length
                || emissions.size(1) < 1) {
            throw new IllegalArgumentException("CRF." + op + ": expected emissions (B, T, " + numTags + ") with B = "
                    + lengths.length + " lengths and T >= 1, got " + Shape.format(emissions.shape()));
        }
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 1 || lengths[b] > emissions.size(1)) {
                throw new IllegalArgumentException("CRF." + op + ": length " + lengths[b] + " of sentence " + b
                        + " must be in [1, " + emissions.size(1) + "]");
            }
        }
    }

    @Override
    protected String extraRepr() {
        return "num_tags=" + numTags;
    }
}
