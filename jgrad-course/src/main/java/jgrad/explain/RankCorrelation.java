package jgrad.explain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Spearman's rank correlation, the similarity measure of the explanation sanity checks (Adebayo et
 * al., 2018): the Pearson correlation of the ranks of two maps, so it asks "are the same pixels
 * ranked important?" regardless of scale. Ties get their mean rank. 1: same order; about 0: unrelated.
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    public static double spearman(float[] a, float[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("spearman: expected two arrays of the same length >= 2, got " + a.length + " and " + b.length);
        }
        return pearson(ranks(a), ranks(b));
    }

    static double[] ranks(float[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) end++;
            double mean = (start + end) / 2.0;
            for (int i = start; i <= end; i++) ranks[order[i]] = mean;
            start = end + 1;
        }
        return ranks;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }
}
