package jgrad;

import java.util.Arrays;

/**
 * The element comparison behind every check of gradients: {@link Gradcheck} (analytic against
 * numeric), the module checks of the test suite (parameters perturbed in place) and the parity
 * tests (jgrad against PyTorch). It compares pairs of values one element at a time, keeps the worst,
 * and fails on what a bare {@code |a - b| <= tolerance} would let through:
 * <ul>
 *   <li>NaN or infinity on either side ({@code |inf - 2|} is no error measure at all, and a NaN
 *       difference is never "larger" than another);</li>
 *   <li>a gradient that backward never produced ({@link #missing});</li>
 *   <li>a check with no elements: it proves nothing.</li>
 * </ul>
 * For finite values, {@code relativeError = |a - b| / max(1e-8, |a| + |b|)} and
 * {@code absoluteError = |a - b|}; an element passes when either is within its tolerance (a
 * relative tolerance of 0 means "absolute only"). The worst element is the one with the largest
 * {@code min(relativeError / relativeTolerance, absoluteError / absoluteTolerance)}.
 */
public final class GradientComparison {
    private final double relativeTolerance;
    private final double absoluteTolerance;

    private double worstScore = -1;
    private int worstInput = -1;
    private int[] worstIndex = new int[0];
    private double worstActual, worstExpected, worstRelative, worstAbsolute;
    private String problem;
    private int elements;

    /** Pass when {@code relativeError <= relativeTolerance} or {@code absoluteError <= absoluteTolerance}. */
    public GradientComparison(double relativeTolerance, double absoluteTolerance) {
        if (!(relativeTolerance >= 0) || !(absoluteTolerance >= 0)) {
            throw new IllegalArgumentException("GradientComparison: tolerances must be >= 0, got relative "
                    + relativeTolerance + " and absolute " + absoluteTolerance);
        }
        this.relativeTolerance = relativeTolerance;
        this.absoluteTolerance = absoluteTolerance;
    }

    /** Gradcheck's tolerances: relative {@value Gradcheck#RELATIVE_TOLERANCE} or absolute {@value Gradcheck#ABSOLUTE_TOLERANCE}. */
    public static GradientComparison gradcheck() {
        return new GradientComparison(Gradcheck.RELATIVE_TOLERANCE, Gradcheck.ABSOLUTE_TOLERANCE);
    }

    /** Compares every element of two tensors of the same shape, e.g. a gradient and the value it should have. */
    public void compare(int input, Tensor actual, Tensor expected) {
        if (actual == null) {
            missing(input);
            return;
        }
        if (!Arrays.equals(actual.shape(), expected.shape())) {
            fail("input " + input + " has shape " + Shape.format(actual.shape()) + ", expected " + Shape.format(expected.shape()));
            return;
        }
        double[] a = actual.toDoubleArray(), e = expected.toDoubleArray();
        for (int j = 0; j < a.length; j++) {
            compare(input, Shape.unravel(j, actual.shape()), a[j], e[j]);
        }
    }

    /** Compares one element: {@code actual} (e.g. the analytic gradient) against {@code expected} (e.g. the numeric one). */
    public void compare(int input, int[] index, double actual, double expected) {
        elements++;
        double absoluteError = Math.abs(actual - expected);
        double relativeError = absoluteError / Math.max(1e-8, Math.abs(actual) + Math.abs(expected));
        double score;
        if (!Double.isFinite(actual) || !Double.isFinite(expected)) {
            score = Double.POSITIVE_INFINITY;                     // nothing to measure: fails, and is the worst
            relativeError = absoluteError = Double.POSITIVE_INFINITY;
        } else {
            double byRelative = relativeTolerance == 0 ? Double.POSITIVE_INFINITY : relativeError / relativeTolerance;
            double byAbsolute = absoluteTolerance == 0 ? (absoluteError == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : absoluteError / absoluteTolerance;
            score = Math.min(byRelative, byAbsolute);
        }
        if (score > worstScore || worstInput < 0) {
            worstScore = score;
            worstInput = input;
            worstIndex = index.clone();
            worstActual = actual;
            worstExpected = expected;
            worstRelative = relativeError;
            worstAbsolute = absoluteError;
        }
    }

    /** Records that input {@code input} has no gradient at all: backward never reached it. */
    public void missing(int input) {
        fail("input " + input + " has no gradient (backward never reached it: detached, or not used?)");
    }

    /** The verdict: passed only if at least one element was compared, all were finite and within tolerance, and none was missing. */
    public Gradcheck.Result result() {
        String why = problem;
        if (why == null && elements == 0) {
            why = "no elements to check";
        } else if (why == null && worstScore == Double.POSITIVE_INFINITY) {
            why = "a value is not finite (" + worstActual + " vs " + worstExpected + ")";
        }
        boolean passed = why == null && worstScore <= 1;
        return new Gradcheck.Result(passed, worstInput, worstIndex, worstActual, worstExpected, worstRelative, worstAbsolute,
                elements, why);
    }

    private void fail(String why) {
        if (problem == null) {
            problem = why;
        }
    }
}
