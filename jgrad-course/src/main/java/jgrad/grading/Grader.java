package jgrad.grading;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades an exercise: compiles the student's files with the graded tests, runs the tests, and
 * scores each task.
 *
 * <p>An exercise folder holds
 * <ul>
 *   <li>{@code src/} — the files a student edits, with {@code // TODO(task N)} stubs that throw
 *       {@code UnsupportedOperationException("TODO task N")}, and any helpers they use;</li>
 *   <li>{@code test/} — JUnit 5 tests, each tagged with the task it grades ({@code @Tag("task1")});</li>
 *   <li>{@code solution/} — the reference versions of the files with stubs; grading the solution
 *       means {@code src/} with these files put in place of the student's.</li>
 * </ul>
 *
 * <p>From the repository root:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit02-tensors"
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit02-tensors --task task2"
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit02-tensors --solution"
 * </pre>
 */
public final class Grader {
    private static final Pattern TASK_TAG = Pattern.compile("task\\d+");
    /** A stuck student loop fails its test instead of hanging the grader. */
    private static final String TEST_TIMEOUT = "20 s";

    private final String classPath;

    private Grader(String classPath) {
        this.classPath = classPath;
    }

    /** A grader that compiles and runs against the classes on {@code classPath}. */
    public static Grader forClassPath(String classPath) {
        return new Grader(classPath);
    }

    /** A grader that compiles and runs against this JVM's class path (jgrad and JUnit). */
    public static Grader forThisClassPath() {
        return forClassPath(System.getProperty("java.class.path"));
    }

    /** Which version of the stubbed files to grade. */
    public enum Variant { STUDENT, SOLUTION }

    /**
     * Grades one exercise.
     *
     * @param task a tag such as {@code "task2"} to run that task's tests only, or null for all
     */
    public Report grade(Path exercise, Variant variant, String task) throws IOException {
        Path sources = exercise.resolve("src");
        Path tests = exercise.resolve("test");
        if (!Files.isDirectory(sources) || !Files.isDirectory(tests)) {
            throw new IllegalArgumentException(exercise + " is not an exercise: expected folders src/ and test/ in it");
        }
        var files = new TreeMap<Path, Path>();   // path relative to the source root -> actual file
        javaFiles(sources).forEach(f -> files.put(sources.relativize(f), f));
        if (variant == Variant.SOLUTION) {
            Path solution = exercise.resolve("solution");
            if (!Files.isDirectory(solution)) {
                throw new IllegalArgumentException(exercise + " has no solution/ folder");
            }
            javaFiles(solution).forEach(f -> files.put(solution.relativize(f), f));
        }
        List<Path> testFiles = javaFiles(tests);
        var all = new ArrayList<>(files.values());
        all.addAll(testFiles);

        Path classes = Files.createTempDirectory("jgrad-grader-");
        try {
            String compileErrors = compile(all, classes);
            if (compileErrors != null) {
                return new Report(exercise, variant, List.of(), compileErrors);
            }
            var testClassNames = testFiles.stream().map(f -> className(tests.relativize(f))).toList();
            return new Report(exercise, variant, runTests(classes, testClassNames, task), null);
        } finally {
            deleteRecursively(classes);
        }
    }

    /** Compiles with javac in-process; returns the errors as text, or null when it compiled. */
    private String compile(List<Path> sourceFiles, Path outputDir) {
        var compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime; run the grader on a JDK, not a JRE");
        }
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            var units = fileManager.getJavaFileObjectsFromPaths(sourceFiles);
            var options = List.of("-d", outputDir.toString(), "-classpath", classPath, "-encoding", "UTF-8",
                    "-proc:none", "-nowarn", "-Xlint:none", "--add-modules", "jdk.incubator.vector");
            boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null, units).call();
            if (ok) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }

    /** Runs the compiled test classes on the JUnit Platform and groups the outcomes by task tag. */
    private List<TaskResult> runTests(Path classes, List<String> testClassNames, String task) throws IOException {
        try (var loader = new URLClassLoader(new URL[] {url(classes)}, Grader.class.getClassLoader())) {
            var selectors = new ArrayList<org.junit.platform.engine.DiscoverySelector>();
            for (String name : testClassNames) {
                try {
                    selectors.add(DiscoverySelectors.selectClass(loader.loadClass(name)));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("compiled test class " + name + " not found", e);
                }
            }
            var request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .configurationParameter("junit.jupiter.execution.timeout.default", TEST_TIMEOUT)
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
            if (task != null) {
                request.filters(TagFilter.includeTags(task));
            }
            Launcher launcher = LauncherFactory.create();
            TestPlan plan = launcher.discover(request.build());
            var outcomes = new LinkedHashMap<TestIdentifier, TestOutcome>();
            for (TestIdentifier root : plan.getRoots()) {
                plan.getDescendants(root).stream().filter(TestIdentifier::isTest).forEach(test -> outcomes.put(test,
                        new TestOutcome(testName(test), false, "did not run (its test class failed to start)")));
            }
            ClassLoader saved = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                launcher.execute(plan, new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                            String failure = passed ? null : result.getThrowable().map(Grader::summary).orElse("failed");
                            outcomes.put(id, new TestOutcome(testName(id), passed, failure));
                        }
                    }
                });
            } finally {
                Thread.currentThread().setContextClassLoader(saved);
            }
            var byTask = new TreeMap<String, List<TestOutcome>>(Comparator.comparing(Grader::taskOrder));
            outcomes.forEach((id, outcome) -> byTask.computeIfAbsent(taskOf(id), t -> new ArrayList<>()).add(outcome));
            return byTask.entrySet().stream().map(e -> new TaskResult(e.getKey(), List.copyOf(e.getValue()))).toList();
        }
    }

    private static String taskOf(TestIdentifier test) {
        return test.getTags().stream().map(tag -> tag.getName())
                .filter(name -> TASK_TAG.matcher(name).matches())
                .findFirst().orElse(TaskResult.UNTAGGED);
    }

    /** task2 before task10; anything untagged last. */
    private static String taskOrder(String task) {
        return TASK_TAG.matcher(task).matches() ? String.format("%08d", Integer.parseInt(task.substring(4))) : "~" + task;
    }

    private static String testName(TestIdentifier test) {
        String name = test.getDisplayName();
        return name.endsWith("()") ? name.substring(0, name.length() - 2) : name;
    }

    /** The exception's message (first lines), or its type when it has none. */
    private static String summary(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        String[] lines = message.strip().split("\n");
        String shown = String.join("\n", List.of(lines).subList(0, Math.min(lines.length, 4)));
        return failure instanceof AssertionError ? shown : failure.getClass().getSimpleName() + ": " + shown;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String className(Path relativeSource) {
        String path = relativeSource.toString().replace(relativeSource.getFileSystem().getSeparator(), ".");
        return path.substring(0, path.length() - ".java".length());
    }

    private static URL url(Path dir) {
        try {
            return dir.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Outcome of one graded test. */
    public record TestOutcome(String name, boolean passed, String failure) {
    }

    /** The graded tests of one task. */
    public record TaskResult(String task, List<TestOutcome> tests) {
        /** Tests with no {@code taskN} tag are collected under this name (and flagged by the exercise checks). */
        public static final String UNTAGGED = "untagged";

        public long passedCount() {
            return tests.stream().filter(TestOutcome::passed).count();
        }

        public boolean passed() {
            return passedCount() == tests.size();
        }
    }

    /** The result of grading: per-task outcomes, or the compiler's errors when the code did not compile. */
    public record Report(Path exercise, Variant variant, List<TaskResult> tasks, String compileErrors) {
        public boolean compiled() {
            return compileErrors == null;
        }

        public long testsPassed() {
            return tasks.stream().mapToLong(TaskResult::passedCount).sum();
        }

        public long testCount() {
            return tasks.stream().mapToLong(t -> t.tests().size()).sum();
        }

        /** Tests passed over tests run, in percent (0 when nothing compiled or ran). */
        public double score() {
            return testCount() == 0 ? 0 : 100.0 * testsPassed() / testCount();
        }

        public void print(PrintStream out) {
            String files = variant == Variant.SOLUTION ? "the reference solution" : "your files in " + exercise.resolve("src");
            out.println("Grading " + exercise + " (" + files + ")");
            out.println();
            if (!compiled()) {
                out.println("The code does not compile, so no test could run:");
                compileErrors.lines().forEach(line -> out.println("  " + line));
                out.println();
                out.println("Score: 0%");
                return;
            }
            for (TaskResult task : tasks) {
                out.printf("%-8s %s  %d/%d tests%n", task.task(), task.passed() ? "PASS" : "FAIL", task.passedCount(),
                        task.tests().size());
                for (TestOutcome test : task.tests()) {
                    if (!test.passed()) {
                        out.println("           x " + test.name() + ": " + test.failure().replace("\n", "\n             "));
                    }
                }
            }
            long tasksDone = tasks.stream().filter(TaskResult::passed).count();
            out.println();
            out.printf(Locale.ROOT, "Score: %d/%d tests passed, %d/%d tasks complete: %.0f%%%n", testsPassed(), testCount(),
                    tasksDone, tasks.size(), score());
        }
    }

    /**
     * {@code EXERCISE_DIR [--task taskN] [--solution]}: prints the report; the same as
     * {@code bin/jgrad grade} ({@link jgrad.cli.CourseCommands.Grade}), whose exit status is 0 at 100%,
     * 1 below and 2 for a bad command line.
     */
    public static void main(String[] args) {
        jgrad.cli.Cli.exit(new jgrad.cli.CourseCommands.Grade(), args);
    }
}
