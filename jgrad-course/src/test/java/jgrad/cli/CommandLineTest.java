package jgrad.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's command line, parsed and checked without training anything: every mistake a
 * user makes is one line naming the option (exit status 2, no stack trace), and every command
 * documents its options with their defaults.
 */
class CommandLineTest {

    /** What a command printed and its exit status. */
    record Result(int status, String out, String err) {
    }

    /** Runs {@code bin/jgrad ARGS} in this JVM, capturing picocli's output. */
    static Result run(String... args) {
        CommandLine commandLine = Cli.commandLine(new Launcher());
        var out = new StringWriter();
        var err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int status = commandLine.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @TempDir
    Path dir;

    @Test
    void aMisspeltOptionIsRejectedWithASuggestionInsteadOfRunningTheDefault() {
        var result = run("text", "--step", "50");
        assertThat(result.status()).isEqualTo(Cli.USAGE_ERROR);
        assertThat(result.err()).contains("Unknown options: '--step', '50'").contains("Possible solutions: --steps");
    }

    @Test
    void aValueOutsideTheChoicesIsNamed() {
        var result = run("text", "--model", "transformer");
        assertThat(result.status()).isEqualTo(Cli.USAGE_ERROR);
        assertThat(result.err()).contains("Invalid value for option '--model': expected one of [gpt, lstm]").contains("'transformer'");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsOption() {
        assertThat(run("train", "--epochs", "three").err()).contains("Invalid value for option '--epochs': 'three' is not a whole number");
        assertThat(run("fashion", "--lr", "fast").err()).contains("Invalid value for option '--lr': 'fast' is not a number");
    }

    @Test
    void rangesAreChecked() {
        assertThat(run("text", "--lr", "Infinity").err()).contains("'--lr': Infinity is not a finite number above 0");
        assertThat(run("detection", "--batch", "-4").err()).contains("'--batch': -4 is not a count of at least 1");
        assertThat(run("text", "--dropout", "1.5").err()).contains("'--dropout': 1.5 is not a probability in [0, 1)");
        assertThat(run("serve", "--port", "70000").err()).contains("'--port': 70000 is not a port in 0..65535");
        assertThat(run("text", "--threads", "0").err()).contains("'--threads': 0 is not a count of at least 1");
        assertThat(run("sort", "--backend", "gpu").err()).contains("'--backend': expected one of [java, openblas, cublas]");
        assertThat(run("rl", "--env", "MountainCar-v9").err()).contains("--env MountainCar-v9 is not an environment; known: [");
    }

    @Test
    void aMissingFileIsNamedWithItsPath() {
        Path missing = dir.resolve("no-such-text.txt");
        var result = run("text", "--data", missing.toString());
        assertThat(result.status()).isEqualTo(Cli.USAGE_ERROR);
        assertThat(result.err()).contains("--data " + missing + " does not exist").doesNotContain("Exception");
        assertThat(run("recsys", "--movielens", missing.toString()).err()).contains("--movielens " + missing + " does not exist");
        assertThat(run("notebooks", missing.toString()).err()).contains(missing + " does not exist");
        assertThat(run("grade", missing.toString()).err()).contains("EXERCISE_DIR " + missing + " is not a folder");
    }

    @Test
    void theGraderRejectsATaskTheExerciseDoesNotHave() throws Exception {
        Path exercise = dir.resolve("unit99-example");
        Files.createDirectories(exercise.resolve("test"));
        Files.writeString(exercise.resolve("test/ExampleTest.java"),
                "class ExampleTest { @org.junit.jupiter.api.Tag(\"task1\") void a() {} @Tag(\"task2\") void b() {} }");
        var result = run("grade", exercise.toString(), "--task", "task7");
        assertThat(result.status()).isEqualTo(Cli.USAGE_ERROR);
        assertThat(result.err()).contains("--task task7 is not a task of " + exercise + "; its tasks are [task1, task2]");
    }

    @Test
    void theRuntimeOptionsSetTheSystemPropertiesTheKernelsRead() {
        String before = System.getProperty("jgrad.kernels");
        try {
            // --help stops before the command runs, after the options were applied.
            assertThat(run("sort", "--kernels", "reference", "--help").status()).isZero();
            assertThat(System.getProperty("jgrad.kernels")).isEqualTo("reference");
        } finally {
            if (before == null) {
                System.clearProperty("jgrad.kernels");
            } else {
                System.setProperty("jgrad.kernels", before);
            }
        }
    }

    @Test
    void theSharedOptionsReachTheDemoWithEachCommandsOwnDefault() {
        var sort = new DemoCommands.Sort();
        Cli.commandLine(sort).parseArgs();
        assertThat(sort.arguments()).containsExactly("600");
        Cli.commandLine(sort).parseArgs("--steps", "7");
        assertThat(sort.arguments()).containsExactly("7");

        var detection = new DemoCommands.Detection();
        Cli.commandLine(detection).parseArgs("--seed", "5");
        assertThat(detection.arguments()).containsSubsequence("--epochs", "12").containsSubsequence("--seed", "5")
                .containsSubsequence("--out", "runs/detection");
        assertThat(detection.outputFolder()).isEqualTo(Path.of("runs/detection"));
    }

    @Test
    void everyCommandDescribesItselfAndShowsItsDefaults() {
        var top = run("--help");
        assertThat(top.status()).isZero();
        var commands = Cli.commandLine(new Launcher()).getSubcommands();
        assertThat(commands.keySet()).contains("train", "eval", "digits", "text", "grade", "notebooks", "fashion", "rl");
        commands.forEach((name, command) -> {
            assertThat(command.getCommandSpec().usageMessage().description()).as(name + " description").isNotEmpty();
            assertThat(top.out()).as("bin/jgrad --help lists " + name).contains("  " + name + " ");
            var help = run(name, "--help");
            assertThat(help.status()).as(name + " --help").isZero();
            String text = help.out().replaceAll("\\s+", " ");
            command.getCommandSpec().options().stream()
                    .filter(o -> o.defaultValue() != null && !o.usageHelp() && !o.versionHelp())
                    .forEach(o -> assertThat(text).as(name + " " + o.longestName() + " shows its default")
                            .contains("(default: " + o.defaultValue() + ")"));
            // The shared options (DemoOptions) take each command's default as the mixin's starting value.
            command.getCommandSpec().mixins().values().stream()
                    .flatMap(mixin -> mixin.options().stream())
                    .filter(o -> !o.usageHelp() && !o.versionHelp())
                    .forEach(o -> assertThat(text).as(name + " " + o.longestName() + " shows its own default")
                            .contains("(default: " + o.defaultValueString() + ")"));
        });
        assertThat(run("text", "--help").out()).contains("--steps=<steps>").contains("training steps (default: 2000)");
    }
}
