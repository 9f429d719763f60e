package exercises.unit14;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unit 14 exercise, task 1: corpus BLEU on sentences that are already split into words, one
 * reference per sentence, n-grams of orders 1 to 4.
 */
public final class NgramBleu {
    private NgramBleu() {
    }

    /**
     * Task 1a: the clipped n-gram matches of one hypothesis: {@code {matches, total}} where
     * {@code total} counts the hypothesis' n-grams of order {@code n} and every distinct n-gram
     * matches at most as often as it occurs in the reference (so "the the the" against "the cat"
     * has 1 unigram match, not 3).
     */
    public static long[] matches(List<String> hypothesis, List<String> reference, int n) {
        Map<List<String>, Integer> available = counts(reference, n);
        long matches = 0, total = 0;
        for (var entry : counts(hypothesis, n).entrySet()) {
            total += entry.getValue();
            matches += Math.min(entry.getValue(), available.getOrDefault(entry.getKey(), 0));
        }
        return new long[] {matches, total};
    }

    /** Task 1b: the brevity penalty of {@code c} hypothesis words against {@code r} reference words: 1 if {@code c >= r}, else {@code exp(1 - r/c)}, and 0 if {@code c = 0}. */
    public static double brevityPenalty(long c, long r) {
        if (c >= r) return 1;
        return c == 0 ? 0 : Math.exp(1 - (double) r / c);
    }

    /**
     * Task 1c: corpus BLEU in [0, 100]: sum matches and totals of each order over all sentences
     * first, then {@code p_n = 100 matches_n / total_n} and
     * {@code BLEU = BP exp((1/4) sum_n log p_n)}, with {@code BP} from the summed lengths.
     * sacreBLEU's default smoothing for an order with no match at all: its {@code p_n} is
     * {@code 100 / (2^k total_n)}, where {@code k} counts the orders without a match so far
     * (1 for the first, 2 for the second, ...). BLEU is 0 when no order matches anything, or when
     * some order has no n-grams at all (a corpus of sentences shorter than 4 words).
     */
    public static double corpus(List<List<String>> hypotheses, List<List<String>> references) {
        long[] matches = new long[4], totals = new long[4];
        long c = 0, r = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            c += hypotheses.get(i).size();
            r += references.get(i).size();
            for (int n = 1; n <= 4; n++) {
                long[] counts = matches(hypotheses.get(i), references.get(i), n);
                matches[n - 1] += counts[0];
                totals[n - 1] += counts[1];
            }
        }
        double logSum = 0, smoothing = 1;
        boolean anyMatch = false;
        for (int n = 0; n < 4; n++) {
            if (totals[n] == 0) return 0;
            anyMatch |= matches[n] > 0;
            if (matches[n] == 0) smoothing *= 2;
            logSum += Math.log(matches[n] == 0 ? 100 / (smoothing * totals[n]) : 100.0 * matches[n] / totals[n]);
        }
        return anyMatch ? brevityPenalty(c, r) * Math.exp(logSum / 4) : 0;
    }

    private static Map<List<String>, Integer> counts(List<String> words, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int start = 0; start + n <= words.size(); start++) counts.merge(words.subList(start, start + n), 1, Integer::sum);
        return counts;
    }
}
