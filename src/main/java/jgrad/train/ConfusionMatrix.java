package jgrad.train;

import jgrad.Shape;
import jgrad.Tensor;

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
            if (p[i] < 0 || p[i] >= classes() || a[i] < 0 || a[i] >= classes()) {
                throw new IndexOutOfBoundsException("ConfusionMatrix.add: class " + (a[i] < 0 || a[i] >= classes() ? a[i] : p[i])
                        + " outside 0.." + (classes() - 1));
            }
            counts[(int) a[i]][(int) p[i]]++;
        }
        return this;
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

    /** A per-class precision/recall/F1/support table with accuracy and macro averages, like scikit-learn's. */
    public String report() {
        var sb = new StringBuilder(String.format(Locale.ROOT, "%8s %10s %10s %10s %10s%n", "class", "precision", "recall", "f1-score", "support"));
        double sumP = 0, sumR = 0, sumF = 0;
        for (int c = 0; c < classes(); c++) {
            sb.append(String.format(Locale.ROOT, "%8d %10.4f %10.4f %10.4f %10d%n", c, precision(c), recall(c), f1(c), support(c)));
            sumP += precision(c);
            sumR += recall(c);
            sumF += f1(c);
        }
        int k = classes();
        sb.append(String.format(Locale.ROOT, "%n%8s %10s %10s %10.4f %10d%n", "accuracy", "", "", accuracy(), total()));
        sb.append(String.format(Locale.ROOT, "%8s %10.4f %10.4f %10.4f %10d%n", "macro", sumP / k, sumR / k, sumF / k, total()));
        return sb.toString();
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
