package jgrad.text;

import java.util.Arrays;
import java.util.Comparator;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import jgrad.Jgrad;
import jgrad.Tensor;

/**
 * Picks the next token from a model's logits, with temperature, top-k and top-p (nucleus)
 * filtering, in the order HuggingFace's {@code generate} applies them.
 *
 * <pre>{@code
 * var sampler = new Sampler().withTemperature(0.8).withTopK(40).withTopP(0.95);
 * var rng = new SplittableRandom(42);                // any seeded java.util.random.RandomGenerator
 * Tensor logits = model.forward(context);            // (B, T, V)
 * int[] next = sampler.sample(logits.select(1, -1), rng);   // one id per batch row
 * }</pre>
 *
 * <p>For logits {@code z_1..z_V}:
 * <ol>
 *   <li>temperature T: {@code p_i ∝ exp(z_i / T)}. T &lt; 1 sharpens, T &gt; 1 flattens, and
 *       T = 0 means greedy decoding: always the argmax (lowest index among equal maxima, like
 *       {@code torch.argmax}), no randomness used;</li>
 *   <li>top-k: keep only the k largest logits (exactly k: among equal logits the lower index wins);</li>
 *   <li>top-p: of those, keep the smallest set of most likely tokens whose probabilities sum to at
 *       least p (the token that crosses p is kept; the most likely token is always kept);</li>
 *   <li>renormalize what is kept and draw from it.</li>
 * </ol>
 * Logits of {@code -inf} (masked tokens) get probability 0; NaN or {@code +inf} logits are errors.
 * A sampler is immutable; the {@code with...} methods return new ones.
 */
public final class Sampler {
    private static final int ALL = Integer.MAX_VALUE;

    private final double temperature;
    private final int topK;
    private final double topP;

    /** Plain sampling from softmax(logits): temperature 1, no top-k, no top-p. */
    public Sampler() {
        this(1.0, ALL, 1.0);
    }

    private Sampler(double temperature, int topK, double topP) {
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
    }

    /** A sampler that always picks the most likely token (temperature 0). */
    public static Sampler greedy() {
        return new Sampler().withTemperature(0);
    }

    /** This sampler with temperature {@code t >= 0}; 0 means greedy. */
    public Sampler withTemperature(double t) {
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("Sampler.withTemperature: temperature must be a finite number >= 0 (0 means greedy), got " + t);
        }
        return new Sampler(t, topK, topP);
    }

    /** This sampler keeping only the {@code k >= 1} most likely tokens (k above the vocabulary size keeps all). */
    public Sampler withTopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("Sampler.withTopK: k must be >= 1, got " + k);
        }
        return new Sampler(temperature, k, topP);
    }

    /** This sampler keeping the nucleus of probability mass {@code p} in (0, 1]; 1 keeps all. */
    public Sampler withTopP(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("Sampler.withTopP: p must be in (0, 1], got " + p);
        }
        return new Sampler(temperature, topK, p);
    }

    public double temperature() {
        return temperature;
    }

    /** The top-k setting, empty when all tokens are candidates. */
    public OptionalInt topK() {
        return topK == ALL ? OptionalInt.empty() : OptionalInt.of(topK);
    }

    public double topP() {
        return topP;
    }

    /**
     * The distribution this sampler draws from: {@code probabilities[i]} for token {@code i},
     * 0 for filtered tokens, summing to 1 (one-hot on the argmax when greedy).
     *
     * @param logits (V): one unnormalized log-probability per token
     */
    public double[] probabilities(float[] logits) {
        int vocab = logits.length;
        int best = checkedArgmax(logits);
        double[] probabilities = new double[vocab];
        if (temperature == 0) {
            probabilities[best] = 1;
            return probabilities;
        }
        // Candidates in decreasing logit order (lower index first among equals): top-k keeps a
        // prefix of this order, and so does top-p. Without either filter any order will do.
        boolean filtering = topK < vocab || topP < 1;
        int[] order = filtering ? byDecreasingLogit(logits) : IntStream.range(0, vocab).toArray();
        int kept = Math.min(topK, vocab);

        // Softmax of z / T over the kept tokens; subtracting the max logit avoids overflow.
        double sum = 0;
        for (int r = 0; r < kept; r++) {
            int token = order[r];
            probabilities[token] = Math.exp(((double) logits[token] - logits[best]) / temperature);
            sum += probabilities[token];
        }
        // Top-p: the shortest prefix of the order whose mass reaches p.
        if (topP < 1) {
            double cumulative = 0;
            for (int r = 0; r < kept; r++) {
                cumulative += probabilities[order[r]] / sum;
                if (cumulative >= topP) {
                    kept = r + 1;
                    break;
                }
            }
        }
        double keptSum = 0;
        for (int r = 0; r < order.length; r++) {
            if (r < kept) {
                keptSum += probabilities[order[r]];
            } else {
                probabilities[order[r]] = 0;
            }
        }
        for (int r = 0; r < kept; r++) {
            probabilities[order[r]] /= keptSum;
        }
        return probabilities;
    }

    /**
     * One token id drawn from {@link #probabilities} with {@code generator}.
     *
     * @param logits (V): one unnormalized log-probability per token
     */
    public int sample(float[] logits, RandomGenerator generator) {
        if (temperature == 0) {
            return checkedArgmax(logits);
        }
        double[] probabilities = probabilities(logits);
        // Inverse-CDF draw: the first token whose cumulative probability exceeds u.
        double u = generator.nextDouble();
        double cumulative = 0;
        int lastPossible = 0;
        for (int token = 0; token < probabilities.length; token++) {
            if (probabilities[token] > 0) {
                cumulative += probabilities[token];
                lastPossible = token;
                if (u < cumulative) {
                    return token;
                }
            }
        }
        return lastPossible;                         // u fell into the rounding gap below 1
    }

    /** {@link #sample(float[], RandomGenerator)} with the global generator ({@link Jgrad#manualSeed}). */
    public int sample(float[] logits) {
        return sample(logits, Jgrad.generator());
    }

    /**
     * One token id per row of {@code logits}.
     *
     * @param logits (..., V): the last dim is the vocabulary, e.g. (B, V) for the last position of a batch
     * @return (rows): one id per row, rows = the product of the leading dims (1 for a 1-D tensor)
     */
    public int[] sample(Tensor logits, RandomGenerator generator) {
        if (logits.dim() == 0 || logits.size(-1) == 0) {
            throw new IllegalArgumentException("Sampler.sample: expected logits of shape (..., V) with V >= 1, got shape "
                    + Arrays.toString(logits.shape()));
        }
        int vocab = logits.size(-1);
        float[] values = logits.toFloatArray();
        int[] ids = new int[values.length / vocab];
        for (int row = 0; row < ids.length; row++) {
            ids[row] = sample(Arrays.copyOfRange(values, row * vocab, (row + 1) * vocab), generator);
        }
        return ids;
    }

    /** {@link #sample(Tensor, RandomGenerator)} with the global generator ({@link Jgrad#manualSeed}). */
    public int[] sample(Tensor logits) {
        return sample(logits, Jgrad.generator());
    }

    @Override
    public String toString() {
        return "Sampler(temperature=" + temperature + ", topK=" + (topK == ALL ? "all" : topK) + ", topP=" + topP + ")";
    }

    /** Token ids sorted by decreasing logit, the lower id first among equal logits. */
    private static int[] byDecreasingLogit(float[] logits) {
        return IntStream.range(0, logits.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -logits[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The index of the largest logit (lowest among equals), after checking the logits are usable. */
    private static int checkedArgmax(float[] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("Sampler: the logits are empty (expected one per vocabulary token)");
        }
        int best = 0;
        for (int i = 0; i < logits.length; i++) {
            if (Float.isNaN(logits[i]) || logits[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("Sampler: logit " + i + " is " + logits[i] + "; logits must be finite or -inf");
            }
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        if (logits[best] == Float.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("Sampler: all " + logits.length + " logits are -inf; no token can be sampled");
        }
        return best;
    }
}
