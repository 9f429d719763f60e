package jgrad.text;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Corpus BLEU (Papineni et al. 2002) as sacreBLEU computes it by default: the {@code 13a} tokenizer
 * of WMT's {@code mteval-v13a.pl}, case kept, n-grams up to 4, "exp" smoothing, no effective order.
 * Statistics are summed over the whole corpus first, then
 * <pre>
 *   p_n  = 100 * matches_n / hypothesis n-grams_n          matches clipped by the most any one reference has
 *          (if matches_n = 0: p_n = 100 / (2^k * n-grams_n), k counting the zero orders so far)
 *   BP   = 1 if c >= r else exp(1 - r / c)               c = hypothesis words, r = closest reference lengths
 *   BLEU = BP * exp(mean_n log p_n)                       0 if an order has no n-grams at all, or nothing matches
 * </pre>
 * The reference length of a sentence is the reference length closest to the hypothesis' (the shorter on a tie).
 *
 * <pre>{@code
 * var bleu = Bleu.corpus(List.of("the cat sat on the mat"), List.of(List.of("the cat is on the mat")));
 * bleu.score();      // 37.99
 * bleu.toString();   // "BLEU = 37.99 83.3/60.0/25.0/16.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)"
 * }</pre>
 */
public final class Bleu {
    private static final int MAX_ORDER = 4;

    // mteval-v13a's four rules, applied in this order to the text padded with spaces
    private static final Pattern PUNCTUATION = Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    /**
     * A corpus score with its parts: the four precisions in %, the brevity penalty and the lengths.
     * {@code score} is in [0, 100].
     */
    public record Score(double score, double[] precisions, double brevityPenalty, long hypothesisLength, long referenceLength) {
        /** sacreBLEU's one-line summary. */
        @Override
        public String toString() {
            var p = new StringBuilder();
            for (double precision : precisions) {
                if (!p.isEmpty()) p.append('/');
                p.append(String.format(Locale.ROOT, "%.1f", precision));
            }
            return String.format(Locale.ROOT, "BLEU = %.2f %s (BP = %.3f ratio = %.3f hyp_len = %d ref_len = %d)", score, p,
                    brevityPenalty, referenceLength == 0 ? 0.0 : (double) hypothesisLength / referenceLength, hypothesisLength,
                    referenceLength);
        }
    }

    private Bleu() {
    }

    /**
     * The 13a tokenization: HTML entities {@code &quot; &amp; &lt; &gt;} decoded, then punctuation split
     * off except apostrophes, hyphens, and periods or commas between digits ({@code 3.5} and
     * {@code 1,000} stay whole; a dash after a digit is split).
     */
    public static List<String> tokenize13a(String text) {
        String line = text.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (line.contains("&")) {
            line = line.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        line = " " + line + " ";
        line = PUNCTUATION.matcher(line).replaceAll(" $1 ");
        line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
        line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
        line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
        String stripped = line.strip();
        return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
    }

    /**
     * Corpus BLEU of {@code hypotheses} against {@code references}: {@code references.get(i)} holds one
     * or more references of hypothesis {@code i}.
     */
    public static Score corpus(List<String> hypotheses, List<List<String>> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("Bleu.corpus: " + hypotheses.size() + " hypotheses but " + references.size()
                    + " reference lists");
        }
        long[] matches = new long[MAX_ORDER], totals = new long[MAX_ORDER];
        long hypothesisLength = 0, referenceLength = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            if (references.get(i).isEmpty()) {
                throw new IllegalArgumentException("Bleu.corpus: hypothesis " + i + " has no reference");
            }
            List<String> hypothesis = tokenize13a(hypotheses.get(i));
            hypothesisLength += hypothesis.size();
            Map<List<String>, Integer> maxReferenceCounts = new HashMap<>();
            int closest = -1;
            for (String reference : references.get(i)) {
                List<String> tokens = tokenize13a(reference);
                int length = tokens.size(), distance = Math.abs(length - hypothesis.size());
                int best = closest < 0 ? Integer.MAX_VALUE : Math.abs(closest - hypothesis.size());
                if (distance < best || (distance == best && length < closest)) closest = length;
                ngramCounts(tokens).forEach((ngram, count) -> maxReferenceCounts.merge(ngram, count, Math::max));
            }
            referenceLength += closest;
            for (var entry : ngramCounts(hypothesis).entrySet()) {
                int order = entry.getKey().size();
                totals[order - 1] += entry.getValue();
                matches[order - 1] += Math.min(entry.getValue(), maxReferenceCounts.getOrDefault(entry.getKey(), 0));
            }
        }
        return score(matches, totals, hypothesisLength, referenceLength);
    }

    /** The score of summed statistics (sacreBLEU's {@code compute_bleu} with "exp" smoothing). */
    static Score score(long[] matches, long[] totals, long hypothesisLength, long referenceLength) {
        double[] precisions = new double[MAX_ORDER];
        double brevityPenalty = hypothesisLength >= referenceLength ? 1.0
                : hypothesisLength == 0 ? 0.0 : Math.exp(1 - (double) referenceLength / hypothesisLength);
        boolean anyMatch = false;
        for (long m : matches) anyMatch |= m > 0;
        if (!anyMatch) {
            return new Score(0, precisions, brevityPenalty, hypothesisLength, referenceLength);
        }
        double smoothing = 1;
        boolean complete = true;
        for (int n = 0; n < MAX_ORDER; n++) {
            if (totals[n] == 0) {
                complete = false;        // a hypothesis corpus shorter than n words: the precision stays 0
                break;
            }
            if (matches[n] == 0) {
                smoothing *= 2;
                precisions[n] = 100.0 / (smoothing * totals[n]);
            } else {
                precisions[n] = 100.0 * matches[n] / totals[n];
            }
        }
        double logSum = 0;
        for (double precision : precisions) logSum += Math.log(precision);
        double score = complete ? brevityPenalty * Math.exp(logSum / MAX_ORDER) : 0.0;
        return new Score(score, precisions, brevityPenalty, hypothesisLength, referenceLength);
    }

    /** Counts of every n-gram of orders 1 to 4. */
    private static Map<List<String>, Integer> ngramCounts(List<String> tokens) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int order = 1; order <= MAX_ORDER; order++) {
            for (int start = 0; start + order <= tokens.size(); start++) {
                counts.merge(tokens.subList(start, start + order), 1, Integer::sum);
            }
        }
        return counts;
    }
}
