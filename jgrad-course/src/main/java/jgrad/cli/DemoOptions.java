package jgrad.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options many demos share, each a picocli mixin: a command adds one with
 * {@code @Mixin Epochs epochs = new Epochs(12);} and reads {@code epochs.value}. The name, the
 * range check and the help text are written here once; the default is the command's own, given
 * to the constructor (picocli shows a mixin field's starting value as its {@code ${DEFAULT-VALUE}}).
 * {@code --threads}, {@code --backend} and {@code --kernels} are not here: {@link Launcher}
 * declares them once for every command.
 */
final class DemoOptions {
    private DemoOptions() {
    }

    /** {@code --epochs N}: passes over the training data. */
    static final class Epochs {
        @Option(names = "--epochs", paramLabel = "<epochs>", converter = Checks.Count.class,
                description = "passes over the data (default: ${DEFAULT-VALUE})")
        int value;

        Epochs(int defaultValue) {
            value = defaultValue;
        }
    }

    /** {@code --steps N}: optimiser steps. */
    static final class Steps {
        @Option(names = "--steps", paramLabel = "<steps>", converter = Checks.Count.class,
                description = "training steps (default: ${DEFAULT-VALUE})")
        int value;

        Steps(int defaultValue) {
            value = defaultValue;
        }
    }

    /** {@code --out DIR}: where the demo writes its files. */
    static final class OutputFolder {
        @Option(names = "--out", paramLabel = "<out>", description = "output folder (default: ${DEFAULT-VALUE})")
        Path value;

        OutputFolder(String defaultValue) {
            value = Path.of(defaultValue);
        }
    }

    /** {@code --seed N}: the random seed, 0 unless given, as in every demo that takes one. */
    static final class Seed {
        @Option(names = "--seed", paramLabel = "<seed>", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
        int value;
    }
}
