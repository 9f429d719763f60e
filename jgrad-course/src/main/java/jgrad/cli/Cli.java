package jgrad.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Runs a picocli command the way every jgrad command runs: a user's mistake (a misspelt option,
 * a value of the wrong type or out of range, a missing file) is one line naming the option or the
 * path, a suggestion where picocli has one, and exit status 2; never a stack trace. A bug in jgrad
 * still shows its stack trace, because that is what a bug report needs.
 */
public final class Cli {
    /** Exit status for a command line the program cannot run: bad options, missing files. */
    public static final int USAGE_ERROR = 2;

    private Cli() {
    }

    /** The command line for {@code command}, with jgrad's error handling; for tests and the launcher. */
    public static CommandLine commandLine(Object command) {
        var commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (!isUserMistake(exception)) {
                throw exception;
            }
            failed.getErr().println(failed.getColorScheme().errorText(failed.getCommandName() + ": " + describe(exception)));
            return USAGE_ERROR;
        });
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println(failed.getColorScheme().errorText(failed.getCommandName() + ": " + exception.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(exception, err)) {
                err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            }
            return USAGE_ERROR;
        });
        return commandLine;
    }

    /** Parses {@code args} into {@code command}, runs it and returns the exit status. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** {@link #execute}, then exits the JVM with its status: the body of a {@code main}. */
    public static void exit(Object command, String... args) {
        System.exit(execute(command, args));
    }

    /**
     * Fails with a usage error naming the option and the path unless {@code path} is a readable
     * regular file. Call it at the start of {@code call()}.
     */
    public static Path requireFile(CommandLine commandLine, String option, Path path) {
        if (path != null && !java.nio.file.Files.isRegularFile(path)) {
            String what = java.nio.file.Files.isDirectory(path) ? "is a directory, not a file" : "does not exist";
            throw new ParameterException(commandLine, option + " " + path + " " + what
                    + " (looked at " + path.toAbsolutePath() + ")");
        }
        return path;
    }

    /** Prints where a command left its files: the last line of every command that writes some. */
    public static void printOutputFolder(Path folder) {
        System.out.println("output folder: " + folder.toAbsolutePath().normalize());
    }

    /** Exceptions that mean the user asked for something impossible, not that jgrad is broken. */
    private static boolean isUserMistake(Exception exception) {
        return exception instanceof IllegalArgumentException || exception instanceof NoSuchFileException
                || exception instanceof FileNotFoundException || exception instanceof AccessDeniedException;
    }

    private static String describe(Exception exception) {
        if (exception instanceof NoSuchFileException missing) {
            return "file not found: " + missing.getFile();
        }
        if (exception instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        return exception.getMessage();
    }
}
