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
        // TODO(task 1): count the n-grams of both sides, then clip each hypothesis count by the reference's
        throw new UnsupportedOperationException("TODO task 1");
    }

    /** Task 1b: the brevity penalty of {@code c} hypothesis words against {@code r} reference words: 1 if {@code c >= r}, else {@code exp(1 - r/c)}, and 0 if {@code c = 0}. */
    public static double brevityPenalty(long c, long r) {
        // TODO(task 1): three cases: c >= r, c = 0, otherwise
        throw new UnsupportedOperationException("TODO task 1");
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
        // TODO(task 1): sum the statistics over the corpus first, then the precisions, the smoothing and the geometric mean
        throw new UnsupportedOperationException("TODO task 1");
    }
}
