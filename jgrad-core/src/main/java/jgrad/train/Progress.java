package jgrad.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress display for a loop of known length: on a terminal one line redrawn in place
 * ({@code epoch 2/5 [=========>          ] 118/235  41.3 it/s  ETA 0:03  loss 0.2170}); when output
 * goes to a file or a pipe, plain lines at every 25% so logs stay readable.
 */
public final class Progress {
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final int total;
    private final long startNanos;
    private int done;
    private int nextPlainQuarter = 1;

    /** {@code terminal} selects the redrawn bar; {@link #isTerminal()} tells whether stdout is one. */
    public Progress(PrintStream out, boolean terminal, String label, int total) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = Math.max(total, 1);
        this.startNanos = System.nanoTime();
    }

    /** True when standard output is an interactive terminal. */
    public static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    /** Records one finished step with the current loss. */
    public void step(double loss) {
        done++;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        String status = String.format(Locale.ROOT, "%d/%d  %.1f it/s  ETA %s  loss %.4f", done, total, rate,
                clock((total - done) / rate), loss);
        if (terminal) {
            int filled = (int) ((long) BAR_WIDTH * done / total);
            String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
            out.print("\r" + label + " [" + bar + "] " + status + "   ");
            if (done >= total) out.println();
            out.flush();
        } else if (done * 4 >= nextPlainQuarter * total) {
            while (done * 4 >= nextPlainQuarter * total) nextPlainQuarter++;
            out.println(label + " " + status);
        }
    }

    /** {@code m:ss} (or {@code h:mm:ss}). */
    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
