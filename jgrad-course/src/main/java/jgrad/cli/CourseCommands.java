package jgrad.cli;

import jgrad.grading.Grader;
import jgrad.notebook.CellFailedException;
import jgrad.notebook.Notebook;
import jgrad.notebook.NotebookFormatException;
import jgrad.notebook.NotebookRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The course's own tools as {@code bin/jgrad} commands: the exercise grader and the notebook runner. */
public final class CourseCommands {
    private CourseCommands() {
    }

    /** Exit status of {@code grade} when grading ran but not every graded test passed. */
    public static final int NOT_ALL_PASSED = 1;

    private static final Pattern TAG = Pattern.compile("@(?:[\\w.]+\\.)?Tag\\(\"(task\\d+)\"\\)");

    @Command(name = "grade", mixinStandardHelpOptions = true,
            description = {"Grade an exercise: compile its src/ (or solution/) with its tests and score each task.",
                    "Exit status 0 when every graded test passes, 1 when some fail, 2 for a bad command line."})
    public static final class Grade implements Callable<Integer> {
        @Parameters(paramLabel = "EXERCISE_DIR", description = "the exercise folder, e.g. exercises/unit02-tensors")
        Path exercise;

        @Option(names = "--task", paramLabel = "taskN", description = "grade one task only, e.g. task2")
        String task;

        @Option(names = "--solution", description = "grade the reference solution instead of src/")
        boolean solution;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(exercise)) {
                throw new ParameterException(spec.commandLine(), "EXERCISE_DIR " + exercise + " is not a folder (looked at "
                        + exercise.toAbsolutePath() + ")");
            }
            if (task != null) {
                Set<String> tasks = tasksOf(exercise.resolve("test"));
                if (!tasks.contains(task)) {
                    throw new ParameterException(spec.commandLine(), "--task " + task + " is not a task of " + exercise
                            + "; its tasks are " + tasks);
                }
            }
            var report = Grader.forThisClassPath().grade(exercise, solution ? Grader.Variant.SOLUTION : Grader.Variant.STUDENT, task);
            report.print(System.out);
            boolean allPassed = report.compiled() && report.testCount() > 0 && report.testsPassed() == report.testCount();
            return allPassed ? 0 : NOT_ALL_PASSED;
        }

        /** The {@code @Tag("taskN")} names in an exercise's tests. */
        static Set<String> tasksOf(Path tests) throws IOException {
            var tasks = new TreeSet<String>((a, b) -> Integer.compare(Integer.parseInt(a.substring(4)), Integer.parseInt(b.substring(4))));
            if (!Files.isDirectory(tests)) {
                return tasks;
            }
            try (Stream<Path> files = Files.walk(tests)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    TAG.matcher(Files.readString(file)).results().forEach(m -> tasks.add(m.group(1)));
                }
            }
            return tasks;
        }
    }

    @Command(name = "notebooks", mixinStandardHelpOptions = true,
            description = "Run notebooks through JShell, cell by cell (with --refresh, store the new outputs in the files).")
    public static final class Notebooks implements Callable<Integer> {
        @Parameters(paramLabel = "NOTEBOOK_OR_FOLDER", arity = "1..*", description = "notebooks, or folders of them, e.g. notebooks")
        List<Path> paths;

        @Option(names = "--refresh", description = "rewrite each notebook with the outputs of this run")
        boolean refresh;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            for (Path path : paths) {
                if (!Files.exists(path)) {
                    throw new ParameterException(spec.commandLine(), path + " does not exist (looked at " + path.toAbsolutePath() + ")");
                }
            }
            var runner = NotebookRunner.forThisClassPath();
            for (Path path : paths) {
                for (Path file : NotebookRunner.notebooksIn(path)) {
                    long start = System.nanoTime();
                    try {
                        if (refresh) {
                            runner.refresh(file);
                        } else {
                            runner.run(Notebook.read(file), file.toString());
                        }
                    } catch (CellFailedException | NotebookFormatException e) {
                        System.err.println(e.getMessage());
                        return 1;
                    }
                    System.out.printf(Locale.ROOT, "%s %s (%.1f s)%n", refresh ? "refreshed" : "ran", file, (System.nanoTime() - start) / 1e9);
                }
            }
            return 0;
        }
    }
}
