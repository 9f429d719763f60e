package jgrad.notebook;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.execution.LocalExecutionControlProvider;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionEnv;

/**
 * One JShell session that runs the code cells of one notebook, in this JVM.
 *
 * <p>Snippets execute in-process ({@link LocalExecutionControl}) but in a class loader of their own
 * whose parent is the platform loader: the session loads its own copy of jgrad from the class path,
 * so static state (the global random generator, the default dtype) starts fresh for every notebook
 * and no notebook can disturb another, or the program running them.
 *
 * <p>A cell's text is split into snippets with JShell's own completeness analysis, the way the
 * {@code jshell} tool splits typed input. Output is captured by pointing {@code System.out} and
 * {@code System.err} at buffers while a cell runs; that is process-wide, so cells run one at a time
 * (see {@link #LOCK}).
 */
final class JShellKernel implements AutoCloseable {
    /** Guards the process-wide {@code System.out}/{@code System.err} swap. */
    private static final Object LOCK = new Object();
    private static final int STACK_FRAMES_SHOWN = 8;

    private final JShell shell;
    private final ClassLoader snippetLoader;

    private volatile boolean stopRequested;

    /**
     * The problem that stopped a cell, with the line in the cell where it happened. {@link #kind()}
     * names it for Jupyter's error output ({@code CompileError}, {@code IncompleteCode},
     * {@code Interrupted}, or the class of the exception thrown); {@link #outputsBefore()} is what
     * the cell printed and showed before it stopped.
     */
    static final class CellError extends Exception {
        private final String kind;
        private List<CellOutput> outputsBefore = List.of();

        CellError(String kind, String message) {
            super(message);
            this.kind = kind;
        }

        String kind() {
            return kind;
        }

        List<CellOutput> outputsBefore() {
            return outputsBefore;
        }
    }

    JShellKernel(String classPath) {
        var provider = new IsolatedProvider();
        ClassLoader callerLoader = Thread.currentThread().getContextClassLoader();
        try {
            shell = JShell.builder()
                    .executionEngine(provider, Map.of())
                    .compilerOptions("--add-modules", "jdk.incubator.vector", "-Xlint:-incubating")
                    .build();
            shell.addToClasspath(classPath);
        } finally {
            // JShell's loader delegate makes itself the context loader of the thread that creates it.
            Thread.currentThread().setContextClassLoader(callerLoader);
        }
        snippetLoader = provider.snippetLoader;
    }

    /** Runs one cell and returns what it printed, showed and evaluated to, in order. */
    List<CellOutput> execute(String cellSource) throws CellError {
        synchronized (LOCK) {
            var stdout = new ByteArrayOutputStream();
            var stderr = new ByteArrayOutputStream();
            PrintStream savedOut = System.out;
            PrintStream savedErr = System.err;
            Thread thread = Thread.currentThread();
            ClassLoader savedLoader = thread.getContextClassLoader();
            String savedCapture = System.getProperty(Display.CAPTURE_PROPERTY);
            String lastValue = null;
            CellError error = null;
            stopRequested = false;
            try {
                System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
                thread.setContextClassLoader(snippetLoader);   // inherited by the snippet thread
                System.setProperty(Display.CAPTURE_PROPERTY, "true");
                lastValue = evaluate(cellSource);
            } catch (CellError e) {
                error = e;
            } finally {
                System.setOut(savedOut);
                System.setErr(savedErr);
                thread.setContextClassLoader(savedLoader);
                if (savedCapture == null) {
                    System.clearProperty(Display.CAPTURE_PROPERTY);
                } else {
                    System.setProperty(Display.CAPTURE_PROPERTY, savedCapture);
                }
            }
            var outputs = new ArrayList<CellOutput>(splitDisplays(stdout.toString(StandardCharsets.UTF_8)));
            String errText = stderr.toString(StandardCharsets.UTF_8);
            if (!errText.isEmpty()) {
                outputs.add(new CellOutput.Stream("stderr", errText));
            }
            if (error != null) {
                error.outputsBefore = List.copyOf(outputs);
                throw error;
            }
            if (lastValue != null) {
                outputs.add(new CellOutput.Result(lastValue));
            }
            return outputs;
        }
    }

    /**
     * Stops the cell that is running now, from another thread (Jupyter's interrupt): the cell ends
     * with an {@code Interrupted} {@link CellError}. Does nothing when no cell runs.
     */
    void stop() {
        stopRequested = true;
        shell.stop();
    }

    /** Whether a cell's code is ready to run, for Jupyter's {@code is_complete_request}. */
    enum Completeness { COMPLETE, INCOMPLETE, INVALID }

    /**
     * Splits the code into snippets as {@link #execute} does: complete when every snippet is (a final
     * expression may lack its semicolon), incomplete when the last one needs more text (an open
     * brace, say), invalid when JShell cannot tell where a snippet ends.
     */
    Completeness completeness(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY -> {
                    return Completeness.COMPLETE;
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return Completeness.INCOMPLETE;
                }
                case UNKNOWN -> {
                    return Completeness.INVALID;
                }
                default -> {
                }
            }
            if (info.remaining().length() >= remaining.length()) {
                return Completeness.COMPLETE;
            }
            remaining = info.remaining();
        }
    }

    /**
     * Evaluates the snippets of a cell in order and returns the value to show for the last one (or
     * null when the cell does not end in an expression, as in Jupyter).
     */
    private String evaluate(String cellSource) throws CellError {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cellSource;
        String lastValue = null;
        while (true) {
            int consumed = cellSource.length() - remaining.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY -> {
                    return lastValue;
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> throw new CellError("IncompleteCode",
                        "line " + lineOf(cellSource, consumed, remaining) + ": the code is incomplete (a missing ';', ')' or '}'?)");
                default -> {
                }
            }
            String snippet = info.source() != null ? info.source() : remaining;
            lastValue = null;
            for (SnippetEvent event : shell.eval(snippet)) {
                check(event, snippet, lineAt(cellSource, consumed), lineOf(cellSource, consumed, remaining));
                if (event.causeSnippet() == null && shows(event.snippet()) && event.value() != null) {
                    lastValue = event.value();
                }
            }
            if (stopRequested) {
                throw new CellError("Interrupted", "line " + lineOf(cellSource, consumed, remaining) + ": interrupted");
            }
            if (info.remaining().length() >= remaining.length()) {
                return lastValue;   // the analysis consumed nothing more: this snippet was the rest of the cell
            }
            remaining = info.remaining();
        }
    }

    /**
     * Throws a readable {@link CellError} for a rejected snippet or one that threw. {@code startLine}
     * is the cell line where the snippet's text begins (diagnostic positions count from there);
     * {@code codeLine} is the line of its first code, named for exceptions.
     */
    private void check(SnippetEvent event, String snippet, int startLine, int codeLine) throws CellError {
        if (event.status() == Snippet.Status.REJECTED) {
            String problems = shell.diagnostics(event.snippet())
                    .filter(Diag::isError)
                    .map(diag -> "line " + (startLine + lineWithin(snippet, diag.getStartPosition()))
                            + ": " + diag.getMessage(null))
                    .collect(Collectors.joining("\n"));
            throw new CellError("CompileError", "compile error: " + (problems.isEmpty() ? "the snippet was rejected" : problems)
                    + "\n    in: " + firstLine(snippet));
        }
        Exception exception = event.exception();
        if (exception instanceof UnresolvedReferenceException unresolved) {
            throw new CellError("UnresolvedReference", "line " + codeLine + ": " + unresolved.getSnippet().source().strip()
                    + " refers to something not yet defined");
        }
        if (exception != null) {
            throw new CellError(exceptionClass(exception), "line " + codeLine + ": " + describe(exception) + "\n    in: " + firstLine(snippet));
        }
    }

    /**
     * Whether a snippet is an expression whose value Jupyter would show: not a declaration or an
     * assignment, and not the stream that {@code System.out.printf} returns for chaining.
     */
    private static boolean shows(Snippet snippet) {
        if (snippet instanceof VarSnippet variable && variable.typeName().matches("(java\\.io\\.)?Print(Stream|Writer)")) {
            return false;
        }
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private static String exceptionClass(Exception exception) {
        return exception instanceof EvalException eval ? eval.getExceptionClassName() : exception.getClass().getName();
    }

    /** Completions of the code before the cursor: the text they replace starts at {@code start}. */
    record Completions(List<String> matches, int start) {
    }

    /**
     * What could follow the code before {@code cursor} (a UTF-16 index into {@code code}), as the
     * {@code jshell} tool offers on Tab. Only the unfinished snippet that the cursor is in is
     * analysed, so earlier statements of the cell do not confuse it.
     */
    Completions complete(String code, int cursor) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String before = code.substring(0, cursor);
        String remaining = before;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY
                    || info.remaining().isEmpty() || info.remaining().length() >= remaining.length()) {
                break;
            }
            remaining = info.remaining();
        }
        int offset = before.length() - remaining.length();
        int[] anchor = new int[1];
        List<String> matches = analysis.completionSuggestions(remaining, remaining.length(), anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new Completions(matches, offset + anchor[0]);
    }

    /** {@code Type: message} and the first stack frames, for each exception in the cause chain. */
    private static String describe(Exception exception) {
        var out = new StringBuilder();
        Throwable current = exception;
        while (current != null) {
            String type = current instanceof EvalException eval ? eval.getExceptionClassName() : current.getClass().getName();
            if (!out.isEmpty()) {
                out.append("\ncaused by: ");
            }
            out.append(type);
            if (current.getMessage() != null) {
                out.append(": ").append(current.getMessage());
            }
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, STACK_FRAMES_SHOWN); i++) {
                out.append("\n\tat ").append(frames[i]);
            }
            current = current.getCause();
        }
        return out.toString();
    }

    /** Separates image marker lines (from {@link Display}) from ordinary printed text. */
    private static List<CellOutput> splitDisplays(String printed) {
        var outputs = new ArrayList<CellOutput>();
        var text = new StringBuilder();
        for (Object item : Notebook.lines(printed)) {
            String line = (String) item;
            if (line.startsWith(Display.IMAGE_MARKER)) {
                if (!text.isEmpty()) {
                    outputs.add(new CellOutput.Stream("stdout", text.toString()));
                    text.setLength(0);
                }
                String base64 = line.substring(Display.IMAGE_MARKER.length()).strip();
                outputs.add(new CellOutput.Image(Base64.getDecoder().decode(base64)));
            } else {
                text.append(line);
            }
        }
        if (!text.isEmpty()) {
            outputs.add(new CellOutput.Stream("stdout", text.toString()));
        }
        return outputs;
    }

    /** The 1-based line in the cell where the next snippet's code starts (after leading blanks). */
    private static int lineOf(String cellSource, int consumed, String remaining) {
        return lineAt(cellSource, consumed + (remaining.length() - remaining.stripLeading().length()));
    }

    /** The 1-based line of a position in the cell. */
    private static int lineAt(String cellSource, int position) {
        return 1 + (int) cellSource.substring(0, Math.min(position, cellSource.length())).chars().filter(c -> c == '\n').count();
    }

    private static int lineWithin(String snippet, long position) {
        int end = (int) Math.max(0, Math.min(position, snippet.length()));
        return (int) snippet.substring(0, end).chars().filter(c -> c == '\n').count();
    }

    private static String firstLine(String snippet) {
        String stripped = snippet.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline) + " ...";
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Local execution whose class loader sees only the platform classes and the given class path. */
    private static final class IsolatedProvider extends LocalExecutionControlProvider {
        ClassLoader snippetLoader;

        @Override
        public ExecutionControl createExecutionControl(ExecutionEnv env, Map<String, String> parameters) {
            var control = new LocalExecutionControl(ClassLoader.getPlatformClassLoader());
            snippetLoader = Thread.currentThread().getContextClassLoader();
            return control;
        }
    }
}
