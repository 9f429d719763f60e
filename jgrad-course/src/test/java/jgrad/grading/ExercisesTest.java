package jgrad.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves every exercise's grader both ways: the graded tests all pass against the reference
 * solution, and all fail against the untouched student stubs (a grader that passes stubs grades
 * nothing). Also checks that every graded test is tagged with a task and every task has a stub.
 */
class ExercisesTest {
    private final Grader grader = Grader.forThisClassPath();

    @TestFactory
    Stream<DynamicContainer> everyExerciseGradesBothWays() throws IOException {
        List<Path> exercises;
        try (Stream<Path> dirs = Files.list(Path.of("exercises"))) {
            exercises = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(exercises).as("exercise folders under exercises/").isNotEmpty();
        return exercises.stream().map(exercise -> DynamicContainer.dynamicContainer(exercise.toString(), Stream.of(
                DynamicTest.dynamicTest("the reference solution passes every graded test", () -> solutionPasses(exercise)),
                DynamicTest.dynamicTest("the untouched stubs fail every graded test", () -> stubsFail(exercise)))));
    }

    private void solutionPasses(Path exercise) throws IOException {
        Grader.Report report = grader.grade(exercise, Grader.Variant.SOLUTION, null);
        assertThat(report.compileErrors()).as("compiler errors for the solution of " + exercise).isNull();
        assertThat(report.tasks()).as("tasks of " + exercise).isNotEmpty();
        assertThat(report.tasks()).extracting(Grader.TaskResult::task)
                .as("every graded test of %s carries a @Tag(\"taskN\")", exercise)
                .doesNotContain(Grader.TaskResult.UNTAGGED);
        for (Grader.TaskResult task : report.tasks()) {
            assertThat(task.tests()).filteredOn(test -> !test.passed())
                    .as("graded tests of %s %s that fail against the solution", exercise, task.task())
                    .isEmpty();
        }
    }

    private void stubsFail(Path exercise) throws IOException {
        Grader.Report report = grader.grade(exercise, Grader.Variant.STUDENT, null);
        assertThat(report.compileErrors()).as("the stubs of " + exercise + " must compile").isNull();
        String stubs = allSources(exercise.resolve("src"));
        for (Grader.TaskResult task : report.tasks()) {
            String number = task.task().substring("task".length());
            assertThat(stubs).as("a // TODO(task %s) stub in %s/src", number, exercise).contains("TODO(task " + number + ")");
            assertThat(task.tests()).filteredOn(Grader.TestOutcome::passed)
                    .as("graded tests of %s %s that pass against the untouched stubs", exercise, task.task())
                    .isEmpty();
        }
    }

    @Test
    void oneTaskCanBeGradedAlone() throws IOException {
        Grader.Report report = grader.grade(Path.of("exercises/unit02-tensors"), Grader.Variant.SOLUTION, "task2");
        assertThat(report.tasks()).extracting(Grader.TaskResult::task).containsExactly("task2");
    }

    @Test
    void theReportShowsEachTaskAndTheScore() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        grader.grade(Path.of("exercises/unit02-tensors"), Grader.Variant.STUDENT, "task1")
                .print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("task1    FAIL  0/4 tests")
                .contains("UnsupportedOperationException: TODO task 1")
                .contains("Score: 0/4 tests passed, 0/1 tasks complete: 0%");
    }

    @Test
    void codeThatDoesNotCompileScoresZeroWithTheCompilerMessage(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path exercise = dir.resolve("broken");
        Files.createDirectories(exercise.resolve("src/p"));
        Files.createDirectories(exercise.resolve("test/p"));
        Files.writeString(exercise.resolve("src/p/A.java"), "package p; public class A { int f() { return \"x\"; } }");
        Files.writeString(exercise.resolve("test/p/ATest.java"), "package p; class ATest {}");

        Grader.Report report = grader.grade(exercise, Grader.Variant.STUDENT, null);

        assertThat(report.compiled()).isFalse();
        assertThat(report.compileErrors()).contains("A.java:1").contains("incompatible types");
        assertThat(report.score()).isZero();
    }

    private static String allSources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
