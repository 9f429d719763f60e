package jgrad.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jgrad.Gradcheck;

/**
 * Keeps, per op family, the worst gradient check of the run. {@link GradcheckSummaryHook} prints the
 * table when jqwik has run every property, and writes it to {@code target/gradcheck-summary.txt}.
 *
 * <p>"Worst" is Gradcheck's own measure: the element that used the largest share of its tolerance,
 * {@code min(relErr / 1e-5, absErr / 1e-7)}. For gradients that are (near) zero, e.g. relu where
 * x &lt; 0, the relative error of that element can be large while its absolute error is tiny; the
 * table shows both so such rows read correctly.
 */
public final class GradcheckRecorder {
    private GradcheckRecorder() {
    }

    private record Worst(int checks, long elements, Gradcheck.Result result, double toleranceUsed) {
    }

    private static final Map<String, Worst> WORST = new TreeMap<>();

    /** Records one check of {@code family}; checks over zero elements count but cannot be worst. */
    public static synchronized void record(String family, Gradcheck.Result result) {
        double used = result.elementsChecked() == 0 ? 0
                : Math.min(result.relativeError() / Gradcheck.RELATIVE_TOLERANCE,
                        result.absoluteError() / Gradcheck.ABSOLUTE_TOLERANCE);
        Worst previous = WORST.get(family);
        if (previous == null) {
            WORST.put(family, new Worst(1, result.elementsChecked(), result, used));
            return;
        }
        boolean worse = used > previous.toleranceUsed() || previous.result().elementsChecked() == 0;
        WORST.put(family, new Worst(previous.checks() + 1, previous.elements() + result.elementsChecked(),
                worse && result.elementsChecked() > 0 ? result : previous.result(),
                Math.max(used, previous.toleranceUsed())));
    }

    /** The table, one row per family, alphabetical. */
    public static synchronized String summary() {
        var sb = new StringBuilder();
        sb.append("Gradcheck summary (worst element per op family; pass: rel <= 1e-5 or abs <= 1e-7)\n");
        sb.append(String.format(Locale.ROOT, "%-28s %7s %9s %12s %12s %9s%n",
                "op family", "checks", "elements", "rel. error", "abs. error", "tol. used"));
        for (var entry : WORST.entrySet()) {
            Worst w = entry.getValue();
            Gradcheck.Result r = w.result();
            sb.append(String.format(Locale.ROOT, "%-28s %7d %9d %12.3e %12.3e %9.2e%n",
                    entry.getKey(), w.checks(), w.elements(), r.relativeError(), r.absoluteError(), w.toleranceUsed()));
        }
        return sb.toString();
    }

    /** Prints the table and writes it under {@code target/} (when that folder exists); nothing when no check ran. */
    static synchronized void publishSummary() {
        if (WORST.isEmpty()) {
            return;
        }
        String table = summary();
        System.out.print(table);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            try {
                Files.writeString(target.resolve("gradcheck-summary.txt"), table);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
