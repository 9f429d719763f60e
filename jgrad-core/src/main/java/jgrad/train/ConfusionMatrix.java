package jgrad.train;

import jgrad.Shape;
import jgrad.Tensor;

import java.util.List;
import java.util.Locale;

/**
 * Counts of (true class, predicted class) pairs, and the metrics read off them: accuracy, and per
 * class precision {@code TP / (TP + FP)}, recall {@code TP / (TP + FN)} and
 * {@code F1 = 2 P R / (P + R)} (0 where a denominator is 0, as scikit-learn reports).
 *
 * <pre>{@code
 * var cm = new ConfusionMatrix(10);
 * cm.add(logits.argmax(1, false), labels);
 * System.out.println(cm.report());
 * }</pre>
 */
public final class ConfusionMatrix {
    private final long[][] counts;    // counts[actual][predicted]

    public ConfusionMatrix(int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("ConfusionMatrix: classes must be positive, got " + classes);
        }
        counts = new long[classes][classes];
    }

    public int classes() {
        return counts.length;
    }

    /** Adds int64 predictions and targets of the same shape. */
    public ConfusionMatrix add(Tensor predicted, Tensor actual) {
        if (!java.util.Arrays.equals(predicted.shape(), actual.shape())) {
            throw new IllegalArgumentException("ConfusionMatrix.add: predictions " + Shape.format(predicted.shape())
                    + " and targets " + Shape.format(actual.shape()) + " differ in shape");
        }
        long[] p = predicted.toLongArray();
        long[] a = actual.toLongArray();
        for (int i = 0; i < p.length; i++) {
            checkClasses(a[i], p[i]);
            counts[(int) a[i]][(int) p[i]]++;
        }
        return this;
    }

    /** Adds one example of true class {@code actual} predicted as {@code predicted}. */
    public ConfusionMatrix add(int actual, int predicted) {
        checkClasses(actual, predicted);
        counts[actual][predicted]++;
        return this;
    }

    private void checkClasses(long actual, long predicted) {
        if (predicted < 0 || predicted >= classes() || actual < 0 || actual >= classes()) {
            throw new IndexOutOfBoundsException("ConfusionMatrix.add: class " + (actual < 0 || actual >= classes() ? actual : predicted)
                    + " outside 0.." + (classes() - 1));
        }
    }

    /** How many examples of class {@code actual} were predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) for (long c : row) total += c;
        return total;
    }

    /** Fraction of examples on the diagonal. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < classes(); c++) correct += counts[c][c];
        return total() == 0 ? 0 : (double) correct / total();
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) predicted += row[c];
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    public double recall(int c) {
        long actual = 0;
        for (long v : counts[c]) actual += v;
        return actual == 0 ? 0 : (double) counts[c][c] / actual;
    }

    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Examples whose true class is {@code c}. */
    public long support(int c) {
        long actual = 0;
        for (long v : counts[c]) actual += v;
        return actual;
    }

    /** The per-class precision/recall/F1/support table with accuracy, macro and weighted averages, laid out like scikit-learn's, four decimals. */
    public String report() {
        return ClassificationReport.of(this).format(4);
    }

    /** {@link ClassificationReport} of this matrix with class names. */
    public ClassificationReport report(List<String> names) {
        return ClassificationReport.of(this, names);
    }

    /** The counts as a grid, rows = true class, columns = predicted class. */
    @Override
    public String toString() {
        var sb = new StringBuilder("true\\pred");
        for (int c = 0; c < classes(); c++) sb.append(String.format(Locale.ROOT, "%6d", c));
        for (int a = 0; a < classes(); a++) {
            sb.append(String.format(Locale.ROOT, "%n%9d", a));
            for (int p = 0; p < classes(); p++) sb.append(String.format(Locale.ROOT, "%6d", counts[a][p]));
        }
        return sb.toString();
    }
}
