package exercises.unit13;

/** Unit 13 exercise, task 1: per-class precision, recall and F1 from a confusion matrix. */
public final class Scores {
    private Scores() {
    }

    /**
     * Task 1: one row per class and then the macro and weighted averages, each row
     * {@code {precision, recall, f1, support}}, as scikit-learn's {@code classification_report}
     * computes them.
     *
     * <p>{@code confusion[a][p]} counts the examples of true class {@code a} predicted as {@code p}
     * (shape {@code (C, C)}). For class {@code c}: precision = {@code confusion[c][c]} / column sum,
     * recall = {@code confusion[c][c]} / row sum (the support), F1 = {@code 2PR / (P + R)}; a ratio with
     * a zero denominator is 0. The macro row is the plain mean of the class rows, the weighted row the
     * mean weighted by support; both have the total count as their support.
     *
     * @return {@code C + 2} rows of 4 numbers: classes {@code 0..C-1}, then macro, then weighted
     */
    public static double[][] report(long[][] confusion) {
        int classes = confusion.length;
        double[][] rows = new double[classes + 2][4];
        long total = 0;
        for (long[] row : confusion) {
            for (long count : row) total += count;
        }
        for (int c = 0; c < classes; c++) {
            long predicted = 0, actual = 0;
            for (int other = 0; other < classes; other++) {
                predicted += confusion[other][c];
                actual += confusion[c][other];
            }
            double precision = ratio(confusion[c][c], predicted), recall = ratio(confusion[c][c], actual);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            rows[c] = new double[] {precision, recall, f1, actual};
            for (int m = 0; m < 3; m++) {
                rows[classes][m] += rows[c][m] / classes;
                rows[classes + 1][m] += total == 0 ? 0 : rows[c][m] * actual / total;
            }
        }
        rows[classes][3] = total;
        rows[classes + 1][3] = total;
        return rows;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
