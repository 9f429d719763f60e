package jgrad.train;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-class precision, recall, F1 and support with their macro and weighted averages, computed and
 * printed as scikit-learn's {@code classification_report} does (with {@code labels} = every class of
 * the matrix, {@code zero_division=0}):
 * <pre>
 *   precision_c = TP_c / (TP_c + FP_c)      recall_c = TP_c / (TP_c + FN_c)      support_c = TP_c + FN_c
 *   F1_c        = 2 P_c R_c / (P_c + R_c)   (0 where a denominator is 0)
 *   macro avg   = mean over classes                  weighted avg = sum_c support_c * metric_c / sum_c support_c
 *   accuracy    = sum_c TP_c / N   (what sklearn's "micro avg" is when every example has one class)
 * </pre>
 * Note that the weighted-average recall equals the accuracy, and that the macro F1 is the mean of
 * the per-class F1s, not the F1 of the macro precision and recall.
 *
 * <pre>{@code
 * var report = ClassificationReport.of(matrix, List.of("computers", "politics", "science"));
 * System.out.print(report);          // the table, two decimals, laid out like sklearn's
 * report.macro().f1();               // a number to assert on or plot
 * }</pre>
 *
 * @param names    class names in class order
 * @param classes  one row per class
 * @param accuracy fraction of examples on the diagonal
 * @param macro    unweighted mean of the class rows (support: all examples)
 * @param weighted support-weighted mean of the class rows (support: all examples)
 */
public record ClassificationReport(List<String> names, List<Scores> classes, double accuracy, Scores macro, Scores weighted) {

    /** Precision, recall and F1 of a class or an average, with its support (number of true examples). */
    public record Scores(double precision, double recall, double f1, long support) {
    }

    /** The report of {@code matrix}, classes named {@code names} (one per class). */
    public static ClassificationReport of(ConfusionMatrix matrix, List<String> names) {
        if (names.size() != matrix.classes()) {
            throw new IllegalArgumentException("ClassificationReport: " + names.size() + " names for "
                    + matrix.classes() + " classes");
        }
        var rows = new ArrayList<Scores>();
        long total = matrix.total();
        double[] macro = new double[3], weighted = new double[3];
        for (int c = 0; c < matrix.classes(); c++) {
            var row = new Scores(matrix.precision(c), matrix.recall(c), matrix.f1(c), matrix.support(c));
            rows.add(row);
            double[] values = {row.precision(), row.recall(), row.f1()};
            for (int m = 0; m < 3; m++) {
                macro[m] += values[m] / matrix.classes();
                weighted[m] += total == 0 ? 0 : values[m] * row.support() / total;
            }
        }
        return new ClassificationReport(List.copyOf(names), List.copyOf(rows), matrix.accuracy(),
                new Scores(macro[0], macro[1], macro[2], total), new Scores(weighted[0], weighted[1], weighted[2], total));
    }

    /** Classes named {@code "0"}, {@code "1"}, ... */
    public static ClassificationReport of(ConfusionMatrix matrix) {
        var names = new ArrayList<String>();
        for (int c = 0; c < matrix.classes(); c++) names.add(String.valueOf(c));
        return of(matrix, names);
    }

    /**
     * The table exactly as sklearn prints it with {@code digits} decimals: names right-aligned to the
     * longest of the names and "weighted avg", each number in a column of 9 after a space, a blank
     * line after the header and after the class rows. Numbers are rounded like Python's format, the
     * exact binary value half to even (0.125 prints as 0.12, not 0.13).
     */
    public String format(int digits) {
        int width = Math.max("weighted avg".length(), digits);
        for (String name : names) width = Math.max(width, name.length());
        var out = new StringBuilder();
        out.append(pad("", width)).append(' ');
        for (String header : List.of("precision", "recall", "f1-score", "support")) out.append(' ').append(pad(header, 9));
        out.append("\n\n");
        for (int c = 0; c < classes.size(); c++) row(out, names.get(c), classes.get(c), width, digits);
        out.append('\n');
        out.append(pad("accuracy", width)).append(' ').append(' ').append(pad("", 9)).append(' ').append(pad("", 9))
                .append(' ').append(pad(decimal(accuracy, digits), 9)).append(' ').append(pad(String.valueOf(macro.support()), 9)).append('\n');
        row(out, "macro avg", macro, width, digits);
        row(out, "weighted avg", weighted, width, digits);
        return out.toString();
    }

    /** {@link #format(int)} with sklearn's default of two decimals. */
    @Override
    public String toString() {
        return format(2);
    }

    private static void row(StringBuilder out, String name, Scores scores, int width, int digits) {
        out.append(pad(name, width)).append(' ');
        for (double value : new double[] {scores.precision(), scores.recall(), scores.f1()}) {
            out.append(' ').append(pad(decimal(value, digits), 9));
        }
        out.append(' ').append(pad(String.valueOf(scores.support()), 9)).append('\n');
    }

    /** Python's {@code format(value, '.Nf')}: the exact binary value rounded half to even. */
    static String decimal(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
