package jgrad.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Locale;

/**
 * {@code bin/jgrad}: one command line for every demo, training run, benchmark, the grader and the
 * notebook runner. {@code bin/jgrad --help} lists the commands; {@code bin/jgrad COMMAND --help}
 * lists a command's options with their defaults.
 *
 * <p>{@code --threads}, {@code --backend} and {@code --kernels} work with every command: they set
 * {@code jgrad.threads}, {@code jgrad.backend} and {@code jgrad.kernels} before any jgrad class reads
 * them (those are read once, when the class that uses them loads, which is after parsing).
 */
@Command(name = "jgrad", mixinStandardHelpOptions = true, version = "jgrad 0.1.0",
        description = "Deep learning from scratch in pure Java: the course's demos, training runs, grader and notebooks.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands (bin/jgrad COMMAND --help shows a command's options):%n",
        footer = {"", "Example: bin/jgrad text --steps 500 --threads 2"},
        subcommands = {
                Main.Train.class, Main.Eval.class,
                DemoCommands.Digits.class, DemoCommands.Micrograd.class, DemoCommands.Sort.class, DemoCommands.Addition.class,
                jgrad.examples.TextTrain.class, DemoCommands.Dates.class, DemoCommands.DateTransformer.class, DemoCommands.GettextTranslation.class,
                DemoCommands.Fortunes.class, DemoCommands.Ner.class, DemoCommands.Tang.class, DemoCommands.Bpe.class,
                DemoCommands.BertPretrain.class, DemoCommands.BertFineTune.class,
                DemoCommands.Rl.class, DemoCommands.RlApps.class,
                DemoCommands.Fashion.class, DemoCommands.Detection.class, DemoCommands.Segmentation.class,
                DemoCommands.Generation.class, DemoCommands.Tracking.class,
                DemoCommands.Serve.class, DemoCommands.LoadTest.class, DemoCommands.Quant.class, DemoCommands.Recsys.class,
                DemoCommands.Explain.class, DemoCommands.Cifar.class, DemoCommands.CustomerService.class,
                DemoCommands.TrackingAnalysis.class,
                DemoCommands.Backends.class, DemoCommands.GpuCheck.class, DemoCommands.SequenceBenchmark.class,
                DemoCommands.Gpt2Benchmark.class, DemoCommands.EnvBenchmark.class,
                DemoCommands.CourseFigures.class, DemoCommands.SequenceFigures.class, DemoCommands.VisionFigures.class,
                CourseCommands.Grade.class, CourseCommands.Notebooks.class,
        })
public final class Launcher implements Runnable {
    /** The backends {@code --backend} accepts, as {@code jgrad.nativ.Backends} names them. */
    public enum Backend { java, openblas, cublas }

    /** The kernel modes {@code --kernels} accepts. */
    public enum KernelModeName { fast, reference }

    @Option(names = "--threads", scope = ScopeType.INHERIT, converter = Checks.Count.class, paramLabel = "N",
            description = "worker threads for the kernels (default: one per core)")
    void threads(int threads) {
        System.setProperty("jgrad.threads", Integer.toString(threads));
    }

    @Option(names = "--backend", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "GEMM backend: java, openblas or cublas (default: java)")
    void backend(Backend backend) {
        System.setProperty("jgrad.backend", backend.name());
    }

    @Option(names = "--kernels", scope = ScopeType.INHERIT, paramLabel = "MODE",
            description = "fast (float32 SIMD) or reference (the plain loops) (default: fast)")
    void kernels(KernelModeName mode) {
        System.setProperty("jgrad.kernels", mode.name().toLowerCase(Locale.ROOT));
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            Cli.commandLine(new Launcher()).usage(System.out);
            System.exit(Cli.USAGE_ERROR);
        }
        Cli.exit(new Launcher(), args);
    }

    @Override
    public void run() {
        Cli.commandLine(new Launcher()).usage(System.out);
    }
}
