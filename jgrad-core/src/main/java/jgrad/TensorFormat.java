package jgrad;

import java.util.Locale;

/**
 * Prints tensors the way PyTorch does, so output in JShell looks familiar:
 *
 * <pre>
 * tensor([[ 0.1940,  2.1614, -0.1721],
 *         [ 0.8491, -1.9244,  0.6530]], requires_grad=True)
 * </pre>
 *
 * Tensors with more than {@value #SUMMARY_THRESHOLD} elements show the first and last
 * {@value #EDGE_ITEMS} entries of each dim around "..." and add their shape; non-default dtypes
 * and the producing op are appended.
 */
final class TensorFormat {
    private TensorFormat() {
    }

    static final int SUMMARY_THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;
    private static final String PREFIX = "tensor(";

    static String format(Tensor t) {
        boolean summarize = t.numel() > SUMMARY_THRESHOLD;
        Tensor values = t.detach();
        String body = t.numel() == 0 && t.dim() > 0 ? "[]" : block(values, elementFormat(values), summarize, PREFIX.length());
        var sb = new StringBuilder(PREFIX).append(body);
        if (summarize || (t.numel() == 0 && t.dim() > 0)) {
            sb.append(", shape=").append(Shape.format(t.shapeRef()));
        }
        if (t.dtype() != Jgrad.defaultDtype() && t.dtype() != DType.INT64 && t.dtype() != DType.BOOL) {
            sb.append(", dtype=").append(t.dtype());
        }
        if (t.gradFn() != null) {
            sb.append(", grad_fn=").append(t.gradFn());
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    /** Brackets for one dim, recursing into the next; {@code indent} is the column of this bracket's contents. */
    private static String block(Tensor t, ElementFormat f, boolean summarize, int indent) {
        if (t.dim() == 0) {
            return f.format(t.item());
        }
        int size = t.size(0);
        boolean elide = summarize && size > 2 * EDGE_ITEMS;
        String separator = t.dim() == 1 ? ", " : "," + "\n".repeat(t.dim() - 1) + " ".repeat(indent + 1);
        var sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            if (elide && i == EDGE_ITEMS) {
                sb.append("...").append(separator);
                i = size - EDGE_ITEMS;
            }
            sb.append(block(t.select(0, i), f, summarize, indent + 1));
            if (i < size - 1) {
                sb.append(separator);
            }
        }
        return sb.append(']').toString();
    }

    /** One format for every element, so columns line up. */
    private record ElementFormat(DType type, String pattern, int width) {
        String format(double v) {
            String text = switch (type) {
                case BOOL -> v != 0 ? "True" : "False";
                case INT64 -> Long.toString((long) v);
                default -> !Double.isFinite(v) ? (Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf")
                        : pattern.isEmpty() ? String.format(Locale.ROOT, "%.0f.", v) : String.format(Locale.ROOT, pattern, v);
            };
            return " ".repeat(Math.max(0, width - text.length())) + text;
        }
    }

    private static ElementFormat elementFormat(Tensor t) {
        double[] values = t.toDoubleArray();
        boolean integral = true;
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            integral &= v == Math.rint(v);
            maxAbs = Math.max(maxAbs, Math.abs(v));
            if (v != 0) minAbs = Math.min(minAbs, Math.abs(v));
        }
        String pattern;
        if (!t.dtype().isFloatingPoint() || (integral && maxAbs < 1e8)) {
            pattern = "";
        } else if (maxAbs >= 1e8 || (minAbs < 1e-4) || (minAbs != Double.POSITIVE_INFINITY && maxAbs / minAbs > 1000)) {
            pattern = "%.4e";
        } else {
            pattern = "%.4f";
        }
        var probe = new ElementFormat(t.dtype(), pattern, 0);
        int width = 0;
        for (double v : values) {
            width = Math.max(width, probe.format(v).length());
        }
        return new ElementFormat(t.dtype(), pattern, width);
    }
}
