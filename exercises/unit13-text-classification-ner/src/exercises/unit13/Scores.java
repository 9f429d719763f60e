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
        // TODO(task 1): count each class's column and row, then the ratios; average the class rows plainly and by support
        throw new UnsupportedOperationException("TODO task 1");
    }
}
